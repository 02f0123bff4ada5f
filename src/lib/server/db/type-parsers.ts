/**
 * One decision for both drivers about how PostgreSQL values become JavaScript values.
 *
 * - int8 (bigint: ids, money in pence, counts) → number. Money is integer pence; the largest sum Beacon
 *   can meet (a national instance's five years of spend) is far below 2^53 pence (£90 trillion), so a
 *   number is exact. A value beyond that is a bug, and we fail loudly rather than round silently.
 * - numeric (rates, ratios computed in SQL) → number.
 * - date → 'YYYY-MM-DD' string: a calendar date has no time zone, and turning it into a Date at local
 *   midnight shifts it by a day in half the world.
 * - timestamptz → Date (both drivers' default).
 */
export const PG_TYPE = {
	INT8: 20,
	NUMERIC: 1700,
	DATE: 1082
} as const;

export function parseInt8(value: string): number {
	const n = Number(value);
	if (!Number.isSafeInteger(n)) {
		throw new RangeError(`bigint value ${value} is beyond the safe integer range`);
	}
	return n;
}

export function parseNumeric(value: string): number {
	return Number(value);
}

export function parseDate(value: string): string {
	return value;
}

export const typeParsers: Record<number, (value: string) => unknown> = {
	[PG_TYPE.INT8]: parseInt8,
	[PG_TYPE.NUMERIC]: parseNumeric,
	[PG_TYPE.DATE]: parseDate
};
