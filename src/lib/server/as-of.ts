/** Today's date in UTC, 'YYYY-MM-DD': what a page shows when its address names no as-of date. */
export function todayUtc(): string {
	return new Date().toISOString().slice(0, 10);
}
