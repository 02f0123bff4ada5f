import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { formatCount, readerHeapMb } from './input-limits';
import type { FileFacts } from './read-file';
import { UnreadableFileError, type RawRow, type TableSource } from './table-source';

/*
 * Files from outside are read on a worker thread with a heap of its own (readerHeapMb()): a workbook or CSV
 * that gets past the limits in input-limits.ts and still needs more memory kills that thread, not the
 * server, and the person who uploaded it reads "too large or malformed". The parse also stays off the
 * thread that answers everyone else's requests. The thread reads one batch ahead of its reader.
 */

export interface ReaderJob {
	path: string;
	facts: FileFacts;
	fileName: string;
	sheet?: string;
}
/** Messages carry their file's number: a reused thread may still answer for the file before. */
export type ToReader = { id: number } & ({ type: 'open'; job: ReaderJob } | { type: 'more' } | { type: 'close' });
export type FromReader = { id: number } & (
	| { type: 'header'; header: string[] }
	| { type: 'rows'; rows: RawRow[] }
	| { type: 'end' }
	| { type: 'closed' }
	| { type: 'failed'; unreadable: boolean; message: string; stack: string }
);
/** How long a closing reader may take to tidy up (exceljs deleting its spooled sheets) before it is ended. */
const CLOSE_GRACE_MS = 5_000;

/** openTable (open-table.ts) on a worker thread: the same table, read there and sent here in batches. */
export async function openTableOffThread(path: string, facts: FileFacts, options: { fileName: string; sheet?: string }): Promise<TableSource> {
	if (facts.unreadable) throw new UnreadableFileError(`${options.fileName} ${facts.unreadable}`);
	const reader = await startReader({ path, facts, fileName: options.fileName, ...(options.sheet ? { sheet: options.sheet } : {}) });
	let closing: Promise<void> | undefined;
	const close = () => (closing ??= reader.close());
	try {
		const first = await reader.next();
		if (first.type !== 'header') throw new Error(`the file reader sent ${first.type} before the header`);
		const rows = (async function* () {
			try {
				reader.post('more');
				for (;;) {
					const message = await reader.next();
					if (message.type === 'end') return;
					if (message.type !== 'rows') throw new Error(`the file reader sent ${message.type} instead of rows`);
					reader.post('more'); // read the next batch while this one is used
					yield message.rows;
				}
			} finally {
				await close();
			}
		})();
		return { header: first.header, rows, close: () => rows.return(undefined).then(close) };
	} catch (error) {
		await close();
		throw error;
	}
}

interface Reader {
	/** The next message from the thread; a failure there (or its death) is thrown here. */
	next(): Promise<Exclude<FromReader, { type: 'failed' }>>;
	post(type: 'more'): void;
	close(): Promise<void>;
}

/*
 * Starting a thread costs more than reading a small file (it loads the readers, and from source compiles
 * them), so a thread whose file was read and closed cleanly waits, unreferenced, for the next file. One that
 * failed or died is never reused: the next file gets a fresh heap.
 */
const IDLE_READERS = 2;
const IDLE_MS = 30_000;
interface IdleReader {
	worker: Worker;
	heapMb: number;
	timer: NodeJS.Timeout;
	onExit: () => void;
}
const idle: IdleReader[] = [];
let lastId = 0;

async function takeWorker(heapMb: number): Promise<Worker> {
	const kept = idle.find((reader) => reader.heapMb === heapMb);
	if (kept) {
		idle.splice(idle.indexOf(kept), 1);
		clearTimeout(kept.timer);
		kept.worker.off('exit', kept.onExit);
		kept.worker.ref();
		return kept.worker;
	}
	const { readerUrl, READER_ROLE } = await import('./table-thread-worker');
	return spawn(readerUrl, { role: READER_ROLE });
}

function keepWorker(worker: Worker, heapMb: number): void {
	if (idle.length >= IDLE_READERS) return void worker.terminate();
	worker.unref();
	const kept: IdleReader = { worker, heapMb, timer: setTimeout(() => retire(kept), IDLE_MS).unref(), onExit: () => retire(kept) };
	idle.push(kept);
	worker.once('exit', kept.onExit);
}

function retire(kept: IdleReader): void {
	const at = idle.indexOf(kept);
	if (at >= 0) idle.splice(at, 1);
	clearTimeout(kept.timer);
	void kept.worker.terminate();
}

async function startReader(job: ReaderJob): Promise<Reader> {
	const heapMb = readerHeapMb();
	const worker = await takeWorker(heapMb);
	const id = ++lastId;
	const inbox: FromReader[] = [];
	let failure: Error | undefined;
	let waiting: (() => void) | undefined;
	const wake = () => {
		waiting?.();
		waiting = undefined;
	};
	let exited = false;
	let closed = false;
	const onMessage = (message: FromReader) => {
		if (message.id !== id) return;
		if (message.type === 'closed') closed = true;
		inbox.push(message);
		wake();
	};
	const onError = (error: Error & { code?: string }) => {
		failure ??=
			error.code === 'ERR_WORKER_OUT_OF_MEMORY'
				? new UnreadableFileError(
						`${job.fileName} is too large or malformed to import: reading it needed more than the ${formatCount(readerHeapMb())} MB of memory Beacon gives one file`
					)
				: error;
		wake();
	};
	const onExit = (code: number) => {
		exited = true;
		failure ??= new Error(`the file reader's thread stopped unexpectedly (exit code ${code})`);
		wake();
	};
	worker.on('message', onMessage);
	worker.on('error', onError);
	worker.on('exit', onExit);
	worker.postMessage({ id, type: 'open', job } satisfies ToReader);
	const detach = () => {
		worker.off('message', onMessage);
		worker.off('error', onError);
		worker.off('exit', onExit);
	};
	let failed = false;
	return {
		async next() {
			for (;;) {
				const message = inbox.shift();
				if (message?.type === 'failed') {
					failed = true;
					throw revive(message);
				}
				if (message) return message;
				if (failure) throw failure;
				await new Promise<void>((resolve) => (waiting = resolve));
			}
		},
		post: (type) => worker.postMessage({ id, type } satisfies ToReader),
		async close() {
			if (exited) return detach();
			worker.postMessage({ id, type: 'close' } satisfies ToReader);
			let late = false;
			const grace = setTimeout(() => ((late = true), wake()), CLOSE_GRACE_MS).unref();
			while (!closed && !exited && !late) await new Promise<void>((resolve) => (waiting = resolve));
			clearTimeout(grace);
			detach();
			if (closed && !failed && !failure) keepWorker(worker, heapMb);
			else await worker.terminate();
		}
	};
}

/**
 * The worker runs the module's own file: the build's chunk as it is, or from source (tests, vite dev)
 * through tsx, which compiles TypeScript in the thread as it loads.
 */
function spawn(url: string, workerData: unknown): Worker {
	const resourceLimits = { maxOldGenerationSizeMb: readerHeapMb(), maxYoungGenerationSizeMb: 32 };
	if (!url.endsWith('.ts')) return new Worker(new URL(url), { workerData, resourceLimits });
	// Resolved from this file, as its own imports are: tsx is a development dependency, used only here.
	const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
	const boot = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(url)}))`;
	return new Worker(boot, { eval: true, workerData, resourceLimits });
}

function revive(failure: Extract<FromReader, { type: 'failed' }>): Error {
	const error = failure.unreadable ? new UnreadableFileError(failure.message) : new Error(failure.message);
	error.stack = failure.stack;
	return error;
}
