import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { formatCount, readerHeapMb } from '../lib/server/imports/input-limits';
import {
	ImportStoppedError,
	SHARD_ROWS,
	type RowBatch,
	type RowCounts,
	type RowJob,
	type RowRunner,
	type RowShard,
	type ShardEnd
} from '../lib/server/imports/row-job';
import { UnreadableFileError } from '../lib/server/imports/table-source';

/**
 * The command line's bulk imports run the row work (parsing, validation, hashing, COPY encoding) on worker
 * threads, one per core but one, so it proceeds while the main thread writes into the database (on PGlite the
 * database itself runs on the main thread). Each thread reads the whole file but checks only its shard's
 * stretches of rows, round-robin (row-job.ts RowShard); the stretches are written here in file order, so
 * row numbers, problems and the stored rows are exactly those of one thread alone, into the COPY of the
 * import's one transaction. A file whose rows must be checked against each other (crossCheck), or a
 * workbook (exceljs reading it once per thread would cost more than it saves), goes to one thread. The
 * web server keeps the work in its own thread: uploads there are interactive and small.
 */

/** Batches each worker may run ahead of the database: enough to keep all busy, few enough to bound memory. */
export const BATCHES_IN_FLIGHT = 4;
// The worker's young generation: row work makes short-lived garbage fast, and a small nursery would
// spend its time collecting it.
const YOUNG_GENERATION_MB = 64;

export type ToWorker = { type: 'job'; job: RowJob; shard: RowShard } | { type: 'taken' };
export type FromWorker =
	{ type: 'ready' } | { type: 'batch'; batch: RowBatch } | { type: 'done'; end: ShardEnd } | { type: 'failed'; name: string; message: string; stack: string };

export interface RowThreads {
	run: RowRunner;
	stop: () => Promise<void>;
	/** The threads, for tests that stop one part-way. */
	workers: Worker[];
}

/**
 * Start the workers now (loading their modules takes a second or two, spent while the file is hashed and
 * the database prepared); `run` gives them their one job, `stop` ends them, used or not. `threads`
 * defaults to BEACON_IMPORT_THREADS, else one per core but one: the main thread writing the COPY and a
 * PostgreSQL on the same machine need the other, and every thread past the first reads and parses the
 * whole file again (about a third of one thread's work), so on two cores a second thread costs more CPU
 * and 110 MB more than it saves. `shardRows` (tests) makes stretches shorter than SHARD_ROWS.
 */
export function startRowThreads(options: { threads?: number; shardRows?: number } = {}): RowThreads {
	const threads = Math.max(1, options.threads ?? configuredThreads() ?? availableParallelism() - 1);
	const shardRows = options.shardRows ?? SHARD_ROWS;
	// Each with the heap a file's reader gets (input-limits.ts): a file that needs more is refused, not the process.
	const resourceLimits = { maxOldGenerationSizeMb: readerHeapMb(), maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
	const workers = Array.from({ length: threads }, () => new Worker(new URL('./import-worker.mjs', import.meta.url), { resourceLimits }));
	// Until run() listens, a worker that fails to start is remembered, not thrown.
	let early: unknown = null;
	const remember = (error: unknown) => (early ??= error);
	for (const worker of workers) worker.on('error', remember);
	const stop = async () => void (await Promise.all(workers.map((w) => w.terminate())));
	const run: RowRunner = (job, take) =>
		new Promise<RowCounts>((resolve, reject) => {
			for (const worker of workers) worker.off('error', remember);
			const used = job.parallel ? workers : workers.slice(0, 1);
			const count = used.length;
			let settled = false;
			const settle = (outcome: () => void) => {
				if (settled) return;
				settled = true;
				outcome();
				void stop();
			};
			const fail = (error: unknown) => settle(() => reject(error));
			if (early) return fail(early);

			// Stretches arrive as each worker finishes one; they are written strictly in file order.
			const waiting = new Map<number, { batch: RowBatch; from: Worker }>();
			const ends: ShardEnd[] = [];
			let next = 0;
			let writing = true;
			const counts: RowCounts = { rowsTotal: 0, rowsImported: 0, rowsRejected: 0 };
			let written: Promise<void> = Promise.resolve();
			const drain = () => {
				for (let ready = waiting.get(next); ready; ready = waiting.get(next)) {
					waiting.delete(next);
					next += 1;
					const { batch, from } = ready;
					counts.rowsRejected += batch.rejected;
					if (writing) counts.rowsImported += batch.imported;
					// After the first problem (not skipInvalid) nothing more is written: as one thread would do.
					const handed = writing ? batch : { ...batch, copy: new Uint8Array(0), lines: 0, rows: [] };
					if (batch.stopped) writing = false;
					written = written.then(() => (settled ? undefined : take(handed))).then(() => from.postMessage({ type: 'taken' } satisfies ToWorker), fail);
				}
				finish();
			};
			const finish = () => {
				if (ends.length < count) return;
				const [end] = ends;
				if (!end || ends.some((e) => e.rowsTotal !== end.rowsTotal || e.batches !== end.batches))
					return fail(new Error(`the import's worker threads read the file differently: ${JSON.stringify(ends)}`));
				if (next < end.batches) return;
				counts.rowsTotal = end.rowsTotal;
				if (!writing && !job.skipInvalid) counts.rowsImported = 0;
				void written.then(() => settle(() => resolve(counts)));
			};
			used.forEach((worker, index) => {
				worker.on('message', (message: FromWorker) => {
					if (message.type === 'batch') {
						waiting.set(message.batch.number, { batch: message.batch, from: worker });
						drain();
					} else if (message.type === 'done') {
						ends.push(message.end);
						finish();
					} else if (message.type === 'failed') {
						fail(revive(message));
					}
				});
				worker.on('error', (error: Error & { code?: string }) => fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory(job) : error));
				worker.on('exit', (code) =>
					fail(
						new ImportStoppedError(
							`${job.fileName} was not imported: the import stopped part-way because one of its worker threads ended unexpectedly (exit code ${code}), and nothing was written; import the file again`
						)
					)
				);
				worker.postMessage({ type: 'job', job, shard: { index, count, rows: count === 1 ? Infinity : shardRows } } satisfies ToWorker);
			});
		});
	return { run, stop, workers };
}

/** BEACON_IMPORT_THREADS, when set to a whole number from 1 to 64: to compare, or to leave cores to others. */
function configuredThreads(): number | undefined {
	const configured = Number(process.env.BEACON_IMPORT_THREADS);
	return Number.isInteger(configured) && configured >= 1 && configured <= 64 ? configured : undefined;
}

/** One worker, as before sharding: the import tests' reference. */
export function startRowThread(): RowThreads {
	return startRowThreads({ threads: 1 });
}

/** The same words as a reader thread's (table-thread.ts), so a person sees one message for one cause. */
function outOfMemory(job: RowJob): UnreadableFileError {
	return new UnreadableFileError(
		`${job.fileName} is too large or malformed to import: reading it needed more than the ${formatCount(readerHeapMb())} MB of memory Beacon gives one file`
	);
}

/** The worker's error as the same kind of error here, so callers tell a bad file from a failure. */
function revive(failure: Extract<FromWorker, { type: 'failed' }>): Error {
	const error = failure.name === 'UnreadableFileError' ? new UnreadableFileError(failure.message) : new Error(failure.message);
	error.stack = failure.stack;
	return error;
}
