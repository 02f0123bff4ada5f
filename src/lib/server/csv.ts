import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) gets a leading apostrophe,
 * so an exported file cannot execute anything when opened in Excel or LibreOffice.
 */
export function neutraliseFormula(value: unknown): string {
	if (value === null || value === undefined) return '';
	const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** CSV text with a header row, every cell neutralised. */
export function toCsv(header: string[], rows: unknown[][]): string {
	return stringify([header, ...rows.map((row) => row.map(neutraliseFormula))]);
}
