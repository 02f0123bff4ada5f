import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import { trackPGlite, trackPoolClients } from './copy';
import { PGliteDialect } from './pglite-dialect';
import type { DB } from './schema';
import { typeParsers } from './type-parsers';

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
	db: Kysely<DB>;
	kind: DatabaseKind;
	/** Human-readable location for logs: the PGlite directory or the server without credentials. */
	location: string;
	/** The embedded engine itself, for what only PGlite can do (dumping its data directory, COPY from a blob). */
	pglite?: PGlite;
	close(): Promise<void>;
}

export interface OpenOptions {
	/** Start PGlite from this data-directory tarball instead of the files on disk (tests use a template). */
	pgliteTemplate?: Blob;
	/** Keep PGlite in memory only. */
	inMemory?: boolean;
}

/** Open the database the configuration names: PostgreSQL when a URL is set, else embedded PGlite. */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
	if (config.databaseUrl) return openPostgres(config.databaseUrl);
	return openPGlite(config.dataDir, options);
}

export function openPostgres(connectionString: string, poolSize = 10): Database {
	const pool = new pg.Pool({
		connectionString,
		max: poolSize,
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
				const parse = typeParsers[oid];
				return parse ?? pg.types.getTypeParser(oid, format);
			}) as typeof pg.types.getTypeParser
		}
	});
	// A server restart or failover drops idle connections; without a handler that error would end the
	// process. The pool replaces the connection on next use, so logging it is enough.
	pool.on('error', (error) => console.error(`[beacon] an idle database connection was lost: ${error.message}`));
	trackPoolClients(pool);
	const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
	return { db, kind: 'postgres', location: describeUrl(connectionString), close: () => db.destroy() };
}

/**
 * PGlite's buffer pool lives in the WebAssembly memory, so all of it stays resident. PostgreSQL's default
 * (128 MB) held a quarter of an embedded server's memory at rest; 32 MB is enough for one organisation's
 * working set, and the operating system still caches the data files behind it.
 */
const PGLITE_SHARED_BUFFERS = '32MB';

export async function openPGlite(dataDir: string, options: OpenOptions = {}): Promise<Database> {
	if (!options.inMemory) mkdirSync(dataDir, { recursive: true });
	const pglite = await PGlite.create({
		...(options.inMemory ? {} : { dataDir }),
		...(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {}),
		extensions: { pgcrypto },
		parsers: typeParsers,
		startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`]
	});
	const untrack = await trackPGlite(pglite);
	const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
	return {
		db,
		kind: 'pglite',
		location: options.inMemory ? 'memory' : dataDir,
		pglite,
		close: async () => {
			untrack();
			await db.destroy();
		}
	};
}

function describeUrl(connectionString: string): string {
	try {
		const url = new URL(connectionString);
		return `${url.hostname}:${url.port || 5432}${url.pathname}`;
	} catch {
		return 'PostgreSQL';
	}
}
