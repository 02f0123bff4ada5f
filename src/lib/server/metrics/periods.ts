import { startOfCalendarDay } from '../db/day';

/**
 * The periods metrics are measured over, as pure calendar arithmetic on 'YYYY-MM-DD' strings (computed on
 * UTC dates, so no machine's time zone can shift a boundary by a day); instants (incident timestamps) are
 * compared against the midnights that start those dates in London, the NHS's calendar (db/day.ts).
 */
const DAY_MS = 86_400_000;

function toUtc(isoDate: string): Date {
	return new Date(`${isoDate}T00:00:00Z`);
}

function toIsoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
	return toIsoDate(new Date(toUtc(isoDate).getTime() + days * DAY_MS));
}

/**
 * Calendar months later (or earlier), keeping the day of the month and clamping it to the month's last
 * day, as PostgreSQL's `date - interval 'n months'` does: 2024-02-29 minus 12 months is 2023-02-28.
 */
export function addMonths(isoDate: string, months: number): string {
	const d = toUtc(isoDate);
	const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
	const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
	return toIsoDate(target);
}

/** A run of calendar days, open at the start and closed at the end: `after` < day ≤ `through`. */
export interface DateWindow {
	after: string;
	through: string;
}

/**
 * "In the 12 months before the date": the days after the same date a year earlier, up to and including
 * the date itself. As of 2025-03-31 that is 2024-04-01 to 2025-03-31; a completion dated exactly a year
 * before the date (2024-03-31) is outside, one dated on the date is inside.
 */
export function twelveMonthsBefore(asOf: string): DateWindow {
	return { after: addMonths(asOf, -12), through: asOf };
}

/**
 * The same window as instants, for timestamps: from London midnight at the start of its first day,
 * inclusive, to London midnight at the end of its last day, exclusive. An instant is "as of" the date when
 * it is before `end`.
 */
export function instantsOf(window: DateWindow): { start: Date; end: Date } {
	return { start: startOfCalendarDay(addDays(window.after, 1)), end: startOfCalendarDay(addDays(window.through, 1)) };
}

/** NHS financial years run 1 April to 31 March and are named by the year they start: 2025-03-31 is in 2024 (2024-25). */
export function financialYearOf(isoDate: string): number {
	const year = Number(isoDate.slice(0, 4));
	const month = Number(isoDate.slice(5, 7));
	return month >= 4 ? year : year - 1;
}

/** First and last day of a financial year, both inclusive. */
export function financialYearBounds(year: number): { from: string; to: string } {
	return { from: `${year}-04-01`, to: `${year + 1}-03-31` };
}

/** 2024 → "2024-25"; 2099 → "2099-00". */
export function financialYearLabel(year: number): string {
	return `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
}
