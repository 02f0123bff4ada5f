import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

export interface FileFacts {
	sha256: string;
	sizeBytes: number;
	encoding: 'utf-8' | 'windows-1252';
}

// How much of the file is read and decoded at a time.
const READ_CHUNK_BYTES = 256 * 1024;

/**
 * Hash the file and decide its text encoding in one pass: UTF-8 (with or without a byte order mark) when
 * the bytes are valid UTF-8, otherwise Windows-1252, which is what Excel on Windows writes as "CSV".
 */
export async function inspectFile(path: string): Promise<FileFacts> {
	const hash = createHash('sha256');
	const decoder = new TextDecoder('utf-8', { fatal: true });
	let utf8 = true;
	let sizeBytes = 0;
	for await (const chunk of createReadStream(path)) {
		const bytes = chunk as Buffer;
		hash.update(bytes);
		sizeBytes += bytes.length;
		if (utf8) {
			try {
				decoder.decode(bytes, { stream: true });
			} catch {
				utf8 = false;
			}
		}
	}
	if (utf8) {
		try {
			decoder.decode();
		} catch {
			utf8 = false;
		}
	}
	return { sha256: hash.digest('hex'), sizeBytes, encoding: utf8 ? 'utf-8' : 'windows-1252' };
}

/** The file as a stream of text in its detected encoding, without a byte order mark. */
export function readText(path: string, encoding: FileFacts['encoding']): Readable {
	const decoder = new TextDecoder(encoding, { ignoreBOM: false });
	const bytes = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
	return Readable.from(
		(async function* () {
			for await (const chunk of bytes) yield decoder.decode(chunk as Buffer, { stream: true });
			const rest = decoder.decode();
			if (rest) yield rest;
		})()
	);
}
