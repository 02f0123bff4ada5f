import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/*
 * Files uploaded through the web page wait here between the preview and the import: each under a random
 * 192-bit id, with a small JSON file saying whose it is (organisation and uploader), for an hour at most.
 * The browser only ever holds the id; paths are never taken from a request. On several app servers,
 * point BEACON_UPLOAD_DIR at a shared directory (or keep each person on one server).
 */

/** How long an upload waits for its import. */
export const UPLOAD_TTL_MS = 60 * 60 * 1000;
/** An import running longer than this is assumed dead, and its file is removed. */
const CLAIM_TTL_MS = 24 * 60 * 60 * 1000;
const ID = /^[A-Za-z0-9_-]{32}$/;

export interface StagedUpload {
	id: string;
	/** Upper-case ODS code of the organisation the file was uploaded for. */
	ods: string;
	/** Who uploaded it: only they may preview, import or discard it. */
	owner: string;
	kind: string;
	fileName: string;
	sheet: string | null;
	sizeBytes: number;
	stagedAt: number;
}

export function uploadDir(): string {
	// Per system user: the directory is private to its owner (0700), so a second account could not use it.
	return path.resolve(process.env.BEACON_UPLOAD_DIR?.trim() || path.join(tmpdir(), `beacon-uploads-${process.getuid?.() ?? 'user'}`));
}

export function isUploadId(value: string): boolean {
	return ID.test(value);
}

const dataPath = (id: string) => path.join(uploadDir(), `${id}.data`);
const claimedPath = (id: string) => path.join(uploadDir(), `${id}.importing`);
const metaPath = (id: string) => path.join(uploadDir(), `${id}.json`);

/**
 * The largest file the import page takes, in bytes: BEACON_UPLOAD_MAX_BYTES (a number, or with K, M or G),
 * 1 GB unless set. Uploads are written to disk as they arrive and counted, so this bounds disk, not memory.
 */
export function maxUploadBytes(): number {
	const match = /^(\d+)\s*([KMG]?)B?$/i.exec(process.env.BEACON_UPLOAD_MAX_BYTES?.trim() ?? '');
	if (!match) return 1024 * 1024 * 1024;
	return Number(match[1]) * 1024 ** ' KMG'.indexOf((match[2] || ' ').toUpperCase());
}

/** An upload ran past maxUploadBytes(): what was written of it is removed. */
export class UploadTooLargeError extends Error {
	constructor(readonly limitBytes: number) {
		super(`The file is larger than the ${Math.floor(limitBytes / 1024 / 1024)} MB Beacon accepts for an import.`);
		this.name = 'UploadTooLargeError';
	}
}

/** Write an uploaded file to the upload directory as it streams in, up to maxUploadBytes(); returns its record. */
export async function stageUpload(
	body: { stream(): ReadableStream<Uint8Array> },
	meta: Omit<StagedUpload, 'id' | 'sizeBytes' | 'stagedAt'>
): Promise<StagedUpload & { path: string }> {
	await mkdir(uploadDir(), { recursive: true, mode: 0o700 });
	void sweepUploads();
	const id = randomBytes(24).toString('base64url');
	const partial = `${dataPath(id)}.part`;
	try {
		await pipeline(
			Readable.fromWeb(body.stream() as WebReadableStream<Uint8Array>),
			countBytes(maxUploadBytes()),
			createWriteStream(partial, { mode: 0o600, flags: 'wx' })
		);
		const staged: StagedUpload = { ...meta, id, sizeBytes: (await stat(partial)).size, stagedAt: Date.now() };
		await writeFile(metaPath(id), JSON.stringify(staged), { mode: 0o600, flag: 'wx' });
		await rename(partial, dataPath(id));
		return { ...staged, path: dataPath(id) };
	} catch (error) {
		await Promise.all([rm(partial, { force: true }), rm(metaPath(id), { force: true })]);
		throw error;
	}
}

/** Passes bytes on until more than `limit` have come, then fails with UploadTooLargeError. */
function countBytes(limit: number) {
	return async function* (chunks: AsyncIterable<Uint8Array>) {
		let size = 0;
		for await (const chunk of chunks) {
			size += chunk.length;
			if (size > limit) throw new UploadTooLargeError(limit);
			yield chunk;
		}
	};
}

/** The upload with this id if it belongs to this organisation and owner, is still waiting and has not expired. */
export async function findUpload(id: string, ods: string, owner: string): Promise<(StagedUpload & { path: string }) | null> {
	if (!isUploadId(id)) return null;
	let staged: StagedUpload;
	try {
		staged = JSON.parse(await readFile(metaPath(id), 'utf8')) as StagedUpload;
		await stat(dataPath(id));
	} catch {
		return null;
	}
	if (staged.ods !== ods.toUpperCase() || staged.owner !== owner) return null;
	if (Date.now() - staged.stagedAt > UPLOAD_TTL_MS) {
		await discardUpload(id);
		return null;
	}
	return { ...staged, path: dataPath(id) };
}

/**
 * Take the upload for importing: a rename, so that of two simultaneous confirmations only one gets it.
 * Returns the path to import from, or null when someone else has it (or it is gone).
 */
export async function claimUpload(id: string): Promise<string | null> {
	try {
		await rename(dataPath(id), claimedPath(id));
		return claimedPath(id);
	} catch {
		return null;
	}
}

/** Give a claimed upload back (the import was rejected: the person may try again, skipping invalid rows). */
export async function releaseUpload(id: string): Promise<void> {
	await rename(claimedPath(id), dataPath(id)).catch(() => discardUpload(id));
}

export async function discardUpload(id: string): Promise<void> {
	if (!isUploadId(id)) return;
	await Promise.all([dataPath(id), claimedPath(id), metaPath(id)].map((p) => rm(p, { force: true })));
}

/** Remove uploads nobody imported within the hour (and leftovers of imports that died). */
export async function sweepUploads(now = Date.now()): Promise<number> {
	let names: string[];
	try {
		names = await readdir(uploadDir());
	} catch {
		return 0;
	}
	let removed = 0;
	for (const name of names) {
		const file = path.join(uploadDir(), name);
		const limit = name.endsWith('.importing') ? CLAIM_TTL_MS : UPLOAD_TTL_MS;
		try {
			if (now - (await stat(file)).mtimeMs > limit) {
				await rm(file, { force: true });
				removed += 1;
			}
		} catch {
			// removed meanwhile
		}
	}
	return removed;
}

/* Server-side progress of running imports, in this process's memory: polled by the page while it waits. */

export interface ImportProgress {
	phase: 'importing' | 'finished' | 'unknown';
	rowsRead: number;
}

interface ProgressEntry extends ImportProgress {
	ods: string;
	owner: string;
}

const progress = new Map<string, ProgressEntry>();
const KEEP_FINISHED_MS = 60_000;

export function startProgress(id: string, ods: string, owner: string): (update: { rowsRead: number }) => void {
	progress.set(id, { phase: 'importing', rowsRead: 0, ods: ods.toUpperCase(), owner });
	return ({ rowsRead }) => {
		const entry = progress.get(id);
		if (entry) entry.rowsRead = rowsRead;
	};
}

export function finishProgress(id: string): void {
	const entry = progress.get(id);
	if (!entry) return;
	entry.phase = 'finished';
	setTimeout(() => progress.delete(id), KEEP_FINISHED_MS).unref();
}

export function readProgress(id: string, ods: string, owner: string): ImportProgress {
	const entry = progress.get(id);
	if (!entry || entry.ods !== ods.toUpperCase() || entry.owner !== owner) return { phase: 'unknown', rowsRead: 0 };
	return { phase: entry.phase, rowsRead: entry.rowsRead };
}
