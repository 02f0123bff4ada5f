import { parseAsOf, today } from '../as-of';
import type { ServiceContext } from '../context';
import { selectFreshnessSettings } from './queries';

/** The date a dashboard page is read as of, and whether it opened at the organisation's data end. */
export interface PageDate {
	asOf: string;
	/** Set when the address named no date and the page opened at the organisation's recorded data end (the demo). */
	opensAtDataEnd: string | null;
}

/**
 * The date every dashboard page opens at, decided once: the `?asOf=` the address names (a ValidationError
 * naming `asOf` when it is not a real date), else the organisation's recorded data end when that has passed
 * (the demo, whose data ends on 30 September 2026, opens there rather than decaying against today), else
 * today in London. The page says so when it opened at the data end (components/ui/OpensAtDataEnd.svelte).
 */
export async function resolvePageDate(ctx: ServiceContext, organisationId: number, what: string, asOf: string | undefined): Promise<PageDate> {
	if (asOf !== undefined) return { asOf: parseAsOf(what, asOf), opensAtDataEnd: null };
	const { data_ends_on: dataEndsOn } = await selectFreshnessSettings(ctx.db, organisationId);
	const opensAtDataEnd = dataEndsOn !== null && dataEndsOn < today() ? dataEndsOn : null;
	return { asOf: opensAtDataEnd ?? today(), opensAtDataEnd };
}
