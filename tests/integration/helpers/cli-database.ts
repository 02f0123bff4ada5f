import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openPGlite, type Database } from '../../../src/lib/server/db/connect';
import { openTestDatabase, testBackend } from './database';

export interface CliDatabase {
	/** Where to put the data the CLI will read, from this process. */
	db: Database['db'];
	/** The environment that points the CLI at the same database. */
	env: { DATABASE_URL?: string; BEACON_DATA_DIR?: string };
	/** Call when the data is in, before running the CLI: a PGlite directory opens in one process at a time. */
	handOver(): Promise<void>;
	close(): Promise<void>;
}

/**
 * A database for tests of a CLI command on this test's backend: this test's own PostgreSQL database, or a
 * PGlite directory started from the migrated template (rather than migrating it again).
 */
export async function openCliDatabase(prefix: string): Promise<CliDatabase> {
	if (testBackend() === 'postgres') {
		const database = await openTestDatabase();
		return { db: database.db, env: { DATABASE_URL: database.url }, handOver: async () => undefined, close: () => database.close() };
	}
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	const database = await openPGlite(dir, { pgliteTemplate: new Blob([readFileSync(inject('pgliteTemplate'))]) });
	let open = true;
	const closeOnce = async () => {
		if (open) await database.close();
		open = false;
	};
	return {
		db: database.db,
		env: { BEACON_DATA_DIR: dir },
		handOver: closeOnce,
		close: async () => {
			await closeOnce();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
