import { z } from 'zod';
import { isoDate } from '../schemas/common';
import { today } from './db/day';
import { parseInput } from './errors';

/** Today's date in London, 'YYYY-MM-DD' (db/day.ts): what a page shows when its address names no as-of date. */
export { today };

const asOfQuery = z.object({ asOf: isoDate.optional() });

/**
 * The date a page is read as of: the `?asOf=` its route passes on unchecked, or today when there is none.
 * One that is not a real date is a ValidationError naming `asOf`, which the route answers with a 400.
 */
export function parseAsOf(what: string, asOf: string | undefined): string {
	return parseInput(asOfQuery, what, { asOf }).asOf ?? today();
}
