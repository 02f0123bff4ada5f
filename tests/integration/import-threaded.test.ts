import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRowThread } from '../../src/cli/threaded-rows';
import { systemActor } from '../../src/lib/server/auth/actor';
import { importFile } from '../../src/lib/server/imports/import-file';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { INTUNE_COLUMNS, intuneRow, writeIntuneExport } from '../fixtures/intune-export';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

// The command line runs the row work on a worker thread (startRowThread); the web server in its own
// thread. Both must store exactly the same rows and report exactly the same problems.

const SYSTEM = systemActor('test');
let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });

const storedDevices = async (ods: string) => {
	const { rows } = await sql<{ line: string }>`
		select concat_ws('|', d.device_key, d.device_type, d.os, d.os_version, d.is_os_supported, d.compliance, d.is_managed, d.is_encrypted,
			d.last_check_in_at, d.model) as line
		from device d join device_snapshot s on s.id = d.snapshot_id join organisation o on o.id = s.organisation_id
		where o.ods_code = ${ods} order by 1`.execute(database.db);
	return rows.map((r) => r.line);
};

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-threaded-'));
	for (const ods of ['RT1', 'RT2', 'RT3', 'RT4']) await createOrganisation(ctx(), { ods, name: `Thread Trust ${ods}`, kind: 'trust' });
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`imports with the row work on a worker thread, on ${testBackend()}`, () => {
	it('stores the same rows as the in-thread import, batch after batch', async () => {
		const file = path.join(dir, 'devices.csv');
		// More rows than one hand-over batch holds, so several batches cross between the threads.
		await writeIntuneExport(file, 12_000, { asOf: '2026-10-31' });
		const inThread = await importFile(ctx(), { kind: 'devices', ods: 'RT1', path: file });
		const progress: number[] = [];
		const threaded = await importFile(ctx(), {
			kind: 'devices',
			ods: 'RT2',
			path: file,
			runRows: startRowThread().run,
			onProgress: ({ rowsRead }) => progress.push(rowsRead)
		});
		expect(threaded).toMatchObject({ rowsTotal: 12_000, rowsImported: 12_000, rowsRejected: 0, errors: [] });
		expect({ ...threaded, batchId: 0 }).toEqual({ ...inThread, batchId: 0, details: { ...inThread.details, snapshotId: threaded.details.snapshotId } });
		const [a, b] = [await storedDevices('RT1'), await storedDevices('RT2')];
		expect(a).toHaveLength(12_000);
		expect(b).toEqual(a);
	});

	it('reports the same problems and writes nothing when the file is rejected', async () => {
		const rows = [INTUNE_COLUMNS, ...Array.from({ length: 50 }, (_, i) => intuneRow(i))];
		const bad = rows.map((r, i) => (i === 20 || i === 41 ? r.map((c, j) => (INTUNE_COLUMNS[j] === 'Last check-in' ? '31/02/2026' : c)) : r));
		const file = path.join(dir, 'bad.csv');
		writeFileSync(file, bad.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n'));
		const before = await checksumTables(database.db);
		const inThread = await importFile(ctx(), { kind: 'devices', ods: 'RT3', path: file });
		const threaded = await importFile(ctx(), { kind: 'devices', ods: 'RT4', path: file, runRows: startRowThread().run });
		expect(threaded.errors.map((e) => [e.row, e.column])).toEqual([
			[21, 'Last check-in'],
			[42, 'Last check-in']
		]);
		expect(threaded).toEqual(inThread);
		expect(await checksumTables(database.db)).toEqual(before);
	});
});
