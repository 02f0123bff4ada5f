import Papa from 'papaparse';
import { Readable } from 'node:stream';
import { UnreadableFileError, type RawRow, type TableSource } from './table-source';

/** The delimiter of a CSV export, judged from its header line: comma, semicolon or tab. */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
	const counts = ([',', ';', '\t'] as const).map((d) => [d, firstLine.split(d).length - 1] as const);
	counts.sort((a, b) => b[1] - a[1]);
	return counts[0]?.[1] ? counts[0][0] : ',';
}

// Parsed batches waiting for the reader; beyond this the parser pauses, so memory stays flat.
const QUEUED_BATCHES = 4;

/**
 * Read CSV text as a header and a stream of row batches, all strings (the validators convert types
 * later: much faster than converting in the parser). Quoted fields may hold delimiters and line breaks.
 * A row whose quotes do not close is reported on that row rather than swallowing the rest of the file.
 */
export async function readCsv(text: Readable, fileName: string): Promise<TableSource> {
	const iterator = text[Symbol.asyncIterator]();
	let head = '';
	while (!head.includes('\n')) {
		const next = await iterator.next();
		if (next.done) break;
		head += String(next.value);
	}
	if (!head.trim()) throw new UnreadableFileError(`${fileName} is empty: it has no header row`);
	const delimiter = detectDelimiter(head.split('\n')[0] ?? '');

	const queue: RawRow[][] = [];
	let finished = false;
	let failure: Error | undefined;
	let wake: (() => void) | undefined;
	let parser: Papa.Parser | undefined;
	let paused = false;
	let row = 0;
	const notify = () => {
		wake?.();
		wake = undefined;
	};

	Papa.parse<string[]>(restOf(head, iterator) as unknown as Papa.LocalFile, {
		delimiter,
		skipEmptyLines: true,
		chunk: (results: Papa.ParseResult<string[]>, p: Papa.Parser) => {
			parser = p;
			const quoteProblems = new Map(results.errors.filter((e) => e.type === 'Quotes').map((e) => [e.row, e.message] as const));
			const batch = results.data.map((cells: string[], i: number): RawRow => {
				row += 1;
				const problem = quoteProblems.get(i);
				return problem ? { row, cells, problem: `the quotes do not match (${problem.toLowerCase()})` } : { row, cells };
			});
			queue.push(batch);
			notify();
			if (queue.length >= QUEUED_BATCHES && !paused) {
				paused = true;
				p.pause();
			}
		},
		complete: () => {
			finished = true;
			notify();
		},
		error: (error: Error) => {
			failure = error;
			finished = true;
			notify();
		}
	} as unknown as Papa.ParseLocalConfig<string[], Papa.LocalFile>);

	async function nextBatch(): Promise<RawRow[] | undefined> {
		while (queue.length === 0 && !finished) await new Promise<void>((resolve) => (wake = resolve));
		const batch = queue.shift();
		if (paused && queue.length < QUEUED_BATCHES / 2) {
			paused = false;
			parser?.resume();
		}
		if (!batch && failure) throw new UnreadableFileError(`${fileName} cannot be read as CSV: ${failure.message}`);
		return batch;
	}

	// The first row is the header; batches carry on from there.
	let first = await nextBatch();
	while (first && first.length === 0) first = await nextBatch();
	const headerRow = first?.shift();
	if (!headerRow) throw new UnreadableFileError(`${fileName} is empty: it has no header row`);
	const header = headerRow.cells.map((h) => h.trim());
	return {
		header,
		rows: {
			async *[Symbol.asyncIterator]() {
				if (first?.length) yield first;
				for (let batch = await nextBatch(); batch; batch = await nextBatch()) yield batch;
			}
		}
	};
}

/** The text again as a stream, starting with the part already read to find the header. */
function restOf(head: string, iterator: AsyncIterator<unknown>): Readable {
	// A generator-backed stream reads lazily, so Papa's pause() really stops reading the file.
	return Readable.from(
		(async function* () {
			yield head;
			for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield String(next.value);
		})(),
		{ objectMode: false }
	);
}
