/**
 * The reading side of table-thread.ts, on a worker thread with its own heap: opens the file with
 * openTable (the bounded readers) and sends its header, then one batch of rows per request. Loaded by the
 * main thread only to learn where this module is (readerUrl), so the same file serves as the worker's entry
 * from source (vitest, vite dev), from the server build and from the command line's bundle.
 */
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { openTable } from './open-table';
import type { FromReader, ReaderJob, ToReader } from './table-thread';
import { UnreadableFileError, type TableSource } from './table-source';

export const READER_ROLE = 'beacon-table-reader';
/** This module's own address: the build keeps it a chunk of its own (table-thread.ts imports it dynamically). */
export const readerUrl = import.meta.url;

const data = workerData as { role?: string; job?: ReaderJob } | null;
if (!isMainThread && parentPort && data?.role === READER_ROLE && data.job) serve(parentPort, data.job);

function serve(port: MessagePort, job: ReaderJob): void {
	let table: TableSource | undefined;
	let rows: AsyncIterator<unknown> | undefined;
	const failed = (error: unknown) => {
		const { message, stack } = error instanceof Error ? error : new Error(String(error));
		port.postMessage({ type: 'failed', unreadable: error instanceof UnreadableFileError, message, stack: stack ?? '' } satisfies FromReader);
	};
	port.on('message', (message: ToReader) => {
		if (message.type === 'close') {
			// Closing lets exceljs delete the sheets it spooled to disk before the thread is ended.
			void (table?.close() ?? Promise.resolve()).catch(() => undefined).then(() => port.postMessage({ type: 'closed' } satisfies FromReader));
			return;
		}
		if (!rows) return;
		rows.next().then((next) => port.postMessage((next.done ? { type: 'end' } : { type: 'rows', rows: next.value }) as FromReader), failed);
	});
	openTable(job.path, job.facts, { fileName: job.fileName, ...(job.sheet ? { sheet: job.sheet } : {}) }).then((opened) => {
		table = opened;
		rows = opened.rows[Symbol.asyncIterator]();
		port.postMessage({ type: 'header', header: opened.header } satisfies FromReader);
	}, failed);
}
