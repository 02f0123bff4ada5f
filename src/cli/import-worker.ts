/**
 * The import's row work on a worker thread (see threaded-rows.ts): given a job and its shard, reads the
 * file, checks and encodes the shard's stretches of rows and posts them back, never more than a few
 * ahead of what the main thread has written. It loads its modules as soon as it starts, while the main
 * thread gets ready.
 */
import { parentPort } from 'node:worker_threads';
import { runRows, type RowBatch } from '../lib/server/imports/row-job';
import { BATCHES_IN_FLIGHT, type FromWorker, type ToWorker } from './threaded-rows';

const port = parentPort;
if (!port) throw new Error('import-worker.ts runs as a worker thread');

let inFlight = 0;
let wake: (() => void) | null = null;

async function post(batch: RowBatch): Promise<void> {
	while (inFlight >= BATCHES_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
	inFlight += 1;
	// The COPY bytes move to the main thread rather than being copied.
	port?.postMessage({ type: 'batch', batch } satisfies FromWorker, [batch.copy.buffer as ArrayBuffer]);
}

port.on('message', (message: ToWorker) => {
	if (message.type === 'taken') {
		inFlight -= 1;
		wake?.();
		wake = null;
		return;
	}
	runRows(message.job, post, undefined, message.shard).then(
		({ rowsTotal, batches }) => port.postMessage({ type: 'done', end: { rowsTotal, batches } } satisfies FromWorker),
		(error: unknown) => {
			const { name, message: text } = error instanceof Error ? error : new Error(String(error));
			port.postMessage({ type: 'failed', name, message: text, stack: error instanceof Error ? (error.stack ?? '') : '' } satisfies FromWorker);
		}
	);
});
port.postMessage({ type: 'ready' } satisfies FromWorker);
