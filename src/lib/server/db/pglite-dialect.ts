import type { PGlite } from '@electric-sql/pglite';
import { Mutex } from 'async-mutex';
import {
	CompiledQuery,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type DatabaseIntrospector,
	type Dialect,
	type DialectAdapter,
	type Driver,
	type Kysely,
	type QueryCompiler,
	type QueryResult
} from 'kysely';

/**
 * Kysely dialect for PGlite (Postgres in WebAssembly). PGlite is a single connection, so the driver
 * hands it to one user at a time: a transaction holds it from BEGIN to COMMIT, and every other query
 * waits. Without this, a query issued by one request while another request's transaction is open would
 * run inside that transaction.
 */
export class PGliteDialect implements Dialect {
	constructor(private readonly pglite: PGlite) {}

	createAdapter(): DialectAdapter {
		return new PostgresAdapter();
	}

	createDriver(): Driver {
		return new PGliteDriver(this.pglite);
	}

	createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
		return new PostgresIntrospector(db);
	}

	createQueryCompiler(): QueryCompiler {
		return new PostgresQueryCompiler();
	}
}

class PGliteDriver implements Driver {
	readonly #mutex = new Mutex();
	readonly #connection: PGliteConnection;
	#release: (() => void) | undefined;

	constructor(private readonly pglite: PGlite) {
		this.#connection = new PGliteConnection(pglite);
	}

	async init(): Promise<void> {
		await this.pglite.waitReady;
	}

	async acquireConnection(): Promise<DatabaseConnection> {
		this.#release = await this.#mutex.acquire();
		return this.#connection;
	}

	async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin'));
	}

	async commitTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('commit'));
	}

	async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('rollback'));
	}

	async releaseConnection(): Promise<void> {
		const release = this.#release;
		this.#release = undefined;
		release?.();
	}

	async destroy(): Promise<void> {
		// Wait for whoever holds the connection, then close, so no query is cut off half-way.
		await this.#mutex.runExclusive(async () => {
			if (!this.pglite.closed) await this.pglite.close();
		});
	}
}

class PGliteConnection implements DatabaseConnection {
	constructor(private readonly pglite: PGlite) {}

	async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
		const result = await this.pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters], {
			rowMode: 'object'
		});
		// Kysely reads numAffectedRows only for INSERT, UPDATE, DELETE and MERGE, so it is safe to pass always.
		return {
			rows: result.rows,
			...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {})
		};
	}

	async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
		// PGlite returns whole results; hand them out in chunks so callers can stream either driver alike.
		const { rows } = await this.executeQuery<R>(compiledQuery);
		for (let i = 0; i < rows.length; i += chunkSize) {
			yield { rows: rows.slice(i, i + chunkSize) };
		}
	}
}
