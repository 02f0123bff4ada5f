import Papa from 'papaparse';
import type { Readable } from 'node:stream';
import { UnreadableFileError, type RawRow, type TableSource } from './table-source';

type Delimiter = ',' | ';' | '\t';
type Newline = '\r\n' | '\n' | '\r';
interface Layout {
	delimiter: Delimiter;
	newline: Newline;
}

// A quoted field as Papa reads one: a quote at the start of a field, up to the next quote that is not doubled.
const QUOTED = /(^|[,;\t\r\n])"(?:[^"]|"")*"/g;
// A quoted field longer than this is taken to be an unclosed quote. A spreadsheet cell holds at most 32,767
// characters, so no real export comes near it; and it bounds the text held while waiting for the quote to close.
const LONGEST_QUOTED_FIELD = 1 << 20;
const UNCLOSED =
	'the quotes do not match: a quoted field on this row is not closed on its line (unclosed quote), so the rest of the line was left out and reading went on from the next line';

/** The delimiter of a CSV export, judged from its header line with quoted names left out: comma, semicolon or tab. */
export function detectDelimiter(head: string): Delimiter {
	const line = head.replace(QUOTED, '$1').split(/\r\n?|\n/, 1)[0] ?? '';
	const counts = ([',', ';', '\t'] as const).map((d) => [d, line.split(d).length - 1] as const);
	counts.sort((a, b) => b[1] - a[1]);
	return counts[0]?.[1] ? counts[0][0] : ',';
}

/**
 * The file's line break, as the first one outside quotes in its head shows it; undefined while more text
 * could change the answer (the head ends inside a quote, or between a CR and what follows it). Papa would
 * guess from its first chunk, and a chunk ending between CR and LF makes it guess a lone CR.
 */
export function detectNewline(head: string, ended: boolean): Newline | undefined {
	const quotesCount = head.length <= LONGEST_QUOTED_FIELD;
	const text = quotesCount ? head.replace(QUOTED, '$1') : head;
	const found = (quotesCount ? /\r\n?|\n|(?:^|[,;\t])"/ : /\r\n?|\n/).exec(text);
	if (!found || found[0].endsWith('"')) return ended ? ((/\r\n?|\n/.exec(head)?.[0] as Newline | undefined) ?? '\n') : undefined;
	if (found[0] === '\r' && found.index === text.length - 1 && !ended) return undefined;
	return found[0] as Newline;
}

/**
 * Read CSV text as a header and a stream of row batches, all strings (the validators convert types later:
 * much faster than converting in the parser). Quoted fields may hold delimiters and line breaks. A quote
 * that does not close on its line, and then never does (or not within a length no real field has, or only
 * at a later field's opening quote, which Papa finds malformed), is reported on the row where it opened and
 * reading goes on from the next line, so a stray quote costs one row rather than the rest of the file. A
 * stray quote that a later quote closes cleanly cannot be told from a quoted field with line breaks: the
 * lines between become one row. Text is read only as the rows are, and closed when they end or stop being read.
 */
export async function readCsv(text: Readable, fileName: string): Promise<TableSource> {
	const chunks = text[Symbol.asyncIterator]();
	try {
		let head = '';
		let ended = false;
		let newline: Newline | undefined;
		while (!(newline = detectNewline(head, ended))) {
			const next = await chunks.next();
			if (next.done) ended = true;
			else head += String(next.value);
		}
		if (!head.trim()) throw new UnreadableFileError(`${fileName} is empty: it has no header row`);
		const batches = readRows(text, chunks, head, ended, { delimiter: detectDelimiter(head), newline });
		const first = await batches.next();
		const headerRow = first.done ? undefined : first.value.shift();
		if (!headerRow) throw new UnreadableFileError(`${fileName} is empty: it has no header row`);
		if (headerRow.problem) throw new UnreadableFileError(`${fileName} cannot be read as CSV: the quotes in its header row do not match`);
		const rows = (async function* () {
			try {
				if (!first.done && first.value.length > 0) yield first.value;
				yield* batches;
			} finally {
				await batches.return(undefined);
			}
		})();
		return {
			header: headerRow.cells.map((h) => h.trim()),
			rows,
			close: async () => {
				await rows.return(undefined);
				await batches.return(undefined);
			}
		};
	} catch (error) {
		text.destroy();
		throw error;
	}
}

/** Non-empty records as numbered rows (the header is row 1), a batch per chunk of text; the text is closed at the end. */
async function* readRows(text: Readable, chunks: AsyncIterator<unknown>, head: string, ended: boolean, layout: Layout) {
	const parser = new Papa.Parser(layout);
	let pending = head; // always starts at the start of a record
	let row = 0;
	try {
		for (;;) {
			const { records, used } = parseRecords(parser, pending, ended, layout);
			pending = pending.slice(used);
			const batch: RawRow[] = [];
			for (const { cells, problem } of records) {
				if (!problem && cells.length === 1 && cells[0] === '') continue;
				row += 1;
				batch.push(problem ? { row, cells, problem } : { row, cells });
			}
			if (batch.length > 0) yield batch;
			if (ended) return;
			const next = await chunks.next();
			if (next.done) ended = true;
			else pending += String(next.value);
		}
	} finally {
		text.destroy();
	}
}

interface ParsedRecord {
	cells: string[];
	problem?: string;
}

/**
 * The records Papa can complete at the start of `text` (all of them once the text has `ended`), and how
 * much of the text they take. A quote that does not close on its own line, and either stays open to the end
 * of the text, runs on for longer than any real field, or closes only at a later field's quote, ends its
 * record at the end of that line; Papa starts again on the line after it.
 */
function parseRecords(parser: Papa.Parser, text: string, ended: boolean, layout: Layout): { records: ParsedRecord[]; used: number } {
	const { newline } = layout;
	const records: ParsedRecord[] = [];
	let used = 0;
	let settle = ended; // parse as if the text ended here, which is how Papa reports a quote left open
	for (;;) {
		const part = used ? text.slice(used) : text;
		let result = parse(parser, part, settle);
		let open = openQuote(result);
		// Settled early to look at an overlong record: unless a quote in it really is open that long, wait for more text.
		if (settle && !ended && !(open && part.length - open.index > LONGEST_QUOTED_FIELD)) return { records, used };
		const strayEnd = strayQuoteLineEnd(parser, part, result, layout, open?.row ?? result.data.length);
		const cut = strayEnd === undefined ? undefined : parse(parser, part.slice(0, strayEnd), true);
		if (cut && openQuote(cut)) [result, open] = [cut, openQuote(cut)];
		if (!open) {
			records.push(...withProblems(result, result.data.length));
			used += result.meta.cursor;
			const rest = part.length - result.meta.cursor;
			if (ended || rest <= LONGEST_QUOTED_FIELD || !part.includes('"', result.meta.cursor)) return { records, used };
			settle = true;
			continue;
		}
		records.push(...withProblems(result, open.row));
		const lineEnd = part.indexOf(newline, open.index);
		const cells = result.data[open.row] ?? [];
		cells[cells.length - 1] = part.slice(open.index, lineEnd < 0 ? part.length : lineEnd);
		records.push({ cells, problem: UNCLOSED });
		used += lineEnd < 0 ? part.length : lineEnd + newline.length;
		settle = ended;
	}
}

function parse(parser: Papa.Parser, text: string, settle: boolean): Papa.ParseResult<string[]> {
	return parser.parse(text, 0, !settle) as Papa.ParseResult<string[]>;
}

/** Where Papa reports a quote open at the end of the text: the record it is in, and the position after it. */
function openQuote(result: Papa.ParseResult<string[]>): { row: number; index: number } | undefined {
	const missing = result.errors.find((e) => e.code === 'MissingQuotes');
	return missing && { row: missing.row ?? 0, index: missing.index ?? 0 };
}

/**
 * The end of the line where a stray quote opened a field (in one of the first `count` records) that Papa
 * closed at a later field's quote, swallowing the lines between: a field that runs past a line break, has
 * a malformed quote, and holds a quote at the start of a field. (A quoted field with line breaks and an
 * unescaped quote inside it has the first two but rarely the third: it stays one row, reported as it is.)
 */
function strayQuoteLineEnd(
	parser: Papa.Parser,
	part: string,
	result: Papa.ParseResult<string[]>,
	{ delimiter, newline }: Layout,
	count: number
): number | undefined {
	const swallowed = (cell: string) => cell.includes(newline) && (cell.includes(`${delimiter}"`) || cell.includes(`${newline}"`));
	for (const error of result.errors) {
		if (error.code !== 'InvalidQuotes' || error.row === undefined || error.row >= count || error.index === undefined) continue;
		if (!result.data[error.row]?.some(swallowed)) continue;
		const lineEnd = part.indexOf(newline, error.index);
		// The field alone, from its opening quote to the end of its line: does it close there?
		if (lineEnd >= 0 && openQuote(parse(parser, part.slice(error.index - 1, lineEnd), true))) return lineEnd;
	}
	return undefined;
}

/** The first `count` records of a parse, each with the problem Papa found in its quotes, if any. */
function withProblems(result: Papa.ParseResult<string[]>, count: number): ParsedRecord[] {
	const problems = new Map(result.errors.filter((e) => e.type === 'Quotes').map((e) => [e.row, e.message] as const));
	return result.data.slice(0, count).map((cells, i) => {
		const problem = problems.get(i);
		return problem ? { cells, problem: `the quotes do not match (${problem.toLowerCase()})` } : { cells };
	});
}
