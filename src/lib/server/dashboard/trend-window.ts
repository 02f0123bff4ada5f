import { addMonths } from '../metrics/periods';

/** Today's date in UTC, 'YYYY-MM-DD': what a dashboard shows when the URL names no as-of date. */
export function todayUtc(): string {
	return new Date().toISOString().slice(0, 10);
}

/** The 12 months a dashboard's trends cover: those ending with the as-of date's month ('YYYY-MM', inclusive). */
export function trendRangeEndingAt(asOf: string): { from: string; to: string } {
	return { from: addMonths(asOf, -11).slice(0, 7), to: asOf.slice(0, 7) };
}
