import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { createDeviceSnapshot } from '../../src/lib/server/devices/service';
import { importDsptStatus } from '../../src/lib/server/imports/dspt-status-import';
import { importFile } from '../../src/lib/server/imports/import-file';
import { getDataFreshness, listImports, listRejections } from '../../src/lib/server/imports/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { INTUNE_COLUMNS, intuneRow } from '../fixtures/intune-export';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { sql } from 'kysely';

const SYSTEM = systemActor('test');
let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });
const write = (name: string, rows: string[][]) => {
	const file = path.join(dir, name);
	writeFileSync(file, rows.map((r) => r.join(',')).join('\n') + '\n');
	return file;
};
const withCell = (row: string[], column: string, value: string) => row.map((c, i) => (INTUNE_COLUMNS[i] === column ? value : c));

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-rejections-'));
	await createOrganisation(ctx(), { ods: 'RH1', name: 'History Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'RH2', name: 'Hand-kept Trust', kind: 'trust' });
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`rejected imports and data freshness in the history, on ${testBackend()}`, () => {
	it('keeps a trace of a rejected file (when, who, file, why), and lets the same file in later', async () => {
		const rows = [
			[...INTUNE_COLUMNS],
			intuneRow(1, '2026-11-29'),
			withCell(intuneRow(2, '2026-11-29'), 'Compliance', 'Sort of'),
			withCell(intuneRow(3, '2026-11-29'), 'Compliance', 'Maybe')
		];
		const file = write('two-bad-rows.csv', rows);
		const rejected = await importFile(ctx(), { kind: 'devices', ods: 'RH1', path: file });
		expect(rejected.batchId).toBeNull();
		const [trace, ...others] = await listRejections(ctx(), 'RH1');
		expect(others).toEqual([]);
		expect(trace).toMatchObject({ kind: 'devices', fileName: 'two-bad-rows.csv', rejectedBy: null, problems: 2 });
		expect(trace?.reason).toMatch(/^row 3, Compliance: expected .* \(and 1 more problem\)$/);
		expect(Date.now() - Date.parse(trace?.rejectedAt as string)).toBeLessThan(60_000);
		// The trace is not an import of the file: the same file with --skip-invalid goes in.
		expect(await importFile(ctx(), { kind: 'devices', ods: 'RH1', path: file, skipInvalid: true })).toMatchObject({ rowsImported: 1, duplicateOf: null });
		expect((await listImports(ctx(), 'RH1')).length).toBe(1);
	});

	it('keeps a trace of a rejected public status export too', async () => {
		const file = write('statuses.csv', [
			['Code', 'Organisation Name', 'Status'],
			['RH9', 'Nine Trust', '22/23 Standards Smashed']
		]);
		expect((await importDsptStatus(ctx(), { path: file })).batchId).toBeNull();
		const { rows } = await sql<{ kind: string; file_name: string; organisation_id: number | null }>`
			select kind, file_name, organisation_id from import_rejection where kind = 'dspt-status'`.execute(database.db);
		expect(rows).toEqual([{ kind: 'dspt-status', file_name: 'statuses.csv', organisation_id: null }]);
	});

	it('shows how fresh each kind of data is, imported or entered on the pages', async () => {
		const imported = await getDataFreshness(ctx(), 'RH1');
		// The one valid row (device 1) checked in on 2 November (the fixture's day 1 + 1 % 28).
		expect(imported.find((f) => f.kind === 'devices')).toMatchObject({ dataAsOf: '2026-11-02', lastImportAt: expect.any(String) });
		expect(imported.find((f) => f.kind === 'training')).toEqual({ kind: 'training', dataAsOf: null, lastImportAt: null });

		await createDeviceSnapshot(ctx(), 'RH2', {
			asOf: '2026-10-31',
			source: 'demo',
			counts: { total: 10, managed: 10, compliant: 9, encrypted: 10, supportedOs: 8 }
		});
		expect((await getDataFreshness(ctx(), 'RH2')).find((f) => f.kind === 'devices')).toEqual({ kind: 'devices', dataAsOf: '2026-10-31', lastImportAt: null });
	});
});
