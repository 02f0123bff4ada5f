import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { hashIdentifier, identifierKey } from '../../src/lib/server/imports/identifiers';
import { previewImport } from '../../src/lib/server/imports/preview';
import { discardStagedImport, importStagedFile, previewStagedImport, stageImport, type ImportStep } from '../../src/lib/server/imports/staged-import';
import { sweepUploads, UploadTooLargeError } from '../../src/lib/server/imports/upload';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { requireOrganisation } from '../../src/lib/server/auth/organisation-access';
import { INTUNE_COLUMNS, intuneRow, writeIntuneExport } from '../fixtures/intune-export';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const SYSTEM = systemActor('test');
let database: TestDatabase;
let dir: string;
const ctx = (actor: Actor = SYSTEM) => ({ db: database.db, actor });
const file = (name: string) => path.join(dir, name);
const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
const NO_CHOICES = { asOf: null, skipInvalid: false, saveMapping: false };
const uploads = () => readdirSync(process.env.BEACON_UPLOAD_DIR as string);

/** An Intune export whose rows `bad` get this compliance value instead of theirs. */
function intuneWith(bad: Record<number, string>, rows = 12): string {
	const compliance = INTUNE_COLUMNS.indexOf('Compliance');
	return csv([
		[...INTUNE_COLUMNS],
		...Array.from({ length: rows }, (_, i) => intuneRow(i, '2020-03-31').map((c, j) => (j === compliance && bad[i] ? bad[i] : c)))
	]);
}

function asPreview(step: ImportStep) {
	if (step.step !== 'preview') throw new Error(`expected a preview, got ${step.step}`);
	return step;
}

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-preview-'));
	process.env.BEACON_UPLOAD_DIR = path.join(dir, 'uploads');
	await createOrganisation(ctx(), { ods: 'PV1', name: 'Preview Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'PV2', name: 'Other Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'PV3', name: 'Unmapping Trust', kind: 'trust' });
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`import preview on ${testBackend()}`, () => {
	it('reads an Intune export as it will be stored, hashing device IDs, and writes nothing', async () => {
		await writeIntuneExport(file('intune.csv'), 25, { asOf: '2020-03-31' });
		const before = await checksumTables(database.db);
		const preview = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('intune.csv') });
		expect(await checksumTables(database.db)).toEqual(before);

		expect(preview).toMatchObject({
			preset: { name: 'intune' },
			recognised: true,
			mappingSource: 'layout',
			missing: [],
			mappingProblems: [],
			problems: [],
			rowsChecked: 10,
			duplicateOf: null,
			blocked: null
		});
		expect(preview.columns.find((c) => c.header === 'Device ID')?.field).toBe('deviceId');
		expect(preview.columns.find((c) => c.header === 'Primary user email address')?.field).toBeNull();
		expect(preview.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
		const [first] = preview.rows;
		expect(first?.values).toMatchObject({
			deviceKey: hashIdentifier(identifierKey(), 'device', intuneRow(0)[0] as string),
			os: 'iOS',
			compliance: 'compliant'
		});
		const shown = JSON.stringify(preview);
		for (let i = 0; i < 10; i++) expect(shown).not.toContain(intuneRow(i, '2020-03-31')[0]);
	});

	it('lists the problems in the rows it checks, withholding personal identifiers', async () => {
		const lines = intuneWith({ 1: 'Sideways' }).split('\r\n');
		const deviceId = INTUNE_COLUMNS.indexOf('Device ID');
		const cells = (lines[4] as string).split(',');
		cells[deviceId] = '';
		lines[4] = cells.join(',');
		writeFileSync(file('bad.csv'), lines.join('\r\n'));
		const preview = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('bad.csv') });
		expect(preview.problems).toEqual([
			{ row: 3, column: 'Compliance', value: 'Sideways', message: expect.stringContaining('Compliant') },
			{ row: 5, column: 'Device ID', value: '(withheld: personal identifier)', message: 'every device needs its ID' }
		]);
		expect(preview.rows.map((r) => r.row)).toEqual([2, 4, 6, 7, 8, 9, 10, 11]);
	});

	it('suggests the field a header nearly names, and nothing for the columns a layout does not use', async () => {
		writeFileSync(
			file('near.csv'),
			csv([
				['Device ID', 'Last checkin time', 'OS', 'Compliance', 'Asset tag'],
				['d-1', '2026-11-02 10:00:00', 'Windows', 'Compliant', 'A1']
			])
		);
		const preview = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('near.csv') });
		expect(preview.missing.map((f) => f.name)).toEqual(['lastCheckIn']);
		expect(preview.columns).toEqual([
			{ header: 'Device ID', field: 'deviceId', suggested: null },
			{ header: 'Last checkin time', field: null, suggested: 'lastCheckIn' },
			{ header: 'OS', field: 'os', suggested: null },
			{ header: 'Compliance', field: 'compliance', suggested: null },
			{ header: 'Asset tag', field: null, suggested: null }
		]);
		const full = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('intune.csv') });
		expect(full.columns.filter((c) => c.suggested)).toEqual([]);
	});

	it('reports the required fields a strange layout lacks, and previews it once they are mapped', async () => {
		writeFileSync(
			file('own.csv'),
			csv([
				['Handset', 'Seen', 'Platform', 'State', 'Notes'],
				['H-1', '2020-03-30 10:00', 'Android', 'Compliant', 'x'],
				['H-2', '2020-03-29', 'iOS', 'Noncompliant', '']
			])
		);
		const unmapped = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('own.csv') });
		expect(unmapped.recognised).toBe(false);
		expect(unmapped.missing.map((f) => f.name)).toEqual(['deviceId', 'lastCheckIn', 'os', 'compliance']);
		expect(unmapped.rows).toEqual([]);

		const map = { Handset: 'deviceId', Seen: 'lastCheckIn', Platform: 'os', State: 'compliance' };
		const mapped = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('own.csv'), map });
		expect(mapped).toMatchObject({ mappingSource: 'edited', missing: [], mappingProblems: [], problems: [] });
		expect(mapped.columns.map((c) => c.field)).toEqual(['deviceId', 'lastCheckIn', 'os', 'compliance', null]);
		expect(mapped.rows.map((r) => [r.values.deviceKey, r.values.compliance])).toEqual([
			[hashIdentifier(identifierKey(), 'device', 'H-1'), 'compliant'],
			[hashIdentifier(identifierKey(), 'device', 'H-2'), 'noncompliant']
		]);

		const twice = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('own.csv'), map: { ...map, Notes: 'os' } });
		expect(twice.mappingProblems).toEqual(['"Platform" and "Notes" are all set to Operating system: choose one column for it']);
	});

	it('leaves out a column the layout knows when it is set to "not imported", and says a required one is then missing', async () => {
		// As the page sends it: every column's select, "" for those not imported.
		const layout = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('intune.csv') });
		const shown = Object.fromEntries(layout.columns.map((c) => [c.header, c.field ?? '']));
		const withoutModel = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('intune.csv'), map: { ...shown, Model: '' } });
		expect(withoutModel).toMatchObject({ mappingSource: 'edited', missing: [], mappingProblems: [], problems: [] });
		expect(withoutModel.columns.find((c) => c.header === 'Model')?.field).toBeNull();
		expect(withoutModel.rows[0]?.values).toMatchObject({ model: null, manufacturer: 'Apple' });

		const withoutId = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('intune.csv'), map: { ...shown, 'Device ID': '' } });
		expect(withoutId).toMatchObject({ missing: [{ name: 'deviceId' }], mappingProblems: [], rows: [] });
		expect(withoutId.columns.find((c) => c.header === 'Device ID')?.field).toBeNull();
	});

	it('previews the named sheet of a workbook the same way', async () => {
		const book = new ExcelJS.Workbook();
		book.addWorksheet('Notes').addRow(['Exported from Intune']);
		const sheet = book.addWorksheet('Devices');
		sheet.addRow([...INTUNE_COLUMNS]);
		for (let i = 0; i < 3; i++) sheet.addRow(intuneRow(i, '2020-03-31'));
		await book.xlsx.writeFile(file('intune.xlsx'));
		const preview = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('intune.xlsx'), sheet: 'devices' });
		expect(preview).toMatchObject({ fileFormat: 'xlsx', preset: { name: 'intune' }, recognised: true, problems: [], rowsChecked: 3 });
		expect(preview.rows[2]?.values.deviceKey).toBe(hashIdentifier(identifierKey(), 'device', intuneRow(2)[0] as string));
		const missing = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('intune.xlsx'), sheet: 'Nope' });
		expect(missing.blocked).toMatch(/Nope/);
	});

	it('says what cannot be imported at all, and who may not preview', async () => {
		writeFileSync(file('old.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
		const old = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('old.xls') });
		expect(old.blocked).toMatch(/old-style Excel/);

		const org = await requireOrganisation(ctx(), 'PV1', 'read');
		const grant = (role: 'board' | 'it_lead', organisationId: number) => ({
			kind: 'user' as const,
			userId: 999_999,
			email: 'x@example.nhs.uk',
			name: 'X',
			grants: [{ role, organisationId, ods: null }]
		});
		await expect(previewImport(ctx(grant('board', org.id)), { kind: 'devices', ods: 'PV1', path: file('intune.csv') })).rejects.toThrow(ForbiddenError);
		await expect(previewImport(ctx(grant('it_lead', org.id)), { kind: 'devices', ods: 'PV2', path: file('intune.csv') })).rejects.toThrow(NotFoundError);
	});
});

describe(`uploads kept between preview and import on ${testBackend()}`, () => {
	it('imports a kept upload once, with the mapping saved for next time, and deletes it', async () => {
		const upload = new File([readFileSync(file('intune.csv'))], 'intune.csv');
		const staged = asPreview(await stageImport(ctx(), { ods: 'PV1', kind: 'devices', file: upload, choices: NO_CHOICES }));
		expect(staged.uploadId).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(uploads().sort()).toEqual([`${staged.uploadId}.data`, `${staged.uploadId}.json`]);
		const map = Object.fromEntries(staged.preview.columns.filter((c) => c.field).map((c) => [c.header, c.field as string]));
		const input = {
			ods: 'PV1',
			uploadId: staged.uploadId as string,
			preset: 'intune',
			map,
			choices: { asOf: '2020-03-31', skipInvalid: false, saveMapping: true }
		};

		const done = await importStagedFile(ctx(), input);
		expect(done).toMatchObject({
			step: 'outcome',
			uploadId: null,
			outcome: { rowsImported: 25, rowsTotal: 25, duplicateOf: null, preset: 'intune', details: { asOf: '2020-03-31' } }
		});
		expect(uploads()).toEqual([]);
		await expect(importStagedFile(ctx(), input)).rejects.toThrow(ValidationError);

		const again = asPreview(await stageImport(ctx(), { ods: 'PV1', kind: 'devices', file: upload, choices: NO_CHOICES }));
		expect(again).toMatchObject({ uploadId: null, preview: { duplicateOf: { batchId: (done as { outcome: { batchId: number } }).outcome.batchId } } });
		expect(uploads()).toEqual([]);

		await writeIntuneExport(file('intune-2.csv'), 3, { asOf: '2020-04-30' });
		const next = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('intune-2.csv') });
		expect(next).toMatchObject({ mappingSource: 'saved', missing: [], mappingProblems: [] });
	});

	it('keeps a rejected upload for a retry that skips the invalid rows, for its owner only', async () => {
		const upload = new File([intuneWith({ 2: '=cmd|calc', 5: 'Maybe' })], 'two-bad.csv');
		const staged = asPreview(await stageImport(ctx(), { ods: 'PV1', kind: 'devices', file: upload, choices: NO_CHOICES }));
		const uploadId = staged.uploadId as string;
		const before = await checksumTables(database.db);
		const rejected = await importStagedFile(ctx(), { ods: 'PV1', uploadId, preset: 'intune', choices: NO_CHOICES });
		expect(rejected).toMatchObject({ step: 'outcome', uploadId, outcome: { batchId: null, rowsImported: 0 } });
		expect(rejected.step === 'outcome' && rejected.outcome.errors.map((e) => e.row)).toEqual([4, 7]);
		expect(await checksumTables(database.db)).toEqual(before);

		const org = await requireOrganisation(ctx(), 'PV1', 'read');
		const colleague: Actor = {
			kind: 'user',
			userId: 999_998,
			email: 'y@example.nhs.uk',
			name: 'Y',
			grants: [{ role: 'it_lead', organisationId: org.id, ods: 'PV1' }]
		};
		await expect(previewStagedImport(ctx(colleague), { ods: 'PV1', uploadId, choices: NO_CHOICES })).rejects.toThrow(ValidationError);
		await expect(previewStagedImport(ctx(), { ods: 'PV2', uploadId, choices: NO_CHOICES })).rejects.toThrow(ValidationError);

		const skipped = await importStagedFile(ctx(), { ods: 'PV1', uploadId, preset: 'intune', choices: { ...NO_CHOICES, skipInvalid: true } });
		expect(skipped).toMatchObject({ step: 'outcome', uploadId: null, outcome: { rowsImported: 10, rowsRejected: 2 } });
		expect(uploads()).toEqual([]);
	});

	it('refuses to import while the mapping leaves a required field without a column', async () => {
		const upload = new File([readFileSync(file('own.csv'))], 'own.csv');
		const staged = asPreview(await stageImport(ctx(), { ods: 'PV1', kind: 'devices', file: upload, choices: NO_CHOICES }));
		const before = await checksumTables(database.db);
		const step = await importStagedFile(ctx(), { ods: 'PV1', uploadId: staged.uploadId as string, map: { Handset: 'deviceId' }, choices: NO_CHOICES });
		expect(step).toMatchObject({
			step: 'preview',
			message: 'Fix the column mapping before importing.',
			preview: { missing: [{ name: 'lastCheckIn' }, { name: 'os' }, { name: 'compliance' }] }
		});
		expect(await checksumTables(database.db)).toEqual(before);
	});

	it('imports without a column set to "not imported", and keeps that choice with a saved mapping', async () => {
		await writeIntuneExport(file('intune-pv3.csv'), 6, { asOf: '2020-05-31' });
		const upload = new File([readFileSync(file('intune-pv3.csv'))], 'intune-pv3.csv');
		const staged = asPreview(await stageImport(ctx(), { ods: 'PV3', kind: 'devices', file: upload, choices: NO_CHOICES }));
		const map = { ...Object.fromEntries(staged.preview.columns.map((c) => [c.header, c.field ?? ''])), Model: '' };
		const input = { ods: 'PV3', uploadId: staged.uploadId as string, preset: 'intune', map, choices: { asOf: null, skipInvalid: false, saveMapping: true } };
		const checked = asPreview(await previewStagedImport(ctx(), input));
		expect(checked.preview.columns.find((c) => c.header === 'Model')?.field).toBeNull();

		const done = await importStagedFile(ctx(), input);
		if (done.step !== 'outcome') throw new Error(`expected an outcome, got ${done.step}`);
		expect(done.outcome).toMatchObject({ rowsImported: 6, errors: [] });
		expect(done.map).toMatchObject({ Model: '', Manufacturer: 'manufacturer', 'Device ID': 'deviceId' });
		const models = await sql<{ model: string | null; manufacturer: string | null }>`
			select distinct model, manufacturer from device where snapshot_id = ${Number(done.outcome.details.snapshotId)} and manufacturer = 'Apple'`.execute(database.db);
		expect(models.rows).toEqual([{ model: null, manufacturer: 'Apple' }]);

		// The next file of the same layout starts from the saved choice, Model left out.
		await writeIntuneExport(file('intune-pv3-next.csv'), 3, { asOf: '2020-06-30' });
		const next = await previewImport(ctx(), { kind: 'devices', ods: 'PV3', path: file('intune-pv3-next.csv') });
		expect(next).toMatchObject({ mappingSource: 'saved', missing: [], mappingProblems: [] });
		expect(next.columns.find((c) => c.header === 'Model')?.field).toBeNull();
		expect(next.columns.find((c) => c.header === 'OS')?.field).toBe('os');
	});

	it('throws away uploads nobody imported within the hour', async () => {
		expect(uploads().length).toBe(2);
		expect(await sweepUploads(Date.now() + 2 * 60 * 60 * 1000)).toBe(2);
		expect(uploads()).toEqual([]);
	});
});

describe(`bounds in a preview's rows on ${testBackend()}`, () => {
	it('blocks the preview, naming the bound, when one of the first rows passes it', async () => {
		const rows = csv([[...INTUNE_COLUMNS], intuneRow(1, '2020-03-31')]);
		writeFileSync(file('long-line.csv'), `${rows}${'x'.repeat(2 * 1024 * 1024)}\r\n`);
		const preview = await previewImport(ctx(), { kind: 'devices', ods: 'PV1', path: file('long-line.csv') });
		expect(preview.blocked).toBe(
			"long-line.csv cannot be read as CSV: line 3 is longer than 1,048,576 characters, far more than any export's row (a missing line break or an unclosed quote?)"
		);
	});
});

describe(`the upload limit on ${testBackend()}`, () => {
	it('stops writing an upload past BEACON_UPLOAD_MAX_BYTES, keeps nothing of it, and takes one within it', async () => {
		process.env.BEACON_UPLOAD_MAX_BYTES = '4K';
		try {
			const before = uploads();
			const big = new File([Buffer.alloc(4 * 1024 + 1, 'a')], 'big.csv');
			await expect(stageImport(ctx(), { ods: 'PV1', kind: 'devices', file: big, choices: NO_CHOICES })).rejects.toThrow(UploadTooLargeError);
			expect(uploads()).toEqual(before);
			const fits = new File(['Device ID,OS\r\nA1,iOS\r\n'], 'fits.csv');
			const staged = asPreview(await stageImport(ctx(), { ods: 'PV1', kind: 'devices', file: fits, choices: NO_CHOICES }));
			await discardStagedImport(ctx(), { ods: 'PV1', uploadId: staged.uploadId as string });
			expect(uploads()).toEqual(before);
		} finally {
			delete process.env.BEACON_UPLOAD_MAX_BYTES;
		}
	});
});

describe(`a plausible but wrong file on the import page, on ${testBackend()}`, () => {
	it('is refused with the figures before and after and kept, until "I accept this change" is ticked', async () => {
		await createOrganisation(ctx(), { ods: 'PV4', name: 'Fleet Trust', kind: 'trust' });
		await writeIntuneExport(file('fleet-100.csv'), 100, { asOf: '2026-11-30' });
		await writeIntuneExport(file('fleet-30.csv'), 30, { asOf: '2026-11-30' });
		const stage = async (name: string) =>
			asPreview(await stageImport(ctx(), { ods: 'PV4', kind: 'devices', file: new File([readFileSync(file(name))], name), choices: NO_CHOICES }));
		const first = await stage('fleet-100.csv');
		expect(await importStagedFile(ctx(), { ods: 'PV4', uploadId: first.uploadId as string, preset: 'intune', choices: NO_CHOICES })).toMatchObject({
			outcome: { rowsImported: 100, change: null }
		});
		const wrong = await stage('fleet-30.csv');
		const refused = await importStagedFile(ctx(), { ods: 'PV4', uploadId: wrong.uploadId as string, preset: 'intune', choices: NO_CHOICES });
		expect(refused).toMatchObject({
			step: 'outcome',
			uploadId: wrong.uploadId,
			outcome: {
				batchId: null,
				change: {
					measure: 'devices in the latest snapshot',
					before: 100,
					after: 30,
					figures: expect.arrayContaining([{ label: 'devices', before: '100', after: '30' }])
				}
			}
		});
		const accepted = await importStagedFile(ctx(), {
			ods: 'PV4',
			uploadId: wrong.uploadId as string,
			preset: 'intune',
			choices: { ...NO_CHOICES, acceptChange: true }
		});
		expect(accepted).toMatchObject({ uploadId: null, outcome: { rowsImported: 30, change: { before: 100, after: 30 } } });
	});
});
