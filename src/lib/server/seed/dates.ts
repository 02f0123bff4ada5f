/** Calendar arithmetic on 'YYYY-MM-DD' strings in UTC, so results never depend on the machine's zone. */
const DAY_MS = 86_400_000;

export function toUtc(isoDate: string): Date {
	return new Date(`${isoDate}T00:00:00Z`);
}

export function toIsoDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

// The seeds do date arithmetic millions of times over a few thousand distinct days: each day is parsed
// and formatted once.
const dayNumbers = new Map<string, number>();
const isoDates = new Map<number, string>();

function dayNumber(isoDate: string): number {
	let n = dayNumbers.get(isoDate);
	if (n === undefined) {
		n = toUtc(isoDate).getTime() / DAY_MS;
		dayNumbers.set(isoDate, n);
	}
	return n;
}

export function addDays(isoDate: string, days: number): string {
	const n = dayNumber(isoDate) + days;
	let iso = isoDates.get(n);
	if (iso === undefined) {
		iso = toIsoDate(new Date(n * DAY_MS));
		isoDates.set(n, iso);
	}
	return iso;
}

export function daysBetween(from: string, to: string): number {
	return Math.round(dayNumber(to) - dayNumber(from));
}

/** The first day of each month from the month of `from` to the month of `to`, inclusive. */
export function monthStarts(from: string, to: string): string[] {
	const months: string[] = [];
	const cursor = toUtc(`${from.slice(0, 7)}-01`);
	const end = toUtc(to);
	while (cursor <= end) {
		months.push(toIsoDate(cursor));
		cursor.setUTCMonth(cursor.getUTCMonth() + 1);
	}
	return months;
}

/** Days in the month that starts on `monthStart`. */
export function daysInMonth(monthStart: string): number {
	const d = toUtc(monthStart);
	return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** NHS financial years start on 1 April: 2025-03-31 is in 2024-25 (returned as 2024). */
export function financialYearOf(isoDate: string): number {
	const year = Number(isoDate.slice(0, 4));
	const month = Number(isoDate.slice(5, 7));
	return month >= 4 ? year : year - 1;
}

/** Quarter ends (30 June, 30 September, 31 December, 31 March) from `from` to `to` inclusive. */
export function quarterEnds(from: string, to: string): string[] {
	return monthStarts(from, to)
		.filter((m) => ['03', '06', '09', '12'].includes(m.slice(5, 7)))
		.map((m) => addDays(m, daysInMonth(m) - 1))
		.filter((d) => d >= from && d <= to);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2024-06-18' → 'June 2024', for naming things by when they happened. */
export function monthAndYear(isoDate: string): string {
	return `${MONTHS[Number(isoDate.slice(5, 7)) - 1]} ${isoDate.slice(0, 4)}`;
}
