/** Number, money, percentage and date formats shared by the screen, the CLI and the PDF reports. */
const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function formatCount(n: number): string {
	return integer.format(n);
}

/** Whole pounds from integer pence, e.g. 123456 → "£1,235". */
export function formatPence(pence: number): string {
	return pounds.format(pence / 100);
}

/** A fraction 0–1 as a percentage with one decimal, e.g. 0.9123 → "91.2 %". */
export function formatRate(fraction: number): string {
	return `${(fraction * 100).toFixed(1)} %`;
}

/** 'YYYY-MM-DD' → "14 March 2025". */
export function formatDate(isoDate: string): string {
	return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}

const londonDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** The calendar day in England of an instant (an ISO timestamp), e.g. "14 March 2025". */
export function formatLondonDate(isoTimestamp: string): string {
	return londonDate.format(new Date(isoTimestamp));
}
