import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { importFile } from '../../src/lib/server/imports/import-file';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { writeIntuneExport } from '../fixtures/intune-export';
import { checksumTables } from './helpers/checksum';
import { openCliDatabase, type CliDatabase } from './helpers/cli-database';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

// A plausible but wrong file: valid rows, far fewer of them than the data it would replace.
const SYSTEM = systemActor('test');
let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });
const FRAMEWORK = path.resolve('data/frameworks/dspt-caf-2024-25.json');

async function devices(name: string, rows: number): Promise<string> {
	const file = path.join(dir, name);
	await writeIntuneExport(file, rows, { asOf: '2026-11-30' });
	return file;
}

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-change-guard-'));
	await createOrganisation(ctx(), { ods: 'RG1', name: 'Guarded Trust', kind: 'trust' });
	await loadFramework(ctx(), FRAMEWORK);
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`the wrong-file guard on ${testBackend()}`, () => {
	it('lets ordinary files through: a first snapshot, then one 10 % smaller', async () => {
		expect(await importFile(ctx(), { kind: 'devices', ods: 'RG1', path: await devices('fleet-100.csv', 100) })).toMatchObject({
			rowsImported: 100,
			change: null
		});
		expect(await importFile(ctx(), { kind: 'devices', ods: 'RG1', path: await devices('fleet-90.csv', 90) })).toMatchObject({ rowsImported: 90, change: null });
	});

	it('refuses a snapshot 56 % smaller, with the figures and scorecard status before and after, and writes nothing', async () => {
		const before = await checksumTables(database.db);
		const report = await importFile(ctx(), { kind: 'devices', ods: 'RG1', path: await devices('fleet-40.csv', 40) });
		expect(report).toMatchObject({
			batchId: null,
			rowsImported: 0,
			change: {
				measure: 'devices in the latest snapshot',
				before: 90,
				after: 40,
				statusBefore: expect.stringMatching(/^Standards .* \(2024-25\)$/),
				statusAfter: expect.stringMatching(/^Standards .* \(2024-25\)$/)
			}
		});
		expect(report.change?.change).toBeCloseTo(-50 / 90, 6);
		expect(report.change?.figures[0]).toEqual({ label: 'devices', before: '90', after: '40' });
		expect(report.errors).toEqual([
			expect.objectContaining({
				row: null,
				message: expect.stringMatching(
					/^this file changes devices in the latest snapshot by more than a quarter \(90 → 40, −55\.6\s?%\).*scorecard Standards.*--accept-change/
				)
			})
		]);
		expect(await checksumTables(database.db)).toEqual(before);
	});

	it('imports it when the change is accepted, and records what was accepted', async () => {
		const report = await importFile(ctx(), { kind: 'devices', ods: 'RG1', path: await devices('fleet-40.csv', 40), acceptChange: true });
		expect(report).toMatchObject({
			rowsImported: 40,
			change: { before: 90, after: 40 },
			details: { acceptedChange: { measure: 'devices in the latest snapshot' } }
		});
	});

	it('guards the training population too', async () => {
		const header = 'Employee Number,Staff Group,Org L6,Competence Name,Required,Achievement Date,Expiry Date';
		const person = (i: number) =>
			`${10000000 + i},Administrative and Clerical,Health Records,NHS|CSTF|Information Governance and Data Security - 1 Year|,Yes,01/06/2026,01/06/2027`;
		const write = (name: string, n: number) => {
			const file = path.join(dir, name);
			writeFileSync(file, `${header}\n${Array.from({ length: n }, (_, i) => person(i)).join('\n')}\n`);
			return file;
		};
		expect(await importFile(ctx(), { kind: 'training', ods: 'RG1', path: write('esr-20.csv', 20) })).toMatchObject({ rowsImported: 20, change: null });
		const refused = await importFile(ctx(), { kind: 'training', ods: 'RG1', path: write('esr-5.csv', 5) });
		expect(refused).toMatchObject({ batchId: null, change: { measure: 'staff required to train', before: 20, after: 5 } });
	});

	it('guards a year of spend that a replacing ledger lowers by more than a quarter, but not one it grows', async () => {
		await createOrganisation(ctx(), { ods: 'RG3', name: 'Guarded Ledger Trust', kind: 'trust' });
		// The guard compares figures as of today: the ledger's year is the last complete financial year.
		const now = new Date();
		const year = (now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1) - 1;
		const label = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
		const header = 'Posting Date,Cost Centre,Category,Supplier,Description,Expense Type,Value (£)';
		const ledger = (name: string, lines: string[]) => {
			const file = path.join(dir, name);
			writeFileSync(file, `${header}\n${lines.join('\n')}\n`);
			return file;
		};
		// £38,400.00 + £9,120.00 + £27,500.00 + £3,250.00 = £78,270.00
		const full = ledger('ledger-full.csv', [
			`03/04/${year},C4415,Mobile Device Management,Felpersham Mobility Ltd,MDM licences,Opex,"£38,400.00"`,
			`15/04/${year},C4415,EDR,Loxley Cyber Ltd,EDR licences Q1,Opex,"£9,120.00"`,
			`02/09/${year},C4410,SIEM,Grey Gables SOC Services,Managed SOC H1,Opex,"£27,500.00"`,
			`22/09/${year},C4410,Secure messaging,Lakey Hill Communications,Messaging licences,Opex,"£3,250.00"`
		]);
		expect(await importFile(ctx(), { kind: 'spend', ods: 'RG3', path: full })).toMatchObject({ rowsImported: 4, change: null });
		// The same dates, first to last, with two small lines: they would replace all four, £78,270.00 → £2,500.00.
		const wrong = ledger('ledger-wrong.csv', [
			`03/04/${year},C4415,EDR,Loxley Cyber Ltd,EDR licences,Opex,"£1,000.00"`,
			`22/09/${year},C4410,SIEM,Grey Gables SOC Services,SOC,Opex,"£1,500.00"`
		]);
		const before = await checksumTables(database.db);
		const refused = await importFile(ctx(), { kind: 'spend', ods: 'RG3', path: wrong });
		expect(refused).toMatchObject({ batchId: null, change: { measure: `spend in ${label}`, before: 7_827_000, after: 250_000 } });
		// (250,000 − 7,827,000) ÷ 7,827,000 = −0.96806…
		expect(refused.change?.change).toBeCloseTo(-0.96806, 5);
		expect(await checksumTables(database.db)).toEqual(before);
		// A ledger that adds a later month grows the year: ordinary.
		const more = ledger('ledger-more.csv', [`14/10/${year},C4415,EDR,Loxley Cyber Ltd,EDR licences Q3,Opex,"£9,120.00"`]);
		expect(await importFile(ctx(), { kind: 'spend', ods: 'RG3', path: more })).toMatchObject({ rowsImported: 1, change: null });
	});
});

describe(`import --accept-change on the command line, on ${testBackend()}`, () => {
	let cli: CliDatabase;
	beforeAll(async () => {
		cli = await openCliDatabase('beacon-change-guard-cli-');
		await createOrganisation({ db: cli.db, actor: SYSTEM }, { ods: 'RG2', name: 'Guarded CLI Trust', kind: 'trust' });
		await importFile({ db: cli.db, actor: SYSTEM }, { kind: 'devices', ods: 'RG2', path: await devices('cli-fleet-100.csv', 100) });
	});
	afterAll(async () => {
		await cli?.close();
	});

	// Two command-line runs, each opening the database: allow for a loaded machine.
	it('refuses with exit 2 and says why, then imports with --accept-change', { timeout: 120_000 }, async () => {
		const file = await devices('cli-fleet-30.csv', 30);
		const refused = await cli.run(['import', 'devices', file, '--org', 'RG2', '--json']);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toMatch(/changes devices in the latest snapshot by more than a quarter \(100 → 30/);
		expect(JSON.parse(refused.stdout)).toMatchObject({ batchId: null, change: { before: 100, after: 30 } });
		const accepted = await cli.run(['import', 'devices', file, '--org', 'RG2', '--accept-change', '--json']);
		expect(accepted.code, accepted.stderr).toBe(0);
		expect(JSON.parse(accepted.stdout)).toMatchObject({ rowsImported: 30 });
	});
});
