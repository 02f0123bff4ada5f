/**
 * The reading side of table-thread.ts, on a worker thread with its own heap: opens each file it is sent
 * with openTable (the bounded readers) and sends its header, then one batch of rows per request, one file at
 * a time. Loaded by the main thread only to learn where this module is (readerUrl), so the same file serves
 * as the worker's entry from source (vitest, vite dev), from the server build and from the command line's
 * bundle.
 */
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { openTable } from './open-table';
import type { FromReader, ToReader } from './table-thread';
import { UnreadableFileError, type TableSource } from './table-source';

export const READER_ROLE = 'beacon-table-reader';
/** This module's own address: the build keeps it a chunk of its own (table-thread.ts imports it dynamically). */
export const readerUrl = import.meta.url;

const data = workerData as { role?: string } | null;
if (!isMainThread && parentPort && data?.role === READER_ROLE) serve(parentPort);

function serve(port: MessagePort): void {
	/** The file being read; answers for an earlier one (a batch still being read when it closed) are dropped. */
	let current: { id: number; table?: TableSource; rows?: AsyncIterator<unknown>; opening: Promise<void> } | undefined;
	const send = (id: number, message: FromReader) => {
		if (current?.id === id) port.postMessage(message);
	};
	const failed = (id: number) => (error: unknown) => {
		const { message, stack, cause } = error instanceof Error ? error : new Error(String(error));
		// The cause (what exceljs or the disk said) crosses the thread only as text, so it goes with the stack.
		const causeStack = cause instanceof Error ? `\nCaused by: ${cause.stack ?? cause.message}` : '';
		send(id, { id, type: 'failed', unreadable: error instanceof UnreadableFileError, message, stack: `${stack ?? ''}${causeStack}` });
	};
	port.on('message', (message: ToReader) => {
		const { id } = message;
		if (message.type === 'open') {
			const file: NonNullable<typeof current> = { id, opening: Promise.resolve() };
			current = file;
			const { job } = message;
			file.opening = openTable(job.path, job.facts, { fileName: job.fileName, ...(job.sheet ? { sheet: job.sheet } : {}) }).then((opened) => {
				file.table = opened;
				file.rows = opened.rows[Symbol.asyncIterator]();
				send(id, { id, type: 'header', header: opened.header });
			}, failed(id));
			return;
		}
		const file = current;
		if (file?.id !== id) return;
		if (message.type === 'close') {
			// Closing lets exceljs delete the sheets it spooled to disk before the thread takes another file.
			void file.opening
				.then(() => file.table?.close())
				.catch(() => undefined)
				.then(() => {
					port.postMessage({ id, type: 'closed' } satisfies FromReader);
					if (current === file) current = undefined;
				});
			return;
		}
		file.rows?.next().then((next) => send(id, (next.done ? { id, type: 'end' } : { id, type: 'rows', rows: next.value }) as FromReader), failed(id));
	});
}
