import { IMPORT_CATALOGUE } from './formats';
import type { ImportFormat, ImportKind } from './formats/format';
import { openTable } from './open-table';
import type { ImportProblem } from './problems';
import type { FileFacts } from './read-file';
import { rowChecker } from './validate-rows';

/**
 * Reading, checking and encoding a file's rows is the CPU-heavy part of an import, and it needs no
 * database: a job says everything it needs in plain data, so it can run on a worker thread while the
 * main thread writes what it produces into the database.
 */
export interface RowJob {
	path: string;
	fileName: string;
	sheet: string | null;
	facts: FileFacts;
	kind: ImportKind;
	format: string;
	preset: string | null;
	/** Field name → the index of the column that supplies it. */
	columns: [string, number][];
	identifierKey: string;
	context: { ods: string; asOf: string | null };
	skipInvalid: boolean;
	/**
	 * The batch's constant COPY values (organisation, batch, snapshot ids…) when the loader streams
	 * rows into a COPY: rows then come back as COPY text. Null: rows come back as objects.
	 */
	copyConstants: Record<string, string> | null;
}

/** What a stretch of the file gave: rows to store and problems to report. */
export interface RowBatch {
	/** COPY text of the valid rows in UTF-8 (when the job has copyConstants), and how many lines it holds. */
	copy: Uint8Array;
	lines: number;
	/** Valid rows as objects (when it has not). */
	rows: { row: unknown; rowNumber: number }[];
	problems: ImportProblem[];
	/** Rows read so far in the whole file. */
	rowsRead: number;
}

export interface RowCounts {
	rowsTotal: number;
	rowsImported: number;
	rowsRejected: number;
}

/** Runs a job, handing each batch to `take` in order (and waiting for it), and returns the counts. */
export type RowRunner = (job: RowJob, take: (batch: RowBatch) => Promise<void>) => Promise<RowCounts>;

/** COPY text handed to the database at a time, in bytes. */
const BATCH_BYTES = 1024 * 1024;
/** Rows handed over as objects at a time (formats without COPY lines). */
const BATCH_ROWS = 4096;
/** Problems handed over at a time: a file where every row is wrong still streams. */
const BATCH_PROBLEMS = 1000;

/**
 * Read every row of the job's file, check it, and hand the valid ones over in batches: as COPY lines
 * when the loader streams a COPY, else as objects. After the first problem (unless skipInvalid) nothing
 * more is handed over, but reading goes on, so the report can list every problem in the file. Plain
 * data in, plain data out: this runs on the main thread or a worker alike.
 */
export async function runRows(job: RowJob, take: (batch: RowBatch) => Promise<void>, open = openTable): Promise<RowCounts> {
	const catalogue = IMPORT_CATALOGUE[job.kind];
	const format = catalogue.formats.find((f) => f.name === job.format);
	if (!format) throw new Error(`no ${job.kind} format ${job.format}`);
	const preset = catalogue.presets.find((p) => p.name === job.preset) ?? null;
	const encode = lineEncoder(format, job.copyConstants);
	const table = await open(job.path, job.facts, { fileName: job.fileName, ...(job.sheet ? { sheet: job.sheet } : {}) });
	try {
		const check = rowChecker({ format, preset, columns: new Map(job.columns) }, table.header, job.identifierKey, job.context);
		const counts = { rowsTotal: 0, rowsImported: 0, rowsRejected: 0 };
		let writing = true;
		let copy = new CopyText();
		let rows: RowBatch['rows'] = [];
		let problems: ImportProblem[] = [];
		const handOver = async () => {
			const batch: RowBatch = { copy: copy.bytes(), lines: copy.lines, rows, problems, rowsRead: counts.rowsTotal };
			copy = new CopyText();
			rows = [];
			problems = [];
			await take(batch);
		};
		for await (const batch of table.rows) {
			for (const raw of batch) {
				counts.rowsTotal += 1;
				const result = check(raw);
				if (result.problems) {
					counts.rowsRejected += 1;
					writing &&= job.skipInvalid;
					for (const problem of result.problems) problems.push(problem);
					continue;
				}
				if (!writing) continue;
				counts.rowsImported += 1;
				if (encode) {
					copy.add(encode(result.row));
				} else {
					rows.push({ row: result.row, rowNumber: raw.row });
				}
			}
			if (copy.size >= BATCH_BYTES || rows.length >= BATCH_ROWS || problems.length >= BATCH_PROBLEMS) await handOver();
		}
		if (counts.rowsTotal === 0) problems.push({ row: null, column: null, value: null, message: `${job.fileName} has a header but no rows` });
		await handOver();
		return { ...counts, rowsImported: writing || job.skipInvalid ? counts.rowsImported : 0 };
	} finally {
		await table.close();
	}
}

function lineEncoder(format: ImportFormat<unknown>, constants: Record<string, string> | null): ((row: unknown) => string) | null {
	if (!constants) return null;
	const fields = format.copyFields;
	if (!fields) throw new Error(`the ${format.name} format has no COPY lines`);
	return (row) => `${fields(row, constants).join('\t')}\n`;
}

/**
 * Lines of COPY text written straight into bytes as they are made: no string outlives its row, so a
 * million rows make little garbage, and the bytes cross to the main thread without a copy.
 */
class CopyText {
	#buffer = Buffer.allocUnsafeSlow(BATCH_BYTES + 64 * 1024);
	size = 0;
	lines = 0;

	add(line: string): void {
		// UTF-8 takes at most three bytes per UTF-16 unit.
		if (this.size + line.length * 3 > this.#buffer.length) this.#grow(line.length * 3);
		this.size += this.#buffer.write(line, this.size, 'utf8');
		this.lines += 1;
	}

	bytes(): Uint8Array {
		return this.#buffer.subarray(0, this.size);
	}

	#grow(needed: number): void {
		const bigger = Buffer.allocUnsafeSlow(Math.max(this.#buffer.length * 2, this.size + needed));
		this.#buffer.copy(bigger, 0, 0, this.size);
		this.#buffer = bigger;
	}
}
