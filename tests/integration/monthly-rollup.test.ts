import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { ValidationError } from '../../src/lib/server/errors';
import { importFile, type ImportRequest } from '../../src/lib/server/imports/import-file';
import { createIncidents } from '../../src/lib/server/incidents/service';
import { getMonthlyTrends } from '../../src/lib/server/metrics/trends';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { createSpendLines } from '../../src/lib/server/spend/service';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { writeIntuneExport } from '../fixtures/intune-export';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { rollupFromRawRows, storedRollup } from './helpers/rollup-expected';

const FIXTURES = fileURLToPath(new URL('../fixtures/imports/', import.meta.url));
const SYSTEM = systemActor('test');
const ODS = 'RZB';
let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });
const run = (kind: ImportRequest['kind'], file: string, options: Partial<ImportRequest> = {}) =>
	importFile(ctx(), { kind, ods: ODS, path: path.isAbsolute(file) ? file : path.join(FIXTURES, file), ...options });

async function expectRollupFromRawRows(ods: string): Promise<void> {
	expect(await storedRollup(database.db, ods)).toEqual(await rollupFromRawRows(ctx(), ods));
}

/** Everything stored for the organisation's rollup, refresh times included: unchanged means not rewritten. */
async function rollupAsStored(ods: string) {
	return (
		await sql<Record<string, unknown>>`
		select r.* from monthly_rollup r join organisation o on o.id = r.organisation_id where o.ods_code = ${ods} order by r.month`.execute(database.db)
	).rows;
}

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-rollup-'));
	for (const ods of [ODS, 'RZL', 'RZT']) await createOrganisation(ctx(), { ods, name: `${ods} Borsetshire NHS Trust`, kind: 'trust' });
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`monthly rollups on ${testBackend()}`, () => {
	it('is empty for an organisation with no data', async () => {
		expect(await storedRollup(database.db, ODS)).toEqual([]);
	});

	it('equals what the raw rows give after each kind of import, and after records entered by hand', async () => {
		expect((await run('training', 'esr-training-2025-06.csv')).batchId).not.toBeNull();
		await expectRollupFromRawRows(ODS);
		expect((await run('spend', 'ledger-2024-25-q4.csv')).batchId).not.toBeNull();
		expect((await run('spend', 'ledger-2025-26-m06.csv')).batchId).not.toBeNull();
		await expectRollupFromRawRows(ODS);
		expect((await run('devices', 'device-counts-2025.csv')).batchId).not.toBeNull();
		await expectRollupFromRawRows(ODS);
		const intune = path.join(dir, 'intune-2025-12.csv');
		await writeIntuneExport(intune, 120, { asOf: '2025-12-31' });
		// 120 devices after the counts file's much larger fleet: the wrong-file guard asks for the change to be accepted.
		expect((await run('devices', intune, { asOf: '2025-12-31', acceptChange: true })).batchId).not.toBeNull();
		await expectRollupFromRawRows(ODS);
		expect((await run('incidents', 'datix-incidents-2025-06.csv')).batchId).not.toBeNull();
		await expectRollupFromRawRows(ODS);
		// Notification and cost come only from records entered by hand.
		await createIncidents(ctx(), ODS, [
			{
				reference: 'H-1',
				detectedAt: '2025-08-10T09:00:00Z',
				notifiedAt: '2025-08-13T09:01:00Z',
				breachType: 'confidentiality',
				category: 'misdirected',
				likelihood: 4,
				severity: 3,
				costPence: 125_000
			},
			{
				reference: 'H-2',
				detectedAt: '2025-08-31T23:30:00Z',
				notifiedAt: '2025-09-01T08:00:00Z',
				breachType: 'confidentiality',
				category: 'phishing',
				likelihood: 3,
				severity: 2
			}
		]);
		await expectRollupFromRawRows(ODS);
		expect((await run('training', 'esr-training-2025-09.csv')).batchId).not.toBeNull();
		await expectRollupFromRawRows(ODS);

		const rows = await storedRollup(database.db, ODS);
		// H-2, at 23:30 UTC on 31 August, was detected at 00:30 on 1 September in London: September's.
		const august = rows.find((r) => r.month === '2025-08-01');
		expect(august).toMatchObject({ incidents_detected: 1, incidents_ico_reportable: 1, incidents_notified_late: 1, incident_cost_pence: 125_000 });
		expect(rows.find((r) => r.month === '2025-09-01')).toMatchObject({ incidents_detected: 1, incidents_ico_reportable: 1, incidents_notified_late: 0 });
		// Between the spring incidents and August's, a month with none is 0; after the last incident, unknown.
		expect(rows.find((r) => r.month === '2025-06-01')).toMatchObject({ incidents_detected: 0, incident_cost_pence: 0 });
		expect(rows.find((r) => r.month === '2025-12-01')).toMatchObject({
			incidents_detected: null,
			spend_pence: null,
			device_as_of: '2025-12-31',
			device_total: 120
		});
		expect(rows.find((r) => r.month === '2025-04-01')?.spend_by_category).toEqual({ mdm: 3_840_000, endpoint_protection: 912_000 });
		expect(rows.find((r) => r.month === '2025-02-01')).toMatchObject({ spend_pence: 1_275_000, device_as_of: null, device_total: null });
	});

	it('counts a person trained at a month end by the same 12-month window as the metric, 29 February included', async () => {
		const record = (staffKey: string, completedOn: string, isRequired = true) => ({
			staffKey: staffKey.padEnd(8, '-'),
			staffGroup: 'Nursing',
			department: 'Wards',
			course: 'IG',
			isRequired,
			completedOn
		});
		await createTrainingRecords(ctx(), 'RZL', [
			record('leap', '2024-02-29'),
			record('twice', '2024-01-15'),
			record('twice', '2024-11-30'),
			record('same-month', '2024-06-01'),
			record('same-month', '2024-06-30'),
			record('optional', '2024-05-05', false),
			{ staffKey: 'never---', staffGroup: 'Estates', department: 'Estates', course: 'IG', isRequired: true }
		]);
		await expectRollupFromRawRows('RZL');
		const rows = await storedRollup(database.db, 'RZL');
		expect(rows.map((r) => r.month)).toEqual(Array.from({ length: 11 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}-01`));
		expect(rows.map((r) => r.training_trained_staff)).toEqual([1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3]);
		expect(rows.every((r) => r.training_required_staff === 4)).toBe(true);
		// A 2024-02-29 completion still counts at 28 February 2025 (the window starts after 2024-02-28).
		await createSpendLines(ctx(), 'RZL', [{ spentOn: '2025-03-15', category: 'training', expenseType: 'opex', amountPence: 100 }]);
		await expectRollupFromRawRows('RZL');
		const later = await storedRollup(database.db, 'RZL');
		expect(later.find((r) => r.month === '2025-02-01')?.training_trained_staff).toBe(3);
		expect(later.find((r) => r.month === '2025-03-01')?.training_trained_staff).toBe(2);
	});

	it('leaves the rollup exactly as it was when an import is rejected or a service call fails', async () => {
		const before = await rollupAsStored(ODS);
		expect(before.length).toBeGreaterThan(0);
		const lines = readFileSync(path.join(FIXTURES, 'ledger-2025-26-m03.csv'), 'utf8').split('\n');
		lines[2] = (lines[2] as string).replace('£9,120.00', 'nine thousand');
		lines.push('30/06/2025,C4415,Firewall,Northgate Networks Ltd,Extra,Opex,£100.00');
		const bad = path.join(dir, 'bad-ledger.csv');
		writeFileSync(bad, lines.join('\n'));
		const rejected = await run('spend', bad);
		expect(rejected).toMatchObject({ batchId: null, rowsImported: 0 });
		expect(rejected.errors[0]).toMatchObject({ row: 3 });
		await expect(
			createSpendLines(ctx(), ODS, [{ spentOn: '2026-01-10', category: 'mdm', expenseType: 'opex', amountPence: 500, investmentName: 'No such investment' }])
		).rejects.toBeInstanceOf(ValidationError);
		expect(await rollupAsStored(ODS)).toEqual(before);
	});

	it('reads trends from the rollup alone: 12 to 36 months, null where there is no data', async () => {
		const trends = await getMonthlyTrends(ctx(), ODS.toLowerCase(), { from: '2025-01', to: '2025-12' });
		expect(trends.org).toBe(ODS);
		expect(trends.months).toEqual([
			'2025-01',
			'2025-02',
			'2025-03',
			'2025-04',
			'2025-05',
			'2025-06',
			'2025-07',
			'2025-08',
			'2025-09',
			'2025-10',
			'2025-11',
			'2025-12'
		]);
		expect(trends.spend.totalPence.slice(0, 10)).toEqual([1_840_000, 1_275_000, 4_620_000, 4_752_000, 495_000, 590_050, 912_000, 0, 3_075_000, null]);
		expect(trends.incidents.detected).toEqual([null, null, null, 3, 4, 0, 0, 1, 1, null, null, null]);
		expect(trends.devices.total).toEqual([null, null, null, null, null, 3180, 3180, 3180, 3245, 3245, 3245, 120]);
		expect(trends.devices.compliantRate[5]).toBeCloseTo(2710 / 3180, 10);
		const rows = await storedRollup(database.db, ODS);
		const june = rows.find((r) => r.month === '2025-06-01');
		expect(trends.training.requiredStaff[5]).toBe(june?.training_required_staff);
		expect(trends.training.completionRate[5]).toBe((june?.training_trained_staff ?? 0) / (june?.training_required_staff ?? 1));

		// Raw rows changed behind the rollup's back do not show: the read never touches them.
		await sql`delete from spend_line where organisation_id = (select id from organisation where ods_code = ${ODS})`.execute(database.db);
		expect((await getMonthlyTrends(ctx(), ODS, { from: '2025-01', to: '2025-12' })).spend.totalPence[0]).toBe(1_840_000);

		const longest = await getMonthlyTrends(ctx(), ODS, { from: '2023-01', to: '2025-12' });
		expect(longest.months).toHaveLength(36);
		expect(longest.spend.totalPence.slice(0, 24).every((v) => v === null)).toBe(true);
		expect((await getMonthlyTrends(ctx(), 'RZT', { from: '2025-01', to: '2025-12' })).incidents.detected).toEqual(Array(12).fill(null));
		await expect(getMonthlyTrends(ctx(), ODS, { from: '2025-01', to: '2025-11' })).rejects.toThrow(/12 to 36 months: 2025-01 to 2025-11 is 11 month/);
		await expect(getMonthlyTrends(ctx(), ODS, { from: '2023-01', to: '2026-01' })).rejects.toBeInstanceOf(ValidationError);
		await expect(getMonthlyTrends(ctx(), ODS, { from: '2025-13', to: '2026-12' })).rejects.toBeInstanceOf(ValidationError);
	});
});
