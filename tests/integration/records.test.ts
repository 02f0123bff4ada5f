import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceSnapshot, listDeviceSnapshots } from '../../src/lib/server/devices/service';
import { ConflictError, ValidationError } from '../../src/lib/server/errors';
import { getIncidentsPage } from '../../src/lib/server/incidents/page';
import { createIncidents } from '../../src/lib/server/incidents/service';
import { createOrganisation, listOrganisationSummaries } from '../../src/lib/server/organisations/service';
import { getSpendPage } from '../../src/lib/server/spend/page';
import { createInvestment, createSpendLines } from '../../src/lib/server/spend/service';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import type { IncidentInput } from '../../src/lib/schemas/incident';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { systemActor } from '../../src/lib/server/auth/actor';

const SYSTEM = systemActor('test');

let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: SYSTEM });
const key = (n: number) => `k${String(n).padStart(15, '0')}`;
/** Every row an organisation has in a table, whatever its date: what a write left behind. */
async function rowsOf(table: 'spend_line' | 'incident', ods: string): Promise<number> {
	const { rows } = await sql<{ n: number }>`
		select count(*)::int as n from ${sql.table(table)} where organisation_id = (select id from organisation where ods_code = ${ods})`.execute(database.db);
	return rows[0]?.n ?? 0;
}
beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(ctx(), { ods: 'RT1', name: 'Records Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'RT2', name: 'Other Trust', kind: 'trust' });
});
afterAll(async () => {
	await database?.close();
});

describe(`records on ${testBackend()}`, () => {
	it('records spend lines linked to an investment and lists them newest first', async () => {
		await createInvestment(ctx(), 'RT1', {
			name: 'MDM rollout',
			category: 'mdm',
			goLiveOn: '2025-04-01',
			annualCostPence: 21_000_000,
			targetedCategories: ['lost_stolen_device']
		});
		const n = await createSpendLines(ctx(), 'RT1', [
			{ spentOn: '2025-04-01', category: 'mdm', expenseType: 'capex', amountPence: 12_600_000, investmentName: 'MDM rollout' },
			{ spentOn: '2025-05-03', category: 'training', expenseType: 'opex', amountPence: 450_000, supplier: 'Clearview' }
		]);
		expect(n).toBe(2);
		// As the spend page lists them: the financial year's lines, newest first.
		const page = await getSpendPage(ctx(), 'RT1', { asOf: '2025-05-31' });
		expect(page.lines.rows.map((l) => [l.spentOn, l.amountPence, l.investment])).toEqual([
			['2025-05-03', 450_000, null],
			['2025-04-01', 12_600_000, 'MDM rollout']
		]);
		expect(page.lines.count).toBe(2);
		const yearBefore = await getSpendPage(ctx(), 'RT1', { asOf: '2025-05-31', year: '2024' });
		expect(yearBefore.lines).toMatchObject({ from: '2024-04-01', to: '2025-03-31', rows: [], count: 0 });
		expect(page.investments[0]).toMatchObject({
			name: 'MDM rollout',
			annualCostPence: 21_000_000,
			targetedCategories: ['lost_stolen_device']
		});
	});

	it('writes no spend line when one line of a batch is bad, or names an investment of another trust', async () => {
		const bad = createSpendLines(ctx(), 'RT1', [
			{ spentOn: '2025-06-01', category: 'mdm', expenseType: 'opex', amountPence: 100 },
			{ spentOn: '2025-06-31', category: 'mdm', expenseType: 'opex', amountPence: -5 }
		]);
		await expect(bad).rejects.toThrow(/spend line 2: spentOn: a date is written YYYY-MM-DD and must exist; amountPence: an amount cannot be negative/);
		await expect(
			createSpendLines(ctx(), 'RT2', [{ spentOn: '2025-06-01', category: 'mdm', expenseType: 'opex', amountPence: 1, investmentName: 'MDM rollout' }])
		).rejects.toThrow(/unknown investment for RT2: MDM rollout/);
		expect(await rowsOf('spend_line', 'RT1')).toBe(2);
		expect(await rowsOf('spend_line', 'RT2')).toBe(0);
	});

	it('records training and rejects an expiry before completion', async () => {
		await createTrainingRecords(ctx(), 'RT1', [
			{
				staffKey: key(1),
				staffGroup: 'Medical and Dental',
				department: 'Surgery',
				course: 'IG',
				isRequired: true,
				completedOn: '2025-01-10',
				expiresOn: '2026-01-10'
			},
			{ staffKey: key(2), staffGroup: 'Administrative and Clerical', department: 'Board', course: 'IG', isRequired: true, isBoardMember: true }
		]);
		await expect(
			createTrainingRecords(ctx(), 'RT1', [
				{ staffKey: key(3), staffGroup: 'x', department: 'y', course: 'IG', isRequired: true, completedOn: '2025-01-10', expiresOn: '2024-01-10' }
			])
		).rejects.toThrow(/expiry date is before completion date/);
		// Read back as stored: no page shows staff keys.
		const { rows: records } = await sql<{ staff_key: string; completed_on: string | null; is_board_member: boolean }>`
			select staff_key, completed_on, is_board_member from training_record
			where organisation_id = (select id from organisation where ods_code = 'RT1') order by id`.execute(database.db);
		expect(records.map((r) => [r.staff_key, r.completed_on, r.is_board_member])).toEqual([
			[key(1), '2025-01-10', false],
			[key(2), null, true]
		]);
	});

	it('records device snapshots with rows or counts, one per date, and counts them', async () => {
		const rows = await createDeviceSnapshot(ctx(), 'RT1', {
			asOf: '2025-03-31',
			source: 'intune',
			devices: [
				{
					deviceKey: key(1),
					os: 'iOS',
					ownership: 'corporate',
					compliance: 'compliant',
					isEncrypted: true,
					isOsSupported: true,
					lastCheckInAt: '2025-03-30T10:00:00Z'
				},
				{ deviceKey: key(2), os: 'Android', ownership: 'personal', compliance: 'noncompliant', isEncrypted: false, isOsSupported: false, isManaged: false },
				{ deviceKey: key(3), os: 'Windows', compliance: 'compliant', isEncrypted: true }
			]
		});
		expect(rows).toMatchObject({ asOf: '2025-03-31', isAggregate: false, total: 3, managed: 2, compliant: 2, encrypted: 2, supportedOs: 1 });
		const counts = await createDeviceSnapshot(ctx(), 'RT1', {
			asOf: '2025-06-30',
			source: 'aggregate',
			counts: { total: 100, managed: 90, compliant: 80, encrypted: 85, supportedOs: 70 }
		});
		expect(counts).toMatchObject({ isAggregate: true, total: 100, compliant: 80 });
		await expect(
			createDeviceSnapshot(ctx(), 'RT1', {
				asOf: '2025-06-30',
				source: 'aggregate',
				counts: { total: 1, managed: 1, compliant: 1, encrypted: 1, supportedOs: 1 }
			})
		).rejects.toBeInstanceOf(ConflictError);
		await expect(
			createDeviceSnapshot(ctx(), 'RT1', {
				asOf: '2025-07-31',
				source: 'aggregate',
				counts: { total: 1, managed: 2, compliant: 1, encrypted: 1, supportedOs: 1 }
			})
		).rejects.toThrow(/no count can exceed the total/);
		expect((await listDeviceSnapshots(ctx(), 'RT1')).map((s) => [s.asOf, s.total])).toEqual([
			['2025-06-30', 100],
			['2025-03-31', 3]
		]);
		// Read back as stored: no page lists single devices.
		const { rows: devices } = await sql<{ ownership: string; last_check_in_at: Date | null }>`
			select d.ownership, d.last_check_in_at from device d join device_snapshot s on s.id = d.snapshot_id
			where s.organisation_id = (select id from organisation where ods_code = 'RT1') and s.as_of = '2025-03-31'
			order by d.device_key`.execute(database.db);
		expect(devices.map((d) => d.ownership)).toEqual(['corporate', 'personal', 'unknown']);
		expect(devices[0]?.last_check_in_at).toEqual(new Date('2025-03-30T10:00:00Z'));
	});

	it('grades incidents for ICO and DHSC reporting and keeps references unique per organisation', async () => {
		const base: IncidentInput = {
			reference: 'A',
			detectedAt: '2025-02-01T09:00:00Z',
			breachType: 'confidentiality',
			category: 'misdirected',
			likelihood: 1,
			severity: 1
		};
		await createIncidents(ctx(), 'RT1', [
			{ ...base, reference: 'INC-1', likelihood: 3, severity: 2 },
			{ ...base, reference: 'INC-2', likelihood: 2, severity: 5, detectedAt: '2025-02-02T09:00:00Z' },
			{ ...base, reference: 'INC-3', likelihood: 5, severity: 1, detectedAt: '2025-02-03T09:00:00Z', category: 'phishing' }
		]);
		// As the incidents page lists them: newest first.
		const listed = (await getIncidentsPage(ctx(), 'RT1', { asOf: '2025-02-28' })).table;
		expect(listed.rows.map((i) => [i.reference, i.icoReportable, i.dhscReportable])).toEqual([
			['INC-3', false, false],
			['INC-2', false, true],
			['INC-1', true, false]
		]);
		expect(listed.matched).toBe(3);
		expect((await getIncidentsPage(ctx(), 'RT1', { asOf: '2025-02-28', category: 'phishing' })).table.matched).toBe(1);
		await expect(createIncidents(ctx(), 'RT1', [{ ...base, reference: 'INC-1' }])).rejects.toThrow(/already has incidents INC-1/);
		await expect(
			createIncidents(ctx(), 'RT1', [
				{ ...base, reference: 'D' },
				{ ...base, reference: 'D' }
			])
		).rejects.toThrow(/reference D appears twice/);
		await expect(createIncidents(ctx(), 'RT1', [{ ...base, reference: 'L7', likelihood: 7 }])).rejects.toBeInstanceOf(ValidationError);
		await createIncidents(ctx(), 'RT2', [{ ...base, reference: 'INC-1' }]);
		expect(await rowsOf('incident', 'RT1')).toBe(3);
		expect((await getIncidentsPage(ctx(), 'RT1', { asOf: '2025-02-28' })).recordedIncidents).toBe(3);
	});

	it('summarises the records per organisation for the home page', async () => {
		const summary = (await listOrganisationSummaries(ctx())).find((s) => s.ods === 'RT1');
		expect(summary).toMatchObject({ spendLines: 2, trainingRecords: 2, incidents: 3, deviceSnapshots: 2, latestDevices: 100, latestSnapshotOn: '2025-06-30' });
	});
});
