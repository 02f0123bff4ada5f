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
	/**
	 * The rows may be checked on several threads at once (RowShard): each row stands alone. False when the
	 * format checks rows against each other (crossCheck) or the file is a workbook.
	 */
	parallel: boolean;
}

/** What a stretch of the file gave: rows to store and problems to report. */
export interface RowBatch {
	/** The stretch's place in the file: 0, 1, 2… (a sharded run hands them over out of order). */
	number: number;
	/** COPY text of the valid rows in UTF-8 (when the job has copyConstants), and how many lines it holds. */
	copy: Uint8Array;
	lines: number;
	/** Valid rows as objects (when it has not). */
	rows: { row: unknown; rowNumber: number }[];
	problems: ImportProblem[];
	/** The file's rows in this stretch; of them, rejected and handed over (lines or rows). */
	rowsInBatch: number;
	rejected: number;
	imported: number;
	/** A problem in this stretch stopped the writing (not skipInvalid): later stretches hand nothing over. */
	stopped: boolean;
	/** Rows read so far in the whole file, to the end of this stretch. */
	rowsRead: number;
}

export interface RowCounts {
	rowsTotal: number;
	rowsImported: number;
	rowsRejected: number;
}

/**
 * Which stretches of the file one thread checks: stretch n is its own when n % count === index. Every
 * thread of a sharded run reads (and parses) the whole file, so each numbers the rows, finds the same
 * stretches and meets the same unreadable line exactly as one thread alone would; the checking, hashing
 * and encoding, most of the work, is split. Stretches are `rows` rows of the file each.
 */
export interface RowShard {
	index: number;
	count: number;
	rows: number;
}

/** What a sharded thread says at the end: how many rows the file had and how many stretches that made. */
export interface ShardEnd {
	rowsTotal: number;
	batches: number;
}

/**
 * The row work stopped part-way for a reason outside the file (a worker thread died): the import is rolled
 * back and reported as not done, with this message, like a file problem.
 */
export class ImportStoppedError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ImportStoppedError';
	}
}

/** Runs a job, handing each batch to `take` in order (and waiting for it), and returns the counts. */
export type RowRunner = (job: RowJob, take: (batch: RowBatch) => Promise<void>) => Promise<RowCounts>;

/** COPY text handed to the database at a time, in bytes. */
const BATCH_BYTES = 1024 * 1024;
/** Rows handed over as objects at a time (formats without COPY lines). */
const BATCH_ROWS = 4096;
/** Problems handed over at a time: a file where every row is wrong still streams. */
const BATCH_PROBLEMS = 1000;
/** A sharded run's stretch, in rows of the file: about a megabyte of COPY text for a device export. */
export const SHARD_ROWS = 8192;

/**
 * Read every row of the job's file, check it, and hand the valid ones over in batches: as COPY lines
 * when the loader streams a COPY, else as objects. After the first problem (unless skipInvalid) nothing
 * more is handed over, but reading goes on, so the report can list every problem in the file. Plain
 * data in, plain data out: this runs on the main thread or a worker alike. With a shard, only that
 * shard's stretches are checked and handed over (numbered), and the counts are the coordinator's to add up.
 */
export async function runRows(
	job: RowJob,
	take: (batch: RowBatch) => Promise<void>,
	open = openTable,
	shard: RowShard = { index: 0, count: 1, rows: Infinity }
): Promise<RowCounts & ShardEnd> {
	const catalogue = IMPORT_CATALOGUE[job.kind];
	const format = catalogue.formats.find((f) => f.name === job.format);
	if (!format) throw new Error(`no ${job.kind} format ${job.format}`);
	const preset = catalogue.presets.find((p) => p.name === job.preset) ?? null;
	const encode = lineEncoder(format, job.copyConstants);
	const alone = shard.count === 1;
	const table = await open(job.path, job.facts, { fileName: job.fileName, ...(job.sheet ? { sheet: job.sheet } : {}) });
	try {
		const check = rowChecker({ format, preset, columns: new Map(job.columns) }, table.header, job.identifierKey, job.context);
		const counts = { rowsTotal: 0, rowsImported: 0, rowsRejected: 0 };
		let writing = true;
		let number = 0;
		let current = emptyBatch(0);
		let copy = new CopyText();
		const handOver = async () => {
			const batch: RowBatch = { ...current, copy: copy.bytes(), lines: copy.lines, rowsRead: counts.rowsTotal };
			number += 1;
			current = emptyBatch(number);
			copy = new CopyText();
			await take(batch);
		};
		let own = alone || shard.index === 0;
		for await (const rows of table.rows) {
			for (const raw of rows) {
				counts.rowsTotal += 1;
				current.rowsInBatch += 1;
				if (own) {
					const result = check(raw);
					if (result.problems) {
						counts.rowsRejected += 1;
						current.rejected += 1;
						if (writing && !job.skipInvalid) [writing, current.stopped] = [false, true];
						for (const problem of result.problems) current.problems.push(problem);
					} else if (writing) {
						counts.rowsImported += 1;
						current.imported += 1;
						if (encode) copy.add(encode(result.row));
						else current.rows.push({ row: result.row, rowNumber: raw.row });
					}
				}
				if (current.rowsInBatch === shard.rows) {
					if (own) await handOver();
					else current = emptyBatch((number += 1));
					own = alone || number % shard.count === shard.index;
				} else if (alone && (copy.size >= BATCH_BYTES || current.rows.length >= BATCH_ROWS || current.problems.length >= BATCH_PROBLEMS)) {
					await handOver();
				}
			}
		}
		const last = current.rowsInBatch > 0 ? number + 1 : number;
		if (counts.rowsTotal === 0 && own) current.problems.push({ row: null, column: null, value: null, message: `${job.fileName} has a header but no rows` });
		// Alone, a last (perhaps empty) batch; sharded, the last stretch if it is unfinished and this thread's.
		if (alone || (own && (current.rowsInBatch > 0 || counts.rowsTotal === 0))) await handOver();
		return { ...counts, rowsImported: writing || job.skipInvalid ? counts.rowsImported : 0, batches: alone ? number : Math.max(last, 1) };
	} finally {
		await table.close();
	}
}

function emptyBatch(number: number): Omit<RowBatch, 'copy' | 'lines' | 'rowsRead'> {
	return { number, rows: [], problems: [], rowsInBatch: 0, rejected: 0, imported: 0, stopped: false };
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
