import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { openPGlite } from '../../src/lib/server/db/connect';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { writeIntuneExport } from '../fixtures/intune-export';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

// An import killed outright (SIGKILL: no handlers, no rollback from our side) must leave nothing behind,
// and the same file must then import in full. The CLI runs as a child process on this project's backend:
// a PGlite directory on disk (never open here while a child has it) or a PostgreSQL database of its own.

// Progress is reported every 50,000 rows, so the kill lands part-way through (at 50,000).
const ROWS = 80_000;
const ODS = 'RKL';
const root = fileURLToPath(new URL('../..', import.meta.url));
const childEnv: NodeJS.ProcessEnv = { ...process.env, BEACON_SECRET: 'kill-test-secret-kill-test-secret-0123456789' };
let database: TestDatabase | undefined;
let dir: string;
let file: string;

const cliArgs = (args: string[]) => [path.join(root, 'scripts', 'cli.mjs'), ...args];

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, cliArgs(args), { cwd: root, env: childEnv, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
			resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
		});
	});
}

/** Run a check against the database the CLI uses; PGlite is opened only for the check, then closed. */
async function withDb<T>(check: (db: TestDatabase['db']) => Promise<T>): Promise<T> {
	if (database) return check(database.db);
	const pglite = await openPGlite(childEnv.BEACON_DATA_DIR as string);
	try {
		return await check(pglite.db);
	} finally {
		await pglite.close();
	}
}

async function counts(db: TestDatabase['db']) {
	const { rows } = await sql<{ batches: number; snapshots: number; devices: number }>`
		select (select count(*)::int from import_batch) as batches, (select count(*)::int from device_snapshot) as snapshots,
			(select count(*)::int from device) as devices`.execute(db);
	return rows[0];
}

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-kill-'));
	file = path.join(dir, 'intune-all-devices.csv');
	const written = writeIntuneExport(file, ROWS);
	const org = { ods: ODS, name: 'Killed Import Trust', kind: 'trust' } as const;
	if (testBackend() === 'postgres') {
		database = await openTestDatabase();
		childEnv.DATABASE_URL = database.url;
		await createOrganisation({ db: database.db, actor: systemActor('test') }, org);
	} else {
		// The migrated template unpacked into a directory on disk: what `migrate` would make, seconds sooner.
		delete childEnv.DATABASE_URL;
		childEnv.BEACON_DATA_DIR = path.join(dir, 'pglite');
		const seeded = await openPGlite(childEnv.BEACON_DATA_DIR, { pgliteTemplate: new Blob([readFileSync(inject('pgliteTemplate'))]) });
		try {
			await createOrganisation({ db: seeded.db, actor: systemActor('test') }, org);
		} finally {
			await seeded.close();
		}
	}
	await written;
}, 60_000);
afterAll(async () => {
	await database?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`a device import killed part-way on ${testBackend()}`, () => {
	it('leaves the database as it was, and the same file then imports in full', async () => {
		const before = await withDb(checksumTables);

		const child = spawn(process.execPath, cliArgs(['import', 'devices', file, '--org', ODS]), { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
		const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
		let stderr = '';
		const progress = await new Promise<boolean>((resolve) => {
			child.stderr.on('data', (data: Buffer) => {
				stderr += data.toString();
				if (/rows read/.test(stderr)) resolve(true);
			});
			void exited.then(() => resolve(false));
		});
		expect(progress, `the import ended before reporting progress:\n${stderr}`).toBe(true);
		child.kill('SIGKILL');
		expect(await exited).toBe('SIGKILL');

		await withDb(async (db) => {
			expect(await counts(db)).toEqual({ batches: 0, snapshots: 0, devices: 0 });
			expect(await checksumTables(db)).toEqual(before);
		});

		const again = await cli(['import', 'devices', file, '--org', ODS, '--json']);
		expect(again.code, again.stderr).toBe(0);
		expect(JSON.parse(again.stdout)).toMatchObject({ rowsTotal: ROWS, rowsImported: ROWS, rowsRejected: 0, duplicateOf: null, errors: [] });
		await withDb(async (db) => expect(await counts(db)).toEqual({ batches: 1, snapshots: 1, devices: ROWS }));
	}, 120_000);
});
