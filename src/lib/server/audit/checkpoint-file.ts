import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { ValidationError } from '../errors';
import { checkpointInPdf, parseCheckpoint, type AuditCheckpoint } from './checkpoint';

/** A checkpoint and where it came from, so a verdict can name the one that caught a cut. */
export interface SourcedCheckpoint {
	checkpoint: AuditCheckpoint;
	source: string;
}

// A pack is a few megabytes; a checkpoint file or manifest a few hundred bytes. Anything larger is refused unread.
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 1024 * 1024;

function fromJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** The checkpoint a regulator bundle's manifest.json carries, inflating nothing else and nothing larger than a manifest. */
function checkpointInBundle(bytes: Uint8Array): ReturnType<typeof parseCheckpoint> {
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes, { filter: (f) => f.name === 'manifest.json' && f.originalSize <= MAX_MANIFEST_BYTES });
	} catch {
		return { problem: 'this zip is not readable' };
	}
	const manifest = files['manifest.json'];
	if (!manifest) return { problem: 'this zip has no manifest.json (it is not a Beacon regulator bundle)' };
	const value = fromJson(new TextDecoder().decode(manifest)) as { auditCheckpoint?: unknown } | undefined;
	if (!value?.auditCheckpoint) return { problem: 'this bundle carries no audit checkpoint (it was made before bundles carried one)' };
	return parseCheckpoint(value.auditCheckpoint);
}

/**
 * Read a checkpoint kept outside the database: a file written by `audit checkpoint --out`, a PDF pack, or a
 * regulator bundle (zip). A file that holds none is refused with the file's name and why.
 */
export async function readCheckpointFile(file: string): Promise<SourcedCheckpoint> {
	const name = path.basename(file);
	const refuse = (why: string) => new ValidationError(`${name}: ${why}`, [{ field: 'checkpoint', message: why }]);
	const size = (await stat(file)).size;
	if (size > MAX_FILE_BYTES) throw refuse(`${size} bytes is larger than any checkpoint, pack or bundle (${MAX_FILE_BYTES} bytes at most)`);
	const bytes = await readFile(file);
	const head = bytes.subarray(0, 5).toString('latin1');
	const found = head.startsWith('%PDF-')
		? checkpointInPdf(bytes)
		: head.startsWith('PK')
			? checkpointInBundle(bytes)
			: parseCheckpoint(fromJson(bytes.toString('utf8')) ?? null);
	if ('problem' in found) throw refuse(found.problem);
	return { checkpoint: found.checkpoint, source: name };
}
