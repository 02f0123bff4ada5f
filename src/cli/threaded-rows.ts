import { Worker } from 'node:worker_threads';
import type { RowBatch, RowCounts, RowJob, RowRunner } from '../lib/server/imports/row-job';
import { UnreadableFileError } from '../lib/server/imports/table-source';

/**
 * The command line's bulk imports run the row work (parsing, validation, hashing, COPY encoding) on a
 * worker thread, so it proceeds while the main thread writes the previous batch into the database: on
 * PGlite the database itself runs on the main thread. The web server keeps the work in-thread: its
 * build has no separate worker entry, and uploads there are interactive.
 */

/** Batches the worker may run ahead of the database: enough to keep both busy, few enough to bound memory. */
export const BATCHES_IN_FLIGHT = 4;
// The worker's young generation: row work makes short-lived garbage fast, and a small nursery would
// spend its time collecting it.
const YOUNG_GENERATION_MB = 64;

export type ToWorker = { type: 'job'; job: RowJob } | { type: 'taken' };
export type FromWorker =
	| { type: 'ready' }
	| { type: 'batch'; batch: RowBatch }
	| { type: 'done'; counts: RowCounts }
	| { type: 'failed'; name: string; message: string; stack: string };

/**
 * Start the worker now (loading its modules takes a second or two, spent while the file is hashed and
 * the database prepared); `run` gives it its one job, `stop` ends it, used or not.
 */
export function startRowThread(): { run: RowRunner; stop: () => Promise<void> } {
	const worker = new Worker(new URL('./import-worker.mjs', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
	// Until run() listens, a worker that fails to start is remembered, not thrown.
	let early: unknown = null;
	const remember = (error: unknown) => (early ??= error);
	worker.on('error', remember);
	const run: RowRunner = (job, take) =>
		new Promise<RowCounts>((resolve, reject) => {
			worker.off('error', remember);
			let settled = false;
			let written: Promise<void> = Promise.resolve();
			const settle = (outcome: () => void) => {
				if (settled) return;
				settled = true;
				outcome();
				void worker.terminate();
			};
			const fail = (error: unknown) => settle(() => reject(error));
			if (early) return fail(early);
			worker.on('message', (message: FromWorker) => {
				if (message.type === 'batch') {
					written = written.then(() => (settled ? undefined : take(message.batch))).then(() => worker.postMessage({ type: 'taken' } satisfies ToWorker), fail);
				} else if (message.type === 'done') {
					void written.then(() => settle(() => resolve(message.counts)));
				} else if (message.type === 'failed') {
					fail(revive(message));
				}
			});
			worker.on('error', fail);
			worker.on('exit', (code) => fail(new Error(`the import's worker thread stopped unexpectedly (exit code ${code})`)));
			worker.postMessage({ type: 'job', job } satisfies ToWorker);
		});
	return { run, stop: async () => void (await worker.terminate()) };
}

/** The worker's error as the same kind of error here, so callers tell a bad file from a failure. */
function revive(failure: Extract<FromWorker, { type: 'failed' }>): Error {
	const error = failure.name === 'UnreadableFileError' ? new UnreadableFileError(failure.message) : new Error(failure.message);
	error.stack = failure.stack;
	return error;
}
