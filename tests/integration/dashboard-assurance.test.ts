import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSURANCE_CHART_IDS } from '../../src/lib/charts/assurance-charts';
import type { Role } from '../../src/lib/schemas/user';
import { recordActivity } from '../../src/lib/server/assurance/activities';
import { recordFinding, resolveFinding } from '../../src/lib/server/assurance/findings';
import { approveMessagingApp } from '../../src/lib/server/assurance/messaging';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { getAssuranceManagePage, getAssurancePage } from '../../src/lib/server/assurance/page';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { getOrganisationMetrics } from '../../src/lib/server/metrics/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { createUser } from '../../src/lib/server/users/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { recordedLongAgo } from './helpers/clock';

const AS_OF = '2025-03-31';
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let database: TestDatabase;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor, clock: recordedLongAgo });
const actors: Record<string, Actor> = {};

async function userWith(role: Exclude<Role, 'admin'>, ods: string): Promise<Actor> {
	const user = await createUser(ctx(), { email: `${role}.${ods.toLowerCase()}@example.nhs.uk`, name: `${role} ${ods}`, grant: { role, ods } });
	const org = await database.db.selectFrom('organisation').select('id').where('ods_code', '=', ods).executeTakeFirstOrThrow();
	return { kind: 'user', userId: user.id, email: user.email, name: user.name, grants: [{ role, organisationId: Number(org.id), ods }] };
}

/** A per-app discovered-apps export, written directly: its import is another layer's, tested there. */
async function appSnapshot(ods: string, asOf: string, apps: [string, number][]) {
	const org = await database.db.selectFrom('organisation').select('id').where('ods_code', '=', ods).executeTakeFirstOrThrow();
	const { id } = await database.db
		.insertInto('discovered_app_snapshot')
		.values({ organisation_id: org.id, as_of: asOf, devices_total: null })
		.returning('id')
		.executeTakeFirstOrThrow();
	await database.db
		.insertInto('discovered_app')
		.values(apps.map(([app_name, device_count]) => ({ snapshot_id: id, app_name, device_count })))
		.execute();
}

beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(ctx(), { ods: 'AS1', name: 'Assured Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'AS2', name: 'Other Trust', kind: 'trust' });
	actors.lead = await userWith('it_lead', 'AS1');
	actors.board = await userWith('board', 'AS1');
	actors.otherLead = await userWith('it_lead', 'AS2');
	const lead = ctx(actors.lead);
	const { id: audit } = await recordActivity(
		lead,
		'AS1',
		{ type: 'internal_audit', title: 'Data security audit', provider: 'Audit LLP', startedOn: '2024-10-01', completedOn: '2024-11-15', opinion: 'limited' },
		{ report: { name: 'audit.pdf', bytes: PDF } }
	);
	await recordActivity(lead, 'AS1', {
		type: 'dspt_independent_assessment',
		title: 'DSPT assessment',
		startedOn: '2025-02-03',
		completedOn: '2025-03-14',
		opinion: 'moderate',
		veracityConfidence: 'high'
	});
	// Completed after the as-of date: as of then it is in progress and has no opinion yet.
	await recordActivity(lead, 'AS1', { type: 'penetration_test', title: 'External test', startedOn: '2025-03-24', completedOn: '2025-04-04', opinion: 'fail' });
	await recordActivity(lead, 'AS1', { type: 'cyber_essentials_plus', title: 'CE+ renewal', startedOn: '2025-06-01' });
	const findings: [string, 'critical' | 'high' | 'medium' | 'low', string, string?][] = [
		['C1', 'critical', '2025-02-01'],
		['H1', 'high', '2025-03-25'],
		['M1', 'medium', '2024-12-01'],
		['H2', 'high', '2025-03-01'],
		['L1', 'low', '2024-01-01'],
		['R1', 'critical', '2025-01-05'],
		['R2', 'high', '2024-11-01'],
		['R3', 'high', '2025-03-01'],
		['A1', 'medium', '2024-10-01'],
		['F1', 'critical', '2025-05-01']
	];
	for (const [reference, severity, raisedOn] of findings) {
		await recordFinding(lead, 'AS1', { reference, title: `Finding ${reference}`, severity, raisedOn, activityId: reference === 'M1' ? audit : undefined });
	}
	await resolveFinding(lead, 'AS1', 'R1', { status: 'remediated', remediatedOn: '2025-01-12' });
	await resolveFinding(lead, 'AS1', 'R2', { status: 'remediated', remediatedOn: '2024-12-20' });
	await resolveFinding(lead, 'AS1', 'R3', { status: 'remediated', remediatedOn: '2025-04-10' });
	await resolveFinding(lead, 'AS1', 'A1', {
		status: 'risk_accepted',
		acceptedOn: '2024-11-01',
		acceptedBy: 'SIRO',
		acceptedReason: 'Legacy system retired in 2025'
	});
	await recordActivity(
		lead,
		'AS1',
		{ type: 'phishing_exercise', title: 'Autumn phishing', startedOn: '2024-10-07' },
		{ phishing: [{ staffGroup: '', emailsSent: 2000, clicked: 240, reported: 300 }] }
	);
	await recordActivity(
		lead,
		'AS1',
		{ type: 'phishing_exercise', title: 'Winter phishing', startedOn: '2025-01-13' },
		{
			phishing: [
				{ staffGroup: 'Nursing', emailsSent: 1000, clicked: 80, credentialsEntered: 9, reported: 200 },
				{ staffGroup: 'Admin', emailsSent: 800, clicked: 40, credentialsEntered: 4, reported: 220 }
			]
		}
	);
	await recordActivity(
		lead,
		'AS1',
		{ type: 'phishing_exercise', title: 'Summer phishing', startedOn: '2025-06-02' },
		{ phishing: [{ staffGroup: '', emailsSent: 1900, clicked: 60, reported: 700 }] }
	);
	await approveMessagingApp(lead, 'AS1', { name: 'Siilo', activeUsers: 50, activeUsersOn: '2025-03-01' });
	await appSnapshot('AS1', '2025-03-20', [
		['WhatsApp', 10],
		['WhatsApp Business', 2],
		['Siilo', 30],
		['Microsoft Outlook', 100]
	]);
	await appSnapshot('AS1', '2025-05-01', [['Telegram', 7]]);
});
afterAll(async () => {
	await database?.close();
});

describe(`the Assurance page read model on ${testBackend()}`, () => {
	it('gives the metrics the metrics service gives, and the activities started by the date, latest first, as they stood then', async () => {
		const p = await getAssurancePage(ctx(actors.board), 'as1', AS_OF);
		expect(p).toMatchObject({ org: 'AS1', name: 'Assured Trust', asOf: AS_OF, canEdit: false, empty: false });
		expect(p.metrics).toEqual((await getOrganisationMetrics(ctx(), 'AS1', AS_OF)).assurance);
		expect(p.metrics).toMatchObject({
			openCriticalHigh: 4,
			overdueFindings: 5,
			riskAccepted: 1,
			lastIndependentAssessment: { completedOn: '2025-03-14', opinion: 'moderate', veracityConfidence: 'high' }
		});
		expect(p.activities.map((a) => [a.title, a.completedOn, a.opinion])).toEqual([
			['External test', null, null],
			['DSPT assessment', '2025-03-14', 'moderate'],
			['Winter phishing', null, null],
			['Autumn phishing', null, null],
			['Data security audit', '2024-11-15', 'limited']
		]);
		expect(p.activities.at(-1)?.reportFileName).toBe('audit.pdf');
		expect(p.activitiesInYear).toBe(5);
		// The first activities are those started in the 12 months to the date.
		const autumn = await getAssurancePage(ctx(actors.board), 'AS1', '2025-10-31');
		expect(autumn.activities.slice(0, autumn.activitiesInYear).map((a) => a.startedOn)).toEqual([
			'2025-06-02',
			'2025-06-01',
			'2025-03-24',
			'2025-02-03',
			'2025-01-13'
		]);
		expect(autumn.activities.slice(autumn.activitiesInYear).map((a) => a.startedOn)).toEqual(['2024-10-07', '2024-10-01']);
	});

	it('lists open findings overdue first (most severe, then longest overdue), then the rest by severity and due date', async () => {
		const { findings } = await getAssurancePage(ctx(actors.board), 'AS1', AS_OF);
		expect(findings.open.map((f) => [f.reference, f.overdue, f.daysOverdue, f.ageDays])).toEqual([
			['C1', true, 44, 58],
			['H2', true, 16, 30],
			// Remediated after the date: open and overdue as of then.
			['R3', true, 16, 30],
			['M1', true, 30, 120],
			['L1', true, 275, 455],
			['H1', false, 0, 6]
		]);
		expect(findings.openCriticalHighOverdue).toBe(3);
		expect(findings.riskAccepted.map((f) => [f.reference, f.acceptedBy, f.acceptedReason])).toEqual([['A1', 'SIRO', 'Legacy system retired in 2025']]);
		expect(findings.remediated.map((f) => [f.reference, f.remediatedOn, f.late, f.ageDays])).toEqual([
			['R1', '2025-01-12', false, 7],
			['R2', '2024-12-20', true, 49]
		]);
	});

	it('counts open findings by severity and age band, and draws them with the phishing trend', async () => {
		const p = await getAssurancePage(ctx(actors.board), 'AS1', AS_OF);
		expect(p.openByAge.bands).toEqual(['0–14 days', '15–30 days', '31–90 days', '91–180 days', 'Over 180 days']);
		expect(p.openByAge.rows.map((r) => [r.severity, r.counts])).toEqual([
			['critical', [0, 0, 1, 0, 0]],
			['high', [1, 2, 0, 0, 0]],
			['medium', [0, 0, 0, 1, 0]],
			['low', [0, 0, 0, 0, 1]]
		]);
		expect(p.charts.map((c) => c.id)).toEqual([ASSURANCE_CHART_IDS.findingsByAge, ASSURANCE_CHART_IDS.phishing]);
		const phishing = p.charts[1]!;
		expect(phishing.config.data.datasets.map((d) => d.data)).toEqual([
			[0.12, 120 / 1800],
			[0.15, 420 / 1800]
		]);
		expect(p.phishing.map((e) => [e.title, e.emailsSent, e.groups.map((g) => g.staffGroup)])).toEqual([
			['Winter phishing', 1800, ['Admin', 'Nursing']],
			['Autumn phishing', 2000, []]
		]);
	});

	it('shows the messaging apps of the latest export on or before the date beside the approved apps', async () => {
		const { messaging, metrics } = await getAssurancePage(ctx(actors.board), 'AS1', AS_OF);
		expect(messaging.snapshotOn).toBe('2025-03-20');
		expect(messaging.unapproved).toEqual([
			{
				name: 'WhatsApp',
				devices: 12,
				foundAs: [
					{ appName: 'WhatsApp', deviceCount: 10 },
					{ appName: 'WhatsApp Business', deviceCount: 2 }
				]
			}
		]);
		expect(messaging.approved).toEqual([{ id: expect.any(Number), name: 'Siilo', activeUsers: 50, activeUsersOn: '2025-03-01', devices: 30 }]);
		expect(metrics).toMatchObject({ devicesWithUnapprovedMessaging: 12, unapprovedMessagingExact: false });
		const later = await getAssurancePage(ctx(actors.board), 'AS1', '2025-06-30');
		expect(later.messaging.unapproved.map((a) => [a.name, a.devices])).toEqual([['Telegram', 7]]);
		expect(later.messaging.approved[0]?.devices).toBe(0);
	});

	it('moves with the as-of date: later findings, activities and exercises appear, R3 is remediated, and before anything there is nothing', async () => {
		const later = await getAssurancePage(ctx(actors.board), 'AS1', '2025-06-30');
		expect(later.findings.open.map((f) => f.reference)).toEqual(['C1', 'F1', 'H2', 'H1', 'M1', 'L1']);
		expect(later.findings.remediated.map((f) => [f.reference, f.late])).toEqual([
			['R3', true],
			['R1', false],
			['R2', true]
		]);
		expect(later.activities[0]?.title).toBe('Summer phishing');
		expect(later.phishing[0]?.title).toBe('Summer phishing');
		const before = await getAssurancePage(ctx(actors.board), 'AS1', '2023-01-01');
		expect(before.findings.open).toEqual([]);
		expect(before.activities).toEqual([]);
		expect(before.charts).toEqual([]);
		expect(before.messaging.snapshotOn).toBeNull();
		// The approved apps as they stood then: Siilo's approval was recorded (long ago) in 2024, after this date.
		expect(before.messaging.approved).toEqual([]);
		expect(before.empty).toBe(true);
		const other = await getAssurancePage(ctx(actors.otherLead), 'AS2', AS_OF);
		expect(other).toMatchObject({ empty: true, canEdit: true, activities: [], charts: [], messaging: { snapshotOn: null, unapproved: [], approved: [] } });
		await expect(getAssurancePage(ctx(), 'AS1', '31/03/2025')).rejects.toBeInstanceOf(ValidationError);
	});
});

describe(`who may read and change assurance on ${testBackend()}`, () => {
	it('lets a board member read the page but not reach the manage page nor use the edit services', async () => {
		const board = ctx(actors.board);
		expect((await getAssurancePage(board, 'AS1', AS_OF)).canEdit).toBe(false);
		await expect(getAssuranceManagePage(board, 'AS1')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(recordFinding(board, 'AS1', { reference: 'B1', title: 'x', severity: 'low', raisedOn: AS_OF })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(resolveFinding(board, 'AS1', 'C1', { status: 'remediated', remediatedOn: AS_OF })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(recordActivity(board, 'AS1', { type: 'other', title: 'x', startedOn: AS_OF })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(approveMessagingApp(board, 'AS1', { name: 'Pando' })).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('keeps an IT lead of one trust out of another trust entirely', async () => {
		const lead = ctx(actors.lead);
		await expect(getAssurancePage(lead, 'AS2', AS_OF)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getAssuranceManagePage(lead, 'AS2')).rejects.toBeInstanceOf(NotFoundError);
		await expect(recordFinding(lead, 'AS2', { reference: 'X1', title: 'x', severity: 'low', raisedOn: AS_OF })).rejects.toBeInstanceOf(NotFoundError);
		await expect(getAssurancePage(ctx(actors.otherLead), 'AS1', AS_OF)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('gives the IT lead the manage page: every finding as it stands today, the open overdue first, then the closed latest first', async () => {
		const m = await getAssuranceManagePage(ctx(actors.lead), 'AS1');
		expect(m.today).toBe(new Date().toISOString().slice(0, 10));
		expect(m.openFindings.map((f) => [f.reference, f.overdue])).toEqual([
			['C1', true],
			['F1', true],
			['H2', true],
			['H1', true],
			['M1', true],
			['L1', true]
		]);
		expect(m.closedFindings.map((f) => [f.reference, f.status])).toEqual([
			['R3', 'remediated'],
			['R1', 'remediated'],
			['R2', 'remediated'],
			['A1', 'risk_accepted']
		]);
		expect(m.activities.map((a) => a.title)[0]).toBe('Summer phishing');
		expect(m.approvedApps.map((a) => a.name)).toEqual(['Siilo']);
	});
});
