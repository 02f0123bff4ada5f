import type { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

// Kysely hands out connections but not the driver's client underneath, and COPY needs that client.
// Each open connection is registered here under a key the connection itself can report from SQL: the
// backend pid on PostgreSQL, a session setting on PGlite (one session per engine).
const pgClients = new Map<number, pg.PoolClient>();
// Writers still open per transaction, so a failed import can abort them before rolling back: a
// connection left in COPY mode would never answer the ROLLBACK.
const openWriters = new WeakMap<Kysely<any>, Set<CopyWriter>>();
const pglites = new Map<string, PGlite>();
let nextPGlite = 1;

export function trackPoolClients(pool: pg.Pool): void {
	pool.on('connect', (client) => {
		const pid = (client as unknown as { processID: number }).processID;
		pgClients.set(pid, client);
		client.once('end', () => pgClients.delete(pid));
	});
}

export async function trackPGlite(pglite: PGlite): Promise<() => void> {
	const key = `${process.pid}-${nextPGlite++}`;
	await pglite.exec(`set beacon.engine = '${key}'`);
	pglites.set(key, pglite);
	return () => pglites.delete(key);
}

type Handle = { kind: 'postgres'; client: pg.PoolClient } | { kind: 'pglite'; pglite: PGlite };

async function rawHandle(db: Kysely<any>): Promise<Handle> {
	const { rows } = await sql<{ pid: number; engine: string | null }>`
		select pg_backend_pid() as pid, current_setting('beacon.engine', true) as engine`.execute(db);
	const engine = rows[0]?.engine ? pglites.get(rows[0].engine) : undefined;
	if (engine) return { kind: 'pglite', pglite: engine };
	const client = rows[0] ? pgClients.get(rows[0].pid) : undefined;
	if (!client) throw new Error('COPY needs a connection opened by openDatabase');
	return { kind: 'postgres', client };
}

/** A field in COPY's text format: backslash escapes for the characters that delimit, \N for null. */
export function copyField(value: string | number | boolean | null | undefined): string {
	if (value === null || value === undefined) return '\\N';
	if (typeof value === 'boolean') return value ? 't' : 'f';
	if (typeof value === 'number') return String(value);
	return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] as string) : value;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

// PGlite takes COPY input as a whole blob; a few megabytes at a time keeps memory flat and calls few.
const PGLITE_COPY_BYTES = 8 * 1024 * 1024;
// PostgreSQL's COPY stream is written in pieces about this size.
const PG_WRITE_BYTES = 256 * 1024;
// PostgreSQL checks each copied row's foreign keys only when its COPY statement ends, one row at a time, with
// no more rows coming in meanwhile: for a million devices in one statement, 3 s after the last row arrived.
// A statement ends after about this much text and the next begins, in the same transaction: the checks then
// run while this side is still reading, checking and encoding the rows that follow (workers keep a few
// batches in hand), and a million devices took 2.5 s less.
const PG_STATEMENT_BYTES = 8 * 1024 * 1024;

/**
 * Write rows into a table with COPY inside the caller's transaction: add lines with writeBytes(), which
 * writes them out when enough is buffered, and end() when done. On PostgreSQL that is one COPY statement per
 * PG_STATEMENT_BYTES of text, on PGlite one per PGLITE_COPY_BYTES. Rows are checked by the table's
 * constraints as usual; a violation fails its statement and so the transaction.
 */
export class CopyWriter {
	#buffer: Uint8Array[] = [];
	#bytes = 0;
	#rows = 0;
	#stream: Writable | undefined;
	#done: Promise<unknown> | undefined;
	/** Bytes written in the current PostgreSQL statement. */
	#statementBytes = 0;
	#failed: unknown;
	#close: () => void = () => undefined;

	private constructor(
		private readonly handle: Handle,
		private readonly statement: string
	) {}

	#explain: (error: unknown) => unknown = (error) => error;

	/** `explain` turns the error of a failed COPY (a constraint) into the error to throw instead. */
	static async open(db: Kysely<any>, table: string, columns: readonly string[], options: { explain?: (error: unknown) => unknown } = {}): Promise<CopyWriter> {
		const handle = await rawHandle(db);
		const target = `${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')})`;
		const writer = new CopyWriter(handle, `copy ${target} from ${handle.kind === 'pglite' ? `'/dev/blob'` : 'stdin'}`);
		const writers = openWriters.get(db) ?? new Set<CopyWriter>();
		openWriters.set(db, writers.add(writer));
		writer.#close = () => writers.delete(writer);
		if (options.explain) writer.#explain = options.explain;
		if (handle.kind === 'postgres') writer.#begin();
		return writer;
	}

	/** Start a COPY statement on the PostgreSQL connection, to be written until it is ended. */
	#begin(): void {
		const client = (this.handle as Extract<Handle, { kind: 'postgres' }>).client;
		const stream = client.query(copyFrom(this.statement));
		this.#stream = stream;
		this.#statementBytes = 0;
		this.#done = new Promise((resolve, reject) => {
			stream.on('finish', resolve);
			stream.on('error', (error) => {
				this.#failed = error;
				reject(error);
			});
		});
		// Without a listener an early failure (a constraint) would surface as an unhandled rejection.
		this.#done.catch(() => undefined);
	}

	/** End the current statement and wait for PostgreSQL to finish it: its constraints, its foreign keys. */
	async #endStatement(): Promise<void> {
		this.#stream?.end();
		await this.#done;
	}

	get rows(): number {
		return this.#rows;
	}

	/** Add lines of COPY text in UTF-8 (each ending in a newline); they are written out when enough is buffered. */
	async writeBytes(bytes: Uint8Array, lines: number): Promise<void> {
		this.#buffer.push(bytes);
		this.#bytes += bytes.length;
		this.#rows += lines;
		await this.flush();
	}

	async flush(force = false): Promise<void> {
		try {
			await this.#flush(force);
		} catch (error) {
			throw this.#explain(error);
		}
	}

	async #flush(force: boolean): Promise<void> {
		// PostgreSQL refused the COPY (a constraint) while rows were still being sent: say why, rather than
		// write on into a stream whose connection has moved on (pg-copy-streams then throws a TypeError).
		if (this.#failed) throw this.#failed;
		const limit = this.handle.kind === 'pglite' ? PGLITE_COPY_BYTES : PG_WRITE_BYTES;
		if (this.#bytes === 0 || (!force && this.#bytes < limit)) return;
		const chunks = this.#buffer;
		this.#buffer = [];
		this.#bytes = 0;
		if (this.handle.kind === 'pglite') {
			await this.handle.pglite.query(this.statement, [], { blob: new Blob(chunks as BlobPart[]) });
			return;
		}
		const stream = this.#stream as Writable;
		let ready = true;
		for (const chunk of chunks) {
			ready = stream.write(chunk);
			this.#statementBytes += chunk.length;
		}
		if (!ready) await Promise.race([once(stream, 'drain'), this.#done]);
		if (this.#statementBytes >= PG_STATEMENT_BYTES && !force) {
			await this.#endStatement();
			this.#begin();
		}
	}

	async end(): Promise<void> {
		await this.flush(true);
		this.#close();
		if (this.#stream) {
			await this.#endStatement().catch((error: unknown) => {
				throw this.#explain(error);
			});
		}
	}

	/** Give up: PostgreSQL is sent CopyFail and the statement fails; nothing buffered is written. */
	async abort(): Promise<void> {
		this.#close();
		this.#buffer = [];
		if (!this.#stream || this.#stream.destroyed) return;
		this.#stream.destroy(new Error('import abandoned'));
		await this.#done?.catch(() => undefined);
	}
}

/** Abort every COPY still open in this transaction (call before rolling it back). */
export async function abortCopies(db: Kysely<any>): Promise<void> {
	for (const writer of [...(openWriters.get(db) ?? [])]) await writer.abort();
}

function quoteIdent(name: string): string {
	if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
	return name;
}
