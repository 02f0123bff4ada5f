import Papa from 'papaparse';

/**
 * The records of CSV text with a header row, as header → cell, read with papaparse (Beacon's one CSV
 * parser) as strictly as a test needs: comma-separated, every row as wide as the header, and any problem
 * the parser meets fails the test. A byte-order mark is dropped; the line break ending the last row is not
 * a row of its own, but an empty line anywhere else is a short row, and so an error.
 */
export function parseCsvRecords(text: string): Record<string, string>[] {
	const result = Papa.parse<Record<string, string>>(text.replace(/\r?\n$/, ''), { header: true, delimiter: ',' });
	if (result.errors.length > 0) throw new Error(`unreadable CSV: ${result.errors.map((e) => `row ${e.row}: ${e.message}`).join('; ')}`);
	return result.data;
}
