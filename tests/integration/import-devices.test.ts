import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { listDeviceSnapshots } from '../../src/lib/server/devices/service';
import { importFile } from '../../src/lib/server/imports/import-file';
import { listImports, rejectedRowsCsv } from '../../src/lib/server/imports/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { INTUNE_COLUMNS, intuneRow, writeIntuneExport } from '../fixtures/intune-export';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const SYSTEM = systemActor('test');
const WITHHELD = '(withheld: personal identifier)';
let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });
const csv = (name: string, rows: string[][]) => {
	const file = path.join(dir, name);
	writeFileSync(file, [...rows].map((r) => r.join(',')).join('\n') + '\n');
	return file;
};
const withCell = (row: string[], column: string, value: string) => row.map((c, i) => (INTUNE_COLUMNS[i] === column ? value : c));
/** A row with long model and manufacturer names: about 500 bytes of COPY text. */
const long = (row: string[]) => withCell(withCell(row, 'Model', `Model ${'x'.repeat(190)}`), 'Manufacturer', `Maker ${'y'.repeat(190)}`);

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-devices-'));
	await createOrganisation(ctx(), { ods: 'RD1', name: 'Device Trust', kind: 'trust' });
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`Intune device import on ${testBackend()}`, () => {
	it('loads a snapshot dated by the latest check-in, counts it, and keeps no personal identifier', async () => {
		const file = path.join(dir, 'all-devices.csv');
		await writeIntuneExport(file, 300, { asOf: '2026-09-30' });
		const report = await importFile(ctx(), { kind: 'devices', ods: 'RD1', path: file });
		expect(report).toMatchObject({ rowsTotal: 300, rowsImported: 300, rowsRejected: 0, preset: 'intune', errors: [], details: { asOf: '2026-09-28' } });
		const [snapshot] = await listDeviceSnapshots(ctx(), 'RD1');
		// Independent count from the generator's rules: compliance cycles through 6 values, 3 of them Compliant.
		expect(snapshot).toMatchObject({ asOf: '2026-09-28', source: 'intune', total: 300, compliant: 150, encrypted: 300 - Math.ceil(300 / 7), stale: 0 });
		const stored = await sql<{ text: string }>`select string_agg(d::text, ' ') as text from device d`.execute(database.db);
		const text = stored.rows[0]?.text ?? '';
		for (const raw of [intuneRow(7)[0], 'user7@nhs.example', 'user7_', intuneRow(7)[8]]) expect(text).not.toContain(raw);
		const again = await importFile(ctx(), { kind: 'devices', ods: 'RD1', path: file });
		expect(again).toMatchObject({ batchId: null, duplicateOf: report.batchId });
	});

	it('replaces the snapshot of the same date, and counts devices silent for 30 days as stale, not compliant', async () => {
		const rows = [
			[...INTUNE_COLUMNS],
			...[0, 3, 6].map((i) => withCell(intuneRow(i), 'Last check-in', '2026-08-01 10:00:00.0000000')),
			withCell(intuneRow(1), 'Last check-in', '2026-09-27 10:00:00')
		];
		// Much smaller than the snapshot it replaces: deliberate here, so the change is accepted (wrong-file guard, change-guard.ts).
		const report = await importFile(ctx(), { acceptChange: true, kind: 'devices', ods: 'RD1', path: csv('later.csv', rows), asOf: '2026-09-28' });
		expect(report.details).toMatchObject({ asOf: '2026-09-28', replacedSnapshot: expect.any(Number) });
		const snapshots = await listDeviceSnapshots(ctx(), 'RD1');
		expect(snapshots).toHaveLength(1);
		expect(snapshots[0]).toMatchObject({ total: 4, stale: 3, compliant: 1 });
	});

	it('rejects the whole file for one bad row unless asked to skip invalid rows, which it keeps with reasons', async () => {
		const before = await sql<{ n: number }>`select count(*)::int as n from device`.execute(database.db);
		const rows = [
			[...INTUNE_COLUMNS],
			intuneRow(10),
			withCell(intuneRow(11), 'Compliance', 'Sort of'),
			withCell(intuneRow(12), 'Device ID', ''),
			withCell(intuneRow(13), 'Model', '=cmd|x')
		];
		const file = csv('mixed.csv', rows);
		const rejected = await importFile(ctx(), { kind: 'devices', ods: 'RD1', path: file, asOf: '2026-10-31' });
		expect(rejected).toMatchObject({ batchId: null, rowsImported: 0, rowsRejected: 2 });
		expect(rejected.errors).toEqual([
			{ row: 3, column: 'Compliance', value: 'Sort of', message: expect.stringMatching(/expected Compliant, Noncompliant/) },
			{ row: 4, column: 'Device ID', value: '(withheld: personal identifier)', message: 'every device needs its ID' }
		]);
		expect((await sql<{ n: number }>`select count(*)::int as n from device`.execute(database.db)).rows[0]?.n).toBe(before.rows[0]?.n);

		const skipped = await importFile(ctx(), { acceptChange: true, kind: 'devices', ods: 'RD1', path: file, asOf: '2026-10-31', skipInvalid: true });
		expect(skipped).toMatchObject({ rowsTotal: 4, rowsImported: 2, rowsRejected: 2 });
		const download = await rejectedRowsCsv(ctx(), 'RD1', skipped.batchId as number);
		expect(download.csv).toContain('3,Compliance,Sort of,');
		const history = await listImports(ctx(), 'RD1');
		expect(history[0]).toMatchObject({ batchId: skipped.batchId, rowsImported: 2, rowsRejected: 2, kind: 'devices' });
	});

	it('maps unfamiliar headers once, saves the mapping, and reuses it for the next file', async () => {
		const header = ['Asset', 'Seen', 'Platform', 'State'];
		const file1 = csv('mdm-a.csv', [header, ['A-1', '2026-11-01 09:00', 'iOS', 'Compliant'], ['A-2', '2026-11-02 09:00', 'Android', 'Noncompliant']]);
		expect((await importFile(ctx(), { kind: 'devices', ods: 'RD1', path: file1 })).errors[0]?.message).toMatch(/required column missing/);
		const map = { Asset: 'deviceId', Seen: 'lastCheckIn', Platform: 'os', State: 'compliance' };
		const first = await importFile(ctx(), { acceptChange: true, kind: 'devices', ods: 'RD1', path: file1, map, saveMapping: true });
		expect(first).toMatchObject({ rowsImported: 2, preset: 'intune', details: { asOf: '2026-11-02' } });
		const file2 = csv('mdm-b.csv', [header, ['A-1', '2026-11-20 09:00', 'iOS', 'Compliant']]);
		expect(await importFile(ctx(), { acceptChange: true, kind: 'devices', ods: 'RD1', path: file2 })).toMatchObject({
			rowsImported: 1,
			details: { asOf: '2026-11-20' }
		});
		// A plain Intune export has none of the saved columns: the saved mapping does not stand in its way.
		const file3 = csv('intune-after-mapping.csv', [[...INTUNE_COLUMNS], intuneRow(40, '2026-11-21')]);
		expect(await importFile(ctx(), { acceptChange: true, kind: 'devices', ods: 'RD1', path: file3 })).toMatchObject({ rowsImported: 1, errors: [] });
	});
});

describe(`duplicate device IDs in one Intune file on ${testBackend()}`, () => {
	// An organisation of their own: RD1 has a saved mapping for other headers.
	beforeAll(async () => {
		await createOrganisation(ctx(), { ods: 'RD2', name: 'Duplicate Trust', kind: 'trust' });
	});

	it('names every row of an ID repeated in other case and spacing, and refuses the file even skipping invalid rows', async () => {
		const before = await checksumTables(database.db);
		const rows = [
			[...INTUNE_COLUMNS],
			withCell(intuneRow(20), 'Device ID', 'Dup-ID-1'),
			intuneRow(21),
			withCell(intuneRow(22), 'Device ID', 'dup-id-1'),
			withCell(intuneRow(23), 'Compliance', 'Sort of'),
			withCell(intuneRow(24), 'Device ID', ' DUP-ID-1 ')
		];
		const report = await importFile(ctx(), { kind: 'devices', ods: 'RD2', path: csv('three-of-one.csv', rows), skipInvalid: true });
		expect(report).toMatchObject({ batchId: null, rowsImported: 0, rowsTotal: 5 });
		expect(report.errors).toEqual([
			{
				row: 4,
				column: 'Device ID',
				value: WITHHELD,
				message: expect.stringMatching(
					/^the same Device ID appears more than once in the file: rows 2, 4 and 6 \(device IDs are compared ignoring case\)\. The file was not imported, even skipping invalid rows: remove the duplicate and import again\.$/
				)
			}
		]);
		expect(JSON.stringify(report).toLowerCase()).not.toContain('dup-id-1');
		expect(await checksumTables(database.db)).toEqual(before);
	});

	it('stops at a duplicate the database finds part-way through a large file, and still names its rows', async () => {
		// Long text makes COPY send its first part early (PGlite: 8 MB), with most of the file still unread.
		const lines = [INTUNE_COLUMNS.join(',')];
		for (let i = 0; i < 60_000; i++) lines.push(long(i === 1_500 ? intuneRow(3) : intuneRow(i)).join(','));
		const file = path.join(dir, 'large-duplicate.csv');
		writeFileSync(file, lines.join('\n') + '\n');
		const before = await checksumTables(database.db);
		const progress: number[] = [];
		const report = await importFile(ctx(), { kind: 'devices', ods: 'RD2', path: file, onProgress: ({ rowsRead }) => progress.push(rowsRead) });
		expect(progress).toEqual([]);
		expect(report).toMatchObject({ batchId: null, rowsImported: 0, rowsTotal: 60_000 });
		expect(report.errors).toEqual([{ row: 1_502, column: 'Device ID', value: WITHHELD, message: expect.stringMatching(/rows 5 and 1502 /) }]);
		expect(await checksumTables(database.db)).toEqual(before);
		// The connection the COPY failed on is usable afterwards.
		expect(await importFile(ctx(), { kind: 'devices', ods: 'RD2', path: csv('after-large.csv', [[...INTUNE_COLUMNS], intuneRow(1)]) })).toMatchObject({
			rowsImported: 1,
			errors: []
		});
	}, 60_000);
});

describe(`a file longer than one COPY statement on ${testBackend()}`, () => {
	// About 500 bytes of COPY text a row: 20,000 rows make two statements of 8 MB on PostgreSQL (db/copy.ts
	// PG_STATEMENT_BYTES), two blobs of 8 MB on PGlite.
	const write = (name: string, rows: number, duplicateAt?: number) => {
		const lines = [INTUNE_COLUMNS.join(',')];
		for (let i = 0; i < rows; i++) lines.push(long(i === duplicateAt ? intuneRow(3) : intuneRow(i)).join(','));
		const file = path.join(dir, name);
		writeFileSync(file, lines.join('\n') + '\n');
		return file;
	};
	beforeAll(async () => {
		await createOrganisation(ctx(), { ods: 'RD3', name: 'Long File Trust', kind: 'trust' });
	});

	it('names both rows of a device whose second row is in a later statement than its first, and keeps none of the rows', async () => {
		const before = await checksumTables(database.db);
		const report = await importFile(ctx(), { kind: 'devices', ods: 'RD3', path: write('late-duplicate.csv', 20_000, 18_000) });
		expect(report).toMatchObject({ batchId: null, rowsImported: 0 });
		expect(report.errors).toEqual([{ row: 18_002, column: 'Device ID', value: WITHHELD, message: expect.stringMatching(/rows 5 and 18002 /) }]);
		expect(await checksumTables(database.db)).toEqual(before);
	}, 60_000);

	it('stores every row of every statement, once, in one snapshot', async () => {
		const report = await importFile(ctx(), { kind: 'devices', ods: 'RD3', path: write('long.csv', 20_000) });
		expect(report).toMatchObject({ rowsImported: 20_000, rowsTotal: 20_000, errors: [] });
		const { rows } = await sql<{ n: number; keys: number; snapshots: number }>`
			select count(*)::int as n, count(distinct device_key)::int as keys, count(distinct snapshot_id)::int as snapshots
			from device d join device_snapshot s on s.id = d.snapshot_id join organisation o on o.id = s.organisation_id where o.ods_code = 'RD3'`.execute(database.db);
		expect(rows[0]).toEqual({ n: 20_000, keys: 20_000, snapshots: 1 });
		const [snapshot] = await listDeviceSnapshots(ctx(), 'RD3');
		// Compliant when i % 6 < 3 (the generator's cycle), all checked in within the month: 3 × 3,333 + 2.
		expect(snapshot).toMatchObject({ total: 20_000, compliant: 10_001, stale: 0 });
	}, 60_000);
});

describe(`the same file imported at the same moment on ${testBackend()}`, () => {
	beforeAll(async () => {
		await createOrganisation(ctx(), { ods: 'RD9', name: 'Concurrent Import Trust', kind: 'trust' });
	});

	it('imports the same file sent three times at once only once: the others report duplicateOf, as a re-import does', async () => {
		const file = path.join(dir, 'sent-thrice.csv');
		// Large enough that each import is still inside its transaction when the others look for an earlier one.
		await writeIntuneExport(file, 20_000, { asOf: '2026-10-31' });
		const reports = await Promise.all([1, 2, 3].map(() => importFile(ctx(), { kind: 'devices', ods: 'RD9', path: file })));
		const loaded = reports.filter((r) => r.batchId !== null);
		expect(loaded).toHaveLength(1);
		expect(loaded[0]).toMatchObject({ rowsImported: 20_000, duplicateOf: null });
		for (const r of reports.filter((x) => x.batchId === null)) expect(r).toMatchObject({ duplicateOf: loaded[0]!.batchId, rowsImported: 0, errors: [] });
	}, 120_000);
});
