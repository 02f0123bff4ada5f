import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRowThread, startRowThreads } from '../../src/cli/threaded-rows';
import { systemActor } from '../../src/lib/server/auth/actor';
import { importFile, type ImportReport } from '../../src/lib/server/imports/import-file';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { INTUNE_COLUMNS, intuneRow } from '../fixtures/intune-export';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

// The command line splits a file's rows between worker threads in stretches, round-robin, and writes the
// stretches back in file order into one COPY. Whatever the number of threads, the stored rows and the
// problems reported must be exactly those of one thread, and a failure anywhere must leave nothing.

const SYSTEM = systemActor('test');
/** Rows per stretch here: a 3,500-row file makes seven stretches, spread over three threads. */
const STRETCH = 500;
const ROWS = 3500;
let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });

/** Every stored column of the organisation's devices but the snapshot id, as text, in the file's order of keys. */
const storedDevices = async (ods: string) => {
	const { rows } = await sql<{ line: string }>`
		select concat_ws('|', d.device_key, d.device_type, d.os, d.os_version, d.is_os_supported, d.ownership, d.compliance, d.is_managed,
			d.is_encrypted, d.is_jailbroken, d.enrolled_at, d.last_check_in_at, d.manufacturer, d.model) as line
		from device d join device_snapshot s on s.id = d.snapshot_id join organisation o on o.id = s.organisation_id
		where o.ods_code = ${ods} order by d.device_key`.execute(database.db);
	return rows.map((r) => r.line);
};

/** The file's data rows 1-based as the person counts them (the header is row 1): these get a bad check-in date. */
function writeDevices(name: string, badRows: number[]): string {
	const rows = [INTUNE_COLUMNS as readonly string[], ...Array.from({ length: ROWS }, (_, i) => intuneRow(i))];
	const check = INTUNE_COLUMNS.indexOf('Last check-in');
	const os = INTUNE_COLUMNS.indexOf('OS');
	for (const row of badRows) {
		const cells = [...(rows[row - 1] as string[])];
		// Two kinds of problem, so the reports carry more than one message.
		if (row % 2) cells[check] = '31/02/2026';
		else cells[os] = '';
		rows[row - 1] = cells;
	}
	const file = path.join(dir, name);
	writeFileSync(file, rows.map((r) => r.join(',')).join('\r\n'));
	return file;
}

const withoutIds = (report: ImportReport) => ({ ...report, batchId: 0, details: { ...report.details, snapshotId: 0 } });

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-parallel-'));
	for (const ods of ['RP1', 'RP2', 'RP3', 'RP4', 'RP5', 'RP6', 'RP7', 'RP8', 'RP9'])
		await createOrganisation(ctx(), { ods, name: `Parallel Trust ${ods}`, kind: 'trust' });
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`imports with the rows split between worker threads, on ${testBackend()}`, () => {
	// Problems in the first stretch, in the middle of one, on both sides of a boundary between threads, and in the last.
	const badRows = [3, 4, 501, 502, 1250, 1501, 1502, 2999, 3000, 3001, 3501];

	it('stores exactly the rows one thread stores, and reports exactly its problems, skipping the invalid rows', async () => {
		const file = writeDevices('spread.csv', badRows);
		const one = await importFile(ctx(), { kind: 'devices', ods: 'RP1', path: file, skipInvalid: true, runRows: startRowThread().run });
		const threads = startRowThreads({ threads: 3, shardRows: STRETCH });
		let parallel: boolean | undefined;
		const three = await importFile(ctx(), {
			kind: 'devices',
			ods: 'RP2',
			path: file,
			skipInvalid: true,
			runRows: (job, take) => ((parallel = job.parallel), threads.run(job, take))
		});
		expect(parallel).toBe(true);
		expect(one).toMatchObject({ rowsTotal: ROWS, rowsImported: ROWS - badRows.length, rowsRejected: badRows.length });
		expect(one.errors.map((e) => e.row)).toEqual(badRows);
		expect(one.errors.map((e) => e.column)).toEqual(badRows.map((r) => (r % 2 ? 'Last check-in' : 'OS')));
		expect(withoutIds(three)).toEqual(withoutIds(one));
		const stored = await storedDevices('RP1');
		expect(stored).toHaveLength(ROWS - badRows.length);
		expect(await storedDevices('RP2')).toEqual(stored);
		// The problems kept with the batch, too.
		const kept = await sql<{ errors: unknown }>`select errors from import_batch where id in (${one.batchId}, ${three.batchId}) order by id`.execute(
			database.db
		);
		expect(kept.rows[1]?.errors).toEqual(kept.rows[0]?.errors);
	}, 120_000);

	it('rejects the file with the same report as one thread, writing nothing', async () => {
		const file = writeDevices('rejected.csv', badRows);
		const before = await checksumTables(database.db);
		const one = await importFile(ctx(), { kind: 'devices', ods: 'RP3', path: file, runRows: startRowThread().run });
		const three = await importFile(ctx(), { kind: 'devices', ods: 'RP4', path: file, runRows: startRowThreads({ threads: 3, shardRows: STRETCH }).run });
		expect(one).toMatchObject({ batchId: null, rowsTotal: ROWS, rowsImported: 0, rowsRejected: badRows.length });
		expect(one.errors.map((e) => e.row)).toEqual(badRows);
		expect(three).toEqual(one);
		expect(await checksumTables(database.db)).toEqual(before);
	}, 120_000);

	it('rolls everything back for one bad row in the last stretch', async () => {
		const file = writeDevices('last.csv', [ROWS + 1]);
		const before = await checksumTables(database.db);
		const report = await importFile(ctx(), { kind: 'devices', ods: 'RP5', path: file, runRows: startRowThreads({ threads: 2, shardRows: STRETCH }).run });
		expect(report).toMatchObject({ batchId: null, rowsTotal: ROWS, rowsImported: 0, rowsRejected: 1 });
		expect(report.errors).toEqual([
			{
				row: ROWS + 1,
				column: 'Last check-in',
				value: '31/02/2026',
				message: 'a date is written YYYY-MM-DD or DD/MM/YYYY and must exist, with a time if any like 08:15:02'
			}
		]);
		expect(await checksumTables(database.db)).toEqual(before);
		expect(await storedDevices('RP5')).toEqual([]);
	}, 120_000);

	it('turns a worker thread that dies part-way into a report that nothing was imported, and leaves the database as it was', async () => {
		const file = writeDevices('killed.csv', []);
		const before = await checksumTables(database.db);
		const threads = startRowThreads({ threads: 2, shardRows: STRETCH });
		let stretches = 0;
		const report = await importFile(ctx(), {
			kind: 'devices',
			ods: 'RP6',
			path: file,
			// After the first stretch is in the COPY, the second thread is stopped as a crash would stop it.
			runRows: (job, take) =>
				threads.run(job, async (batch) => {
					await take(batch);
					if ((stretches += 1) === 1) await threads.workers[1]?.terminate();
				})
		});
		expect(stretches).toBeGreaterThanOrEqual(1);
		expect(stretches).toBeLessThan(ROWS / STRETCH);
		expect(report).toMatchObject({ batchId: null, rowsImported: 0 });
		expect(report.errors).toHaveLength(1);
		expect(report.errors[0]?.message).toMatch(
			/^killed\.csv was not imported: the import stopped part-way because one of its worker threads ended unexpectedly \(exit code \d+\), and nothing was written; import the file again$/
		);
		expect(await checksumTables(database.db)).toEqual(before);
		// The same file then imports in full.
		const again = await importFile(ctx(), { kind: 'devices', ods: 'RP6', path: file, runRows: startRowThreads({ threads: 2, shardRows: STRETCH }).run });
		expect(again).toMatchObject({ rowsTotal: ROWS, rowsImported: ROWS, rowsRejected: 0 });
	}, 120_000);

	it('names the rows of a device ID given twice in different stretches, as one thread does', async () => {
		const file = writeDevices('twice.csv', []);
		const lines = readFileSync(file, 'utf8').split('\r\n');
		// Data row 2800 (file row 2801, stretch 5) repeats data row 10 (file row 11, stretch 0).
		lines[2800] = lines[10] as string;
		writeFileSync(file, lines.join('\r\n'));
		const before = await checksumTables(database.db);
		const one = await importFile(ctx(), { kind: 'devices', ods: 'RP8', path: file, runRows: startRowThread().run });
		const three = await importFile(ctx(), { kind: 'devices', ods: 'RP9', path: file, runRows: startRowThreads({ threads: 3, shardRows: STRETCH }).run });
		expect(one).toMatchObject({ batchId: null, rowsImported: 0 });
		// Reported on the second row, naming both.
		expect(one.errors.map((e) => e.row)).toEqual([2801]);
		expect(one.errors[0]?.message).toMatch(/\b11\b.*\b2,?801\b/);
		expect(three).toEqual(one);
		expect(await checksumTables(database.db)).toEqual(before);
	}, 120_000);

	it('reads a file with no rows, and one shorter than a stretch, as one thread does', async () => {
		const empty = path.join(dir, 'empty.csv');
		writeFileSync(empty, INTUNE_COLUMNS.join(',') + '\r\n');
		const one = await importFile(ctx(), { kind: 'devices', ods: 'RP7', path: empty, runRows: startRowThread().run });
		const three = await importFile(ctx(), { kind: 'devices', ods: 'RP7', path: empty, runRows: startRowThreads({ threads: 3, shardRows: STRETCH }).run });
		expect(one.errors.map((e) => e.message)).toEqual(['empty.csv has a header but no rows']);
		expect(three).toEqual(one);
		const short = path.join(dir, 'short.csv');
		writeFileSync(short, [INTUNE_COLUMNS, ...Array.from({ length: 10 }, (_, i) => intuneRow(i))].map((r) => r.join(',')).join('\r\n'));
		const shortReport = await importFile(ctx(), { kind: 'devices', ods: 'RP7', path: short, runRows: startRowThreads({ threads: 3, shardRows: STRETCH }).run });
		expect(shortReport).toMatchObject({ rowsTotal: 10, rowsImported: 10, rowsRejected: 0, errors: [] });
	}, 120_000);
});
