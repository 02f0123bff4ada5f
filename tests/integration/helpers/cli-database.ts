import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openPGlite, type Database } from '../../../src/lib/server/db/connect';
import { runCli, runCliProcess, type CliResult } from './cli';
import { openTestDatabase, testBackend, type TestTemplate } from './database';

export interface CliDatabase {
	/** Where to put the data the CLI will read, and check what it wrote. Read it afresh after `runProcess`. */
	readonly db: Database['db'];
	/** `beacon <args>` in this process, on this database: how CLI tests run. */
	run(args: string[], stdin?: string): Promise<CliResult>;
	/**
	 * `beacon <args>` as a real process on the same database (for exit statuses, standard input, the bundle).
	 * A PGlite directory opens in one process at a time: this one lets go of it meanwhile.
	 */
	runProcess(args: string[], stdin?: string): Promise<CliResult>;
	close(): Promise<void>;
}

/**
 * A database for tests of CLI commands on this test's backend: this test's own PostgreSQL database, or a
 * PGlite database started from a template (`empty`: nothing at all on PGlite; PostgreSQL clones are
 * always migrated). Put data in through `db`, then `run` commands on it. PGlite stays in memory until the
 * first `runProcess`, which writes it to a directory for the process to open.
 */
export async function openCliDatabase(prefix: string, from: TestTemplate | 'empty' = 'migrated'): Promise<CliDatabase> {
	if (testBackend() === 'postgres') {
		const database = await openTestDatabase(from === 'empty' ? 'migrated' : from);
		const env = { DATABASE_URL: database.url };
		return {
			db: database.db,
			run: (args, stdin) => runCli(args, { database }, stdin),
			runProcess: (args, stdin) => runCliProcess(args, env, stdin),
			close: () => database.close()
		};
	}
	const template = from === 'empty' ? undefined : new Blob([readFileSync(inject(from === 'demo' ? 'pgliteDemoTemplate' : 'pgliteTemplate'))]);
	let database: Database | null = await openPGlite('', { inMemory: true, ...(template ? { pgliteTemplate: template } : {}) });
	let dir: string | null = null;
	let reopened: Promise<Database> | null = null;
	const open = async (): Promise<Database> => {
		if (database) return database;
		reopened ??= openPGlite(dir as string).then((d) => ((database = d), (reopened = null), d));
		return reopened;
	};
	/** Close the database for a process to open; the first time, write it to a directory of its own. */
	const handOver = async (current: Database) => {
		database = null;
		if (dir) return current.close();
		const dump = await current.pglite?.dumpDataDir('none');
		await current.close();
		dir = mkdtempSync(path.join(tmpdir(), prefix));
		await (await openPGlite(dir, { pgliteTemplate: dump })).close();
	};
	// Process runs side by side share one hand-over: the directory is closed before the first starts and
	// opened again after the last ends.
	let processes = 0;
	let handedOver: Promise<void> = Promise.resolve();
	return {
		get db() {
			if (!database) throw new Error('the PGlite directory is with a CLI process: await runProcess first');
			return database.db;
		},
		run: async (args, stdin) => runCli(args, { database: await open() }, stdin),
		runProcess: async (args, stdin) => {
			if (processes++ === 0) handedOver = open().then(handOver);
			await handedOver;
			try {
				return await runCliProcess(args, { BEACON_DATA_DIR: dir as string }, stdin);
			} finally {
				if (--processes === 0) await open();
			}
		},
		close: async () => {
			await (await open()).close();
			if (dir) rmSync(dir, { recursive: true, force: true });
		}
	};
}
