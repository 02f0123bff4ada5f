import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getActivityReport, recordActivity, removeActivity } from '../../src/lib/server/assurance/activities';
import { recordFinding, resolveFinding } from '../../src/lib/server/assurance/findings';
import { approveMessagingApp, listApprovedApps, withdrawMessagingApp } from '../../src/lib/server/assurance/messaging';
import { getAssuranceRegister } from '../../src/lib/server/assurance/service';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { getOrganisationMetrics } from '../../src/lib/server/metrics/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { getScorecard } from '../../src/lib/server/scorecard/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { recordedLongAgo } from './helpers/clock';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
const AS_OF = '2025-03-31';
let database: TestDatabase;
// The register keeps its findings' history (migration 20261209100000): this story is recorded long ago, so
// the dates it reads as of see every change it makes (tests/integration/helpers/clock.ts).
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor, clock: recordedLongAgo });
let orgIds: Record<string, number>;
const user = (role: 'board' | 'it_lead', ods: string): Actor => ({
	kind: 'user',
	userId: 999_999,
	email: `${role}@example.nhs.uk`,
	name: role,
	grants: [{ role, organisationId: orgIds[ods] as number, ods }]
});
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
	database = await openTestDatabase();
	await loadFramework(ctx(), CAF);
	await createOrganisation(ctx(), { ods: 'AS1', name: 'Assured Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'AS2', name: 'Other Trust', kind: 'trust' });
	const rows = await database.db.selectFrom('organisation').select(['id', 'ods_code']).execute();
	orgIds = Object.fromEntries(rows.map((r) => [r.ods_code, r.id]));
});
afterAll(async () => {
	await database?.close();
});

describe(`assurance activities, findings and messaging apps on ${testBackend()}`, () => {
	it('records an independent assessment with its report, and a phishing exercise by staff group', async () => {
		const { id } = await recordActivity(
			ctx(),
			'AS1',
			{
				type: 'dspt_independent_assessment',
				title: 'DSPT independent assessment 2024-25',
				provider: 'Audit One',
				startedOn: '2024-05-01',
				completedOn: '2024-06-20',
				opinion: 'moderate',
				veracityConfidence: 'high',
				scope: 'All 47 outcomes'
			},
			{ report: { name: 'assessment report.pdf', bytes: PDF } }
		);
		const report = await getActivityReport(ctx(), 'AS1', id);
		expect(report).toMatchObject({ fileName: 'assessment report.pdf', mediaType: 'application/pdf' });
		expect(Buffer.from(report.content).equals(Buffer.from(PDF))).toBe(true);
		await recordActivity(ctx(), 'AS1', { type: 'penetration_test', title: 'External penetration test', startedOn: '2024-09-02', completedOn: '2024-09-13' });
		await recordActivity(
			ctx(),
			'AS1',
			{ type: 'phishing_exercise', title: 'Q3 phishing', startedOn: '2024-10-01', completedOn: '2024-10-14' },
			{
				phishing: [
					{ staffGroup: 'Nursing', emailsSent: 600, clicked: 90, credentialsEntered: 20, reported: 60 },
					{ staffGroup: 'Medical', emailsSent: 400, clicked: 30, reported: 40 }
				]
			}
		);
		await recordActivity(
			ctx(),
			'AS1',
			{ type: 'phishing_exercise', title: 'Q4 phishing', startedOn: '2025-01-13' },
			{
				phishing: [{ staffGroup: '', emailsSent: 1000, clicked: 50, credentialsEntered: 5, reported: 300 }]
			}
		);
		const register = await getAssuranceRegister(ctx(), 'AS1', AS_OF);
		expect(register.activities.map((a) => a.type)).toEqual(['phishing_exercise', 'phishing_exercise', 'penetration_test', 'dspt_independent_assessment']);
		expect(register.phishing).toEqual([
			expect.objectContaining({
				title: 'Q3 phishing',
				emailsSent: 1000,
				clicked: 120,
				reported: 100,
				credentialsEntered: null,
				groups: expect.arrayContaining([expect.objectContaining({ staffGroup: 'Nursing', credentialsEntered: 20 })])
			}),
			expect.objectContaining({ title: 'Q4 phishing', emailsSent: 1000, clicked: 50, reported: 300, credentialsEntered: 5, groups: [] })
		]);
		expect(register.metrics).toMatchObject({
			assuranceCoverageRate: { value: 1 },
			lastIndependentAssessment: { completedOn: '2024-06-20', opinion: 'moderate', veracityConfidence: 'high' },
			latestPhishingOn: '2025-01-13',
			phishingClickRate: { value: 0.05 },
			phishingReportRate: { value: 0.3 }
		});
		// As of a date before the assessment finished, its opinion is not yet known.
		const earlier = await getAssuranceRegister(ctx(), 'AS1', '2024-06-01');
		expect(earlier.activities).toEqual([expect.objectContaining({ type: 'dspt_independent_assessment', completedOn: null, opinion: null })]);
		const audits = await database.db.selectFrom('audit_event').select('action').where('action', '=', 'assurance_activity.create').execute();
		expect(audits).toHaveLength(4);
	});

	it('refuses phishing results that do not add up, or on an activity that is not a phishing exercise', async () => {
		await expect(
			recordActivity(
				ctx(),
				'AS1',
				{ type: 'phishing_exercise', title: 'Bad', startedOn: '2025-02-01' },
				{ phishing: [{ staffGroup: '', emailsSent: 10, clicked: 11, reported: 0 }] }
			)
		).rejects.toThrow(/11 clicked is more than the 10 emails sent/);
		await expect(
			recordActivity(
				ctx(),
				'AS1',
				{ type: 'penetration_test', title: 'Bad', startedOn: '2025-02-01' },
				{ phishing: [{ staffGroup: '', emailsSent: 10, clicked: 1, reported: 0 }] }
			)
		).rejects.toThrow(ValidationError);
		await expect(
			recordActivity(
				ctx(),
				'AS1',
				{ type: 'phishing_exercise', title: 'Bad', startedOn: '2025-02-01' },
				{
					phishing: [
						{ staffGroup: '', emailsSent: 10, clicked: 1, reported: 0 },
						{ staffGroup: 'Nursing', emailsSent: 10, clicked: 1, reported: 0 }
					]
				}
			)
		).rejects.toThrow(/either one row for all staff or one row per staff group/);
		await expect(recordActivity(ctx(), 'AS1', { type: 'internal_audit', title: 'Bad', startedOn: '2025-02-01', completedOn: '2025-01-01' })).rejects.toThrow(
			/before the start date/
		);
		expect(await database.db.selectFrom('assurance_activity').select('id').where('title', '=', 'Bad').execute()).toEqual([]);
	});

	it('gives critical and high findings 14 days by default, flags them overdue the day after, and records late remediation as late', async () => {
		const { dueOn } = await recordFinding(ctx(), 'AS1', {
			reference: 'PT-01',
			title: 'Outdated TLS on the VPN',
			severity: 'critical',
			raisedOn: '2025-01-02',
			owner: 'Network team'
		});
		expect(dueOn).toBe('2025-01-16');
		expect((await recordFinding(ctx(), 'AS1', { reference: 'PT-02', title: 'Weak password policy', severity: 'medium', raisedOn: '2025-01-02' })).dueOn).toBe(
			'2025-04-02'
		);
		await recordFinding(ctx(), 'AS1', { reference: 'PT-03', title: 'Unpatched hypervisor', severity: 'high', raisedOn: '2025-01-02', dueOn: '2025-01-30' });
		await expect(recordFinding(ctx(), 'AS1', { reference: 'PT-01', title: 'Again', severity: 'low', raisedOn: '2025-01-02' })).rejects.toThrow(ConflictError);

		const onDue = await getAssuranceRegister(ctx(), 'AS1', '2025-01-16');
		expect(onDue.findings.find((f) => f.reference === 'PT-01')).toMatchObject({ overdue: false, daysOverdue: 0, ageDays: 14 });
		const dayAfter = await getAssuranceRegister(ctx(), 'AS1', '2025-01-17');
		expect(dayAfter.findings.find((f) => f.reference === 'PT-01')).toMatchObject({ overdue: true, daysOverdue: 1 });

		await resolveFinding(ctx(), 'AS1', 'PT-01', { status: 'remediated', remediatedOn: '2025-01-20' });
		await resolveFinding(ctx(), 'AS1', 'PT-03', {
			status: 'risk_accepted',
			acceptedOn: '2025-01-10',
			acceptedBy: 'Jane Smith, SIRO',
			acceptedReason: 'Hypervisor replaced in April; isolated until then'
		});
		await expect(
			resolveFinding(ctx(), 'AS1', 'PT-02', { status: 'risk_accepted', acceptedOn: '2025-01-10', acceptedBy: '', acceptedReason: 'x' } as never)
		).rejects.toThrow(ValidationError);
		await expect(resolveFinding(ctx(), 'AS1', 'PT-02', { status: 'remediated', remediatedOn: '2024-12-31' })).rejects.toThrow(/before it was raised/);
		await expect(resolveFinding(ctx(), 'AS1', 'PT-99', { status: 'open' })).rejects.toThrow(NotFoundError);

		const m = (await getOrganisationMetrics(ctx(), 'AS1', AS_OF)).assurance;
		// PT-01 remediated on day 18 (late), PT-03 accepted on day 8 (in time).
		expect(m.remediatedWithin14dRate).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
		expect(m).toMatchObject({ openCriticalHigh: 0, riskAccepted: 1, overdueFindings: 0, meanDaysToRemediate: 18 });
		const register = await getAssuranceRegister(ctx(), 'AS1', AS_OF);
		expect(register.findings.find((f) => f.reference === 'PT-03')).toMatchObject({ status: 'risk_accepted', acceptedBy: 'Jane Smith, SIRO' });
		// Before its remediation date the finding is shown open.
		expect((await getAssuranceRegister(ctx(), 'AS1', '2025-01-18')).findings.find((f) => f.reference === 'PT-01')).toMatchObject({
			status: 'open',
			remediatedOn: null
		});

		// Reopening clears the dates.
		await resolveFinding(ctx(), 'AS1', 'PT-01', { status: 'open' });
		expect((await getOrganisationMetrics(ctx(), 'AS1', AS_OF)).assurance.openCriticalHigh).toBe(1);
		await resolveFinding(ctx(), 'AS1', 'PT-01', { status: 'remediated', remediatedOn: '2025-01-20' });
	});

	it("keeps the approved messaging apps, and feeds the scorecard's A2.b and B4.d data levels", async () => {
		const { id } = await approveMessagingApp(ctx(), 'AS1', { name: 'Microsoft Teams' });
		await expect(approveMessagingApp(ctx(), 'AS1', { name: 'microsoft teams' })).rejects.toThrow(ConflictError);
		await approveMessagingApp(ctx(), 'AS1', { name: 'Microsoft Teams', activeUsers: 1200, activeUsersOn: '2025-03-01' });
		await approveMessagingApp(ctx(), 'AS1', { name: 'Siilo' });
		expect(await listApprovedApps(ctx(), 'AS1')).toEqual([
			{ id, name: 'Microsoft Teams', activeUsers: 1200, activeUsersOn: '2025-03-01' },
			expect.objectContaining({ name: 'Siilo', activeUsers: null })
		]);
		await expect(approveMessagingApp(ctx(), 'AS1', { name: 'Hospify', activeUsers: 5 })).rejects.toThrow(/together with the date/);
		const siilo = (await listApprovedApps(ctx(), 'AS1')).find((a) => a.name === 'Siilo');
		await withdrawMessagingApp(ctx(), 'AS1', siilo?.id as number);
		expect((await listApprovedApps(ctx(), 'AS1')).map((a) => a.name)).toEqual(['Microsoft Teams']);

		const scorecard = await getScorecard(ctx(), 'AS1', '2024-25', AS_OF);
		const outcome = (code: string) => scorecard.outcomes.find((o) => o.id === code);
		expect(outcome('A2.b')?.explanation).toMatch(/yearly independent assurance 100\.0 % \(2 of 2\) → Achieved/);
		expect(outcome('B4.d')?.explanation).toMatch(/critical and high findings dealt with within 14 days 50\.0 % \(1 of 2\) → Not achieved/);
		expect(outcome('B6.a')?.explanation).toMatch(/phishing reports against clicks 85\.7 % \(300 of 350\) → Achieved/);
		expect(outcome('B3.b')?.explanation).toMatch(/unapproved messaging app: no data/);
	});

	it('lets a board member read but not record, and keeps one trust out of another', async () => {
		await expect(getAssuranceRegister(ctx(user('board', 'AS1')), 'AS1', AS_OF)).resolves.toMatchObject({ org: 'AS1' });
		await expect(recordFinding(ctx(user('board', 'AS1')), 'AS1', { reference: 'B-1', title: 'x', severity: 'low', raisedOn: '2025-01-01' })).rejects.toThrow(
			ForbiddenError
		);
		await expect(approveMessagingApp(ctx(user('board', 'AS1')), 'AS1', { name: 'Pando' })).rejects.toThrow(ForbiddenError);
		// Another trust's organisation is not found at all, so its existence is not revealed.
		await expect(getAssuranceRegister(ctx(user('it_lead', 'AS2')), 'AS1', AS_OF)).rejects.toThrow(NotFoundError);
		await expect(recordActivity(ctx(user('it_lead', 'AS2')), 'AS1', { type: 'other', title: 'x', startedOn: '2025-01-01' })).rejects.toThrow(NotFoundError);
		const activity = (await getAssuranceRegister(ctx(), 'AS1', AS_OF)).activities.at(-1);
		await expect(getActivityReport(ctx(user('it_lead', 'AS2')), 'AS1', activity?.id as number)).rejects.toThrow(NotFoundError);
		await expect(getActivityReport(ctx(user('board', 'AS1')), 'AS1', activity?.id as number)).resolves.toMatchObject({ mediaType: 'application/pdf' });
	});

	it('removes an activity recorded in error and keeps its findings, unlinked', async () => {
		const { id } = await recordActivity(
			ctx(),
			'AS2',
			{ type: 'internal_audit', title: 'Data security audit', startedOn: '2025-02-01', completedOn: '2025-02-20', opinion: 'limited' },
			{ report: { name: 'audit.pdf', bytes: PDF } }
		);
		await recordFinding(ctx(), 'AS2', {
			reference: 'IA-1',
			title: 'No asset register for medical devices',
			severity: 'high',
			raisedOn: '2025-02-20',
			activityId: id
		});
		await recordFinding(ctx(), 'AS2', { reference: 'IA-0', title: 'Not linked', severity: 'low', raisedOn: '2025-02-20', activityId: null });
		await expect(recordFinding(ctx(), 'AS2', { reference: 'IA-2', title: 'x', severity: 'high', raisedOn: '2025-02-20', activityId: 987_654 })).rejects.toThrow(
			/no assurance activity 987654/
		);
		expect((await getAssuranceRegister(ctx(), 'AS2', AS_OF)).findings.find((f) => f.reference === 'IA-1')?.activityTitle).toBe('Data security audit');
		const files = () =>
			database.db
				.selectFrom('evidence_file')
				.select('id')
				.where('organisation_id', '=', orgIds.AS2 as number)
				.execute();
		expect(await files()).toHaveLength(1);
		await removeActivity(ctx(), 'AS2', id);
		const after = await getAssuranceRegister(ctx(), 'AS2', AS_OF);
		expect(after.activities).toEqual([]);
		expect(after.findings).toEqual([expect.objectContaining({ reference: 'IA-0' }), expect.objectContaining({ reference: 'IA-1', activityTitle: null })]);
		expect(await files()).toEqual([]);
	});
});
