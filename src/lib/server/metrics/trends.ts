import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseInput, ValidationError } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { addMonths } from './periods';
import * as q from './rollup-queries';
import { MAX_TREND_MONTHS, MIN_TREND_MONTHS, monthsBetween, toMonthlyTrends, type MonthlyTrends } from './trend-series';

const month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM, e.g. 2025-03');
const trendRange = z.object({ from: month, to: month });

/**
 * An organisation's monthly series from..to ('YYYY-MM', inclusive; 12 to 36 months), read from the
 * monthly rollup alone (refreshed whenever the data changes), never from raw rows. Months with no data are
 * null. See trend-series.ts for the series and rollup-queries.ts for what each figure counts.
 */
export async function getMonthlyTrends(ctx: ServiceContext, ods: string, range: { from: string; to: string }): Promise<MonthlyTrends> {
	const { from, to } = parseInput(trendRange, 'trend range', range);
	const months = monthsBetween(from, to);
	if (!months || months.length < MIN_TREND_MONTHS || months.length > MAX_TREND_MONTHS) {
		const message = `a trend covers ${MIN_TREND_MONTHS} to ${MAX_TREND_MONTHS} months: ${from} to ${to} is ${months ? months.length : 'no'} month(s)`;
		throw new ValidationError(message, [{ field: 'to', message }]);
	}
	const org = await requireOrganisation(ctx, ods, 'read');
	const rows = await q.selectMonthlyRollup(ctx.db, org.id, `${from}-01`, `${to}-01`);
	return toMonthlyTrends(org.ods_code, months, rows);
}

/** The 12 months a page's trends cover: those ending with the as-of date's month ('YYYY-MM', inclusive). */
export function trendRangeEndingAt(asOf: string): { from: string; to: string } {
	return { from: addMonths(asOf, -11).slice(0, 7), to: asOf.slice(0, 7) };
}
