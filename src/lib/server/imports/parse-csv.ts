import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';

export interface RawRow {
	/** The row's number as a spreadsheet shows it (the header is row 1). */
	row: number;
	cells: string[];
}

export interface ParsedCsv {
	header: string[];
	rows: AsyncIterable<RawRow>;
}

/** The delimiter of a CSV export, judged from its header line: comma, semicolon or tab. */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
	const counts = ([',', ';', '\t'] as const).map((d) => [d, firstLine.split(d).length - 1] as const);
	counts.sort((a, b) => b[1] - a[1]);
	return counts[0]?.[1] ? counts[0][0] : ',';
}

/**
 * Parse CSV text as a stream of rows of strings (types are converted later, by the validators: much
 * faster than converting in the parser). Quoted fields may hold delimiters and line breaks.
 */
export async function parseCsv(text: Readable, fileName: string): Promise<ParsedCsv> {
	const iterator = text[Symbol.asyncIterator]();
	let buffered = '';
	// Read enough to see the header line, to choose the delimiter.
	while (!buffered.includes('\n')) {
		const next = await iterator.next();
		if (next.done) break;
		buffered += String(next.value);
	}
	const delimiter = detectDelimiter(buffered.split('\n')[0] ?? '');
	const parser = parse({ delimiter, bom: true, relax_quotes: false, skip_empty_lines: true, info: true, max_record_size: 1_000_000 });
	(async () => {
		try {
			if (buffered) parser.write(buffered);
			for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
				if (!parser.write(String(next.value))) await new Promise((resolve) => parser.once('drain', resolve));
			}
			parser.end();
		} catch (error) {
			parser.destroy(error as Error);
		}
	})();
	const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[] }>;
	const first = await records.next();
	if (first.done) throw new CsvError(`${fileName} is empty: it has no header row`);
	const header = first.value.record.map((h) => h.trim());
	let row = 1;
	return {
		header,
		rows: {
			[Symbol.asyncIterator]: () => ({
				next: async () => {
					const r = await records.next();
					if (r.done) return { done: true, value: undefined };
					row += 1;
					return { done: false, value: { row, cells: r.value.record } };
				}
			})
		}
	};
}

export class CsvError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CsvError';
	}
}
