import type { Kysely } from 'kysely';
import { CopyWriter, copyField } from '../db/copy';
import type { DB } from '../db/schema';

export type CopyValue = string | number | boolean | null | undefined;

// About a megabyte of COPY text is encoded and handed to the writer at a time.
const CHUNK_CHARS = 1 << 20;

/**
 * Stream rows into a table through the import path's COPY writer, inside the caller's transaction (one COPY
 * statement per 8 MB of text on PostgreSQL, db/copy.ts), with only a chunk of text in memory at a time.
 * Returns the number of rows written.
 */
export async function copyRows(db: Kysely<DB>, table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number> {
	const writer = await CopyWriter.open(db, table, columns);
	const encoder = new TextEncoder();
	let text = '';
	let lines = 0;
	for (const row of rows) {
		text += `${row.map(copyField).join('\t')}\n`;
		lines += 1;
		if (text.length >= CHUNK_CHARS) {
			await writer.writeBytes(encoder.encode(text), lines);
			text = '';
			lines = 0;
		}
	}
	if (lines > 0) await writer.writeBytes(encoder.encode(text), lines);
	await writer.end();
	return writer.rows;
}
