import { isAscii, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

export interface FileFacts {
	sha256: string;
	sizeBytes: number;
	format: 'csv' | 'xlsx';
	encoding: 'utf-8' | 'windows-1252';
	/** Why the file cannot be imported at all, when that is clear from its bytes alone. */
	unreadable?: string;
}

// How much of the file is read (and hashed) at a time.
const READ_CHUNK_BYTES = 256 * 1024;
// How much is decoded into text at a time: 48 KB, so a chunk's text and the unparsed end of the chunk before
// it stay under V8's largest ordinary heap object (128 KB). A larger string is given pages of its own, and a
// 460 MB file decoded in 256 KB chunks spent 1.9 s of CPU doing it (half of it in the kernel) against 0.4 s.
const DECODE_CHUNK_BYTES = 48 * 1024;
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Hash the file and learn what it is in one pass: XLSX (a zip), or text in UTF-8 (with or without a
 * byte order mark) when the bytes are valid UTF-8, otherwise Windows-1252, which is what Excel on
 * Windows writes as "CSV". Text with NUL bytes is binary; text that is partly UTF-8 and partly not has
 * been stitched from two sources, and guessing would garble one of them.
 */
export async function inspectFile(path: string): Promise<FileFacts> {
	const hash = createHash('sha256');
	let utf8 = true;
	let sawMultibyte = false;
	let hasNul = false;
	let sizeBytes = 0;
	let head: Buffer | undefined;
	// The start of a UTF-8 sequence that the previous chunk ended in the middle of.
	let carry: Buffer = Buffer.alloc(0);
	for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })) {
		const bytes = chunk as Buffer;
		head ??= bytes.subarray(0, 4);
		hash.update(bytes);
		sizeBytes += bytes.length;
		if (!hasNul && bytes.includes(0)) hasNul = true;
		if (utf8) {
			// Checked natively, without decoding the text: decoding it here cost a second on a 460 MB file.
			const joined = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
			const whole = joined.subarray(0, joined.length - incompleteTail(joined));
			carry = Buffer.from(joined.subarray(whole.length));
			if (!isUtf8(whole)) utf8 = false;
			// Valid so far: any byte above 127 is part of a multi-byte sequence (or a byte order mark).
			else if (!sawMultibyte && !isAscii(whole)) sawMultibyte = true;
		}
		if (!utf8 && !sawMultibyte) sawMultibyte = UTF8_SEQUENCE.test(bytes.toString('latin1'));
	}
	// A sequence cut off by the end of the file is not UTF-8.
	if (carry.length > 0) utf8 = false;
	const facts: FileFacts = { sha256: hash.digest('hex'), sizeBytes, format: 'csv', encoding: utf8 ? 'utf-8' : 'windows-1252' };
	if (head?.equals(ZIP)) return { ...facts, format: 'xlsx' };
	if (head?.equals(OLE)) return { ...facts, unreadable: 'is an old-style Excel .xls workbook: save it as .xlsx or CSV and import that' };
	if (hasNul) return { ...facts, unreadable: 'is not a text file (it holds binary data): export it as CSV or XLSX' };
	if (!utf8 && sawMultibyte) {
		return { ...facts, unreadable: 'mixes two text encodings (some of it is UTF-8, some is not): export it again in one encoding, preferably "CSV UTF-8"' };
	}
	return facts;
}

/** How many bytes at the end begin a UTF-8 sequence that runs past it (0 to 3): the next chunk's to finish. */
export function incompleteTail(bytes: Uint8Array): number {
	for (let back = 1; back <= Math.min(3, bytes.length); back++) {
		const byte = bytes[bytes.length - back]!;
		// A continuation byte: its sequence started further back.
		if ((byte & 0xc0) === 0x80) continue;
		const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
		return length > back ? back : 0;
	}
	return 0;
}

// A two- or three-byte UTF-8 sequence (é, £, ’…) seen through Latin-1: in Windows-1252 text these byte
// pairs would spell things like "Ã©", which real exports do not contain.
const UTF8_SEQUENCE = /[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}/;

/** The file as a stream of text in its detected encoding, without a byte order mark. */
export function readText(path: string, encoding: FileFacts['encoding']): Readable {
	const decoder = new TextDecoder(encoding, { ignoreBOM: false });
	const bytes = createReadStream(path, { highWaterMark: DECODE_CHUNK_BYTES });
	return Readable.from(
		(async function* () {
			for await (const chunk of bytes) yield decoder.decode(chunk as Buffer, { stream: true });
			const rest = decoder.decode();
			if (rest) yield rest;
		})()
	);
}
