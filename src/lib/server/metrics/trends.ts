import { z } from 'zod';
import type { ServiceContext } from '../context';
import { parseInput, ValidationError } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { addDays, addMonths } from './periods';
import * as q from './rollup-queries';
import { MAX_TREND_MONTHS, MIN_TREND_MONTHS, monthsBetween, toMonthlyTrends, type MonthlyTrends } from './trend-series';

const month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM, e.g. 2025-03');
const trendRange = z.object({ from: month, to: month });

/**
 * An organisation's monthly series from..to ('YYYY-MM', inclusive; 12 to 36 months), read from the
 * monthly rollup (refreshed whenever the data changes), never from raw rows. Months with no data are
 * null. See trend-series.ts for the series and rollup-queries.ts for what each figure counts.
 *
 * With `asOf`, the trend ends at that date: a month after it is refused, and when the date falls before
 * the last day of the last month, that month is drawn "to date" — its figures as they stood on `asOf`
 * (training and devices as the headline metrics give them on that date, incidents and spend from the 1st to
 * it) — and `toDate` says so. The last point and the page's headline then always agree.
 */
export async function getMonthlyTrends(ctx: ServiceContext, ods: string, range: { from: string; to: string }, asOf?: string): Promise<MonthlyTrends> {
	const { from, to } = parseInput(trendRange, 'trend range', range);
	const months = monthsBetween(from, to);
	if (!months || months.length < MIN_TREND_MONTHS || months.length > MAX_TREND_MONTHS) {
		const message = `a trend covers ${MIN_TREND_MONTHS} to ${MAX_TREND_MONTHS} months: ${from} to ${to} is ${months ? months.length : 'no'} month(s)`;
		throw new ValidationError(message, [{ field: 'to', message }]);
	}
	const org = await requireOrganisation(ctx, ods, 'read');
	if (asOf !== undefined && to > asOf.slice(0, 7)) {
		const message = `a trend as of ${asOf} cannot run to ${to}: that month has not begun`;
		throw new ValidationError(message, [{ field: 'to', message }]);
	}
	const rows = await q.selectMonthlyRollup(ctx.db, org.id, `${from}-01`, `${to}-01`);
	const partial = asOf !== undefined && asOf.slice(0, 7) === to && asOf < lastDayOfMonth(asOf);
	if (!partial) return toMonthlyTrends(org.ods_code, months, rows);
	const toDate = await q.selectMonthToDate(ctx.db, org.id, `${to}-01`, asOf);
	const last = rows.find((r) => r.month.slice(0, 7) === to);
	const others = rows.filter((r) => r !== last);
	const { refreshedAt } = toMonthlyTrends(org.ods_code, months, rows);
	return { ...toMonthlyTrends(org.ods_code, months, [...others, toDateRow(`${to}-01`, toDate, last)]), refreshedAt, toDate: asOf };
}

/** '2026-12-31' for any day of December 2026. */
function lastDayOfMonth(isoDate: string): string {
	return addDays(addMonths(`${isoDate.slice(0, 7)}-01`, 1), -1);
}

/**
 * The month's row to date: the figures as they stood on the date, keeping the rollup's say on whether the
 * month has incident or spend data at all (null before an organisation's first incident or ledger line),
 * unless there is some by the date.
 */
export function toDateRow(month: string, toDate: q.MonthToDateRow, rollup: q.MonthlyRollupRow | undefined): q.MonthlyRollupRow {
	const incidents = rollup?.incidents_detected != null || toDate.incidents_detected! > 0;
	const spend = rollup?.spend_pence != null || toDate.spend_pence! > 0;
	return {
		...toDate,
		month,
		incidents_detected: incidents ? toDate.incidents_detected : null,
		incidents_ico_reportable: incidents ? toDate.incidents_ico_reportable : null,
		incidents_dhsc_reportable: incidents ? toDate.incidents_dhsc_reportable : null,
		incidents_notified_late: incidents ? toDate.incidents_notified_late : null,
		incident_cost_pence: incidents ? toDate.incident_cost_pence : null,
		spend_pence: spend ? toDate.spend_pence : null,
		spend_by_category: spend ? toDate.spend_by_category : null,
		// Not a rollup row: when the rollup was rebuilt is told from the rows read (getMonthlyTrends).
		refreshed_at: rollup?.refreshed_at ?? new Date(8.64e15)
	};
}

/** The 12 months a page's trends cover: those ending with the as-of date's month ('YYYY-MM', inclusive). */
export function trendRangeEndingAt(asOf: string): { from: string; to: string } {
	return { from: addMonths(asOf, -11).slice(0, 7), to: asOf.slice(0, 7) };
}
