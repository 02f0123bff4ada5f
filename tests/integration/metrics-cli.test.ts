import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordActivity } from '../../src/lib/server/assurance/activities';
import { recordFinding, resolveFinding } from '../../src/lib/server/assurance/findings';
import { recordedLongAgo } from './helpers/clock';
import { systemActor } from '../../src/lib/server/auth/actor';
import { createDeviceSnapshot } from '../../src/lib/server/devices/service';
import { createIncidents } from '../../src/lib/server/incidents/service';
import { createOrganisation, setHeadcount } from '../../src/lib/server/organisations/service';
import { createSpendLines } from '../../src/lib/server/spend/service';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { openCliDatabase, type CliDatabase } from './helpers/cli-database';
import { testBackend } from './helpers/database';

// The data goes in through the services; the CLI then reads it, in this process, from the same database.
let cli: CliDatabase;
beforeAll(async () => {
	cli = await openCliDatabase('beacon-metrics-cli-');
	const ctx = { db: cli.db, actor: systemActor('test'), clock: recordedLongAgo };
	await createOrganisation(ctx, { ods: 'MC1', name: 'Metrics CLI Trust', kind: 'trust' });
	await setHeadcount(ctx, 'MC1', { financialYear: 2024, headcount: 1_000 });
	await createTrainingRecords(ctx, 'MC1', [
		{ staffKey: 'staff-000001', staffGroup: 'Nursing', department: 'Wards', course: 'IG', isRequired: true, completedOn: '2025-01-10' },
		{ staffKey: 'staff-000002', staffGroup: 'Nursing', department: 'Wards', course: 'IG', isRequired: true }
	]);
	await createDeviceSnapshot(ctx, 'MC1', {
		asOf: '2025-03-31',
		source: 'intune',
		devices: [
			{ deviceKey: 'device-0001', os: 'iOS', compliance: 'compliant', isEncrypted: true, isOsSupported: true, lastCheckInAt: '2025-03-30T08:00:00Z' },
			{ deviceKey: 'device-0002', os: 'iOS', compliance: 'compliant', isEncrypted: true, isOsSupported: true, lastCheckInAt: '2025-01-02T08:00:00Z' },
			{ deviceKey: 'device-0003', os: 'Android', compliance: 'noncompliant', isManaged: false, isEncrypted: false, isOsSupported: false }
		]
	});
	await createIncidents(ctx, 'MC1', [
		{
			reference: 'C1',
			detectedAt: '2024-09-01T09:00:00Z',
			notifiedAt: '2024-09-04T09:00:00Z',
			breachType: 'confidentiality',
			category: 'misdirected',
			likelihood: 3,
			severity: 2
		},
		{
			reference: 'C2',
			detectedAt: '2024-10-01T09:00:00Z',
			notifiedAt: '2024-10-04T09:01:00Z',
			breachType: 'confidentiality',
			category: 'phishing',
			likelihood: 4,
			severity: 4
		}
	]);
	await createSpendLines(ctx, 'MC1', [{ spentOn: '2024-06-01', category: 'mdm', expenseType: 'opex', amountPence: 250_000 }]);
	await recordFinding(ctx, 'MC1', { reference: 'F1', title: 'Open high', severity: 'high', raisedOn: '2025-02-01' });
	await recordFinding(ctx, 'MC1', { reference: 'F2', title: 'Fixed in time', severity: 'critical', raisedOn: '2025-01-01' });
	await resolveFinding(ctx, 'MC1', 'F2', { status: 'remediated', remediatedOn: '2025-01-10' });
	await recordActivity(
		ctx,
		'MC1',
		{ type: 'phishing_exercise', title: 'Phish', startedOn: '2025-02-10' },
		{ phishing: [{ staffGroup: '', emailsSent: 200, clicked: 30, reported: 50 }] }
	);
});
afterAll(async () => {
	await cli?.close();
});

describe(`beacon metrics on ${testBackend()}`, () => {
	it('prints the documented JSON and a readable summary, and exits 1 on an unknown organisation or a bad date', async () => {
		const json = await cli.run(['metrics', '--org', 'mc1', '--as-of', '2025-03-31', '--json']);
		expect(json.code, json.stderr).toBe(0);
		const m = JSON.parse(json.stdout);
		expect(m).toMatchObject({
			org: 'MC1',
			asOf: '2025-03-31',
			training: { requiredStaff: 2, completed12m: 1, completionRate: 0.5 },
			devices: { total: 3, managed: 2, compliant: 1, encrypted: 2, supportedOs: 2, stale: 1, compliantRate: 1 / 3, encryptedRate: 2 / 3, staleRate: 1 / 3 },
			incidents: { total: 2, icoReportable: 2, dhscReportable: 1, notifiedWithin72h: 1, notifiedLate: 1, notifiedWithin72hRate: 0.5, per1000Staff: 2 },
			spend: { financialYear: '2024-25', totalPence: 250_000, perStaffPence: 250 }
		});
		expect(m.spend.byCategory).toMatchObject({ mdm: 250_000, training: 0 });
		expect(m.assurance).toMatchObject({
			openCriticalHigh: 1,
			remediatedWithin14dRate: 0.5,
			phishingClickRate: 0.15,
			phishingReportRate: 0.25,
			devicesWithUnapprovedMessaging: null,
			meanDaysToRemediate: 9
		});
		expect(m.incidents.rcaCompletedRate).toBeNull();

		const text = await cli.run(['metrics', '--org', 'MC1', '--as-of', '2025-03-31']);
		expect(text.code, text.stderr).toBe(0);
		expect(text.stdout).toMatch(/^MC1 Metrics CLI Trust, as of 2025-03-31$/m);
		expect(text.stdout).toMatch(/completion +50\.0 % \(1 of 2\)/);
		expect(text.stdout).toMatch(/root cause analysed +no data/);
		expect(text.stdout).toMatch(/within 14 days +50\.0 % \(1 of 2\) of critical and high findings/);
		expect(text.stdout).toMatch(/unapproved messaging +no discovered-apps export/);

		const [unknown, badDate, noOrg] = await Promise.all([
			cli.run(['metrics', '--org', 'NOPE', '--as-of', '2025-03-31', '--json']),
			cli.run(['metrics', '--org', 'MC1', '--as-of', '2025-02-30']),
			cli.run(['metrics', '--as-of', '2025-03-31'])
		]);
		expect([unknown.code, badDate.code, noOrg.code]).toEqual([1, 1, 1]);
		expect(unknown.stderr).toMatch(/no organisation with ODS code NOPE/);
		expect(unknown.stdout).toBe('');
	}, 90_000);
});
