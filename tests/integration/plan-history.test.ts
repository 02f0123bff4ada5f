import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAction, updateAction } from '../../src/lib/server/assessment/actions';
import { addEvidence } from '../../src/lib/server/assessment/evidence';
import { recordFinding } from '../../src/lib/server/assessment/findings';
import { getImprovementPlan } from '../../src/lib/server/assessment/page';
import { saveSelfAssessment } from '../../src/lib/server/assessment/self-assessment';
import { resolveFinding } from '../../src/lib/server/assurance/findings';
import { approveMessagingApp, listApprovedApps, withdrawMessagingApp } from '../../src/lib/server/assurance/messaging';
import { getAssuranceRegister } from '../../src/lib/server/assurance/service';
import { systemActor } from '../../src/lib/server/auth/actor';
import { today } from '../../src/lib/server/db/day';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { gatherBoardPackData } from '../../src/lib/server/reports/board-data';
import { parsePeriod } from '../../src/lib/server/reports/period';
import { gatherRegulatorPackData } from '../../src/lib/server/reports/regulator-data';
import { generateReport } from '../../src/lib/server/reports/service';
import { getScorecard } from '../../src/lib/server/scorecard/service';
import { createSpendLines } from '../../src/lib/server/spend/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: systemActor('test') });
const TRUSTS = ['ZB1', 'ZB2', 'ZB3', 'ZB4'];
// The demo's 2024-25 year, read after it ended: as of 31 March 2025.
const PAST = parsePeriod('2024-25', '2026-12-07')!;

beforeAll(async () => {
	database = await openTestDatabase('demo');
}, 180_000);
afterAll(async () => {
	await database?.close();
});

const rationalesOf = (data: Awaited<ReturnType<typeof gatherRegulatorPackData>>) =>
	data.objectives.flatMap((o) => o.principles.flatMap((p) => p.outcomes.map((x) => x.rationale)));

describe(`plans and assessments as they stood on the as-of date, on ${testBackend()}`, () => {
	it('the demo holds actions completed and rationales written after 31 March 2025 (what the 2024-25 packs must not show)', async () => {
		const completed = await database.db.selectFrom('improvement_action').select('completed_on').where('status', '=', 'completed').execute();
		expect(completed.length).toBeGreaterThan(0);
		expect(completed.every((c) => c.completed_on! > PAST.asOf)).toBe(true);
		const rationales = await database.db.selectFrom('assessment_response').select('rationale').execute();
		expect(rationales.every((r) => r.rationale?.includes('September 2026'))).toBe(true);
	});

	it('a 2024-25 regulator pack shows each action open or in progress as at 31 March 2025, and the rationale in force then', async () => {
		expect(PAST.asOf).toBe('2025-03-31');
		for (const ods of TRUSTS) {
			const data = await gatherRegulatorPackData(ctx(), ods, PAST);
			expect(data.period.asOf).toBe('2025-03-31');
			expect(data.plan.actions.filter((a) => a.status === 'completed')).toEqual([]);
			const rationales = rationalesOf(data);
			expect(rationales.filter((r) => r?.includes('September 2026'))).toEqual([]);
			expect(rationales.length).toBe(47);
			expect(rationales.every((r) => r?.includes('February 2025'))).toBe(true);
			expect(data.status.counts.openActions).toBe(data.plan.actions.length);
		}
	});

	it('a 2024-25 board pack counts no action completed as of 31 March 2025, and no action made after it', async () => {
		for (const ods of TRUSTS) {
			const data = await gatherBoardPackData(ctx(), ods, PAST);
			expect(data.plan.rollUp.reduce((s, r) => s + r.completed, 0)).toBe(0);
			// The data-gap actions were opened at the September 2026 review: not in the plan as at 31 March 2025.
			const titles = (await getImprovementPlan(ctx(), ods, '2024-25', PAST.asOf)).actions.map((a) => a.title);
			expect(titles.filter((t) => t.startsWith('Raise '))).toEqual([]);
		}
		// Today's plan still shows them (what is true now is unchanged).
		const now = await Promise.all(TRUSTS.map((ods) => getImprovementPlan(ctx(), ods, '2024-25', '2026-09-30')));
		expect(now.flatMap((p) => p.actions).filter((a) => a.status === 'completed').length).toBeGreaterThan(0);
	});

	it('judges whether a past gap was covered by the action as it stood then, not as it stands now', async () => {
		await createOrganisation(ctx(), { ods: 'ZH1', name: 'History Test Trust', kind: 'trust' });
		await saveSelfAssessment(ctx(), 'ZH1', '2024-25', 'A1.a', { level: 'not_achieved', rationale: 'No board direction yet.', owner: 'SIRO' });
		const { id } = await createAction(ctx(), 'ZH1', '2024-25', 'A1.a', {
			title: 'Agree board direction',
			owner: 'SIRO',
			dueOn: '2027-03-31',
			status: 'in_progress'
		});
		// What was recorded so far was recorded a year ago (the history's instants, moved back 365 days).
		const orgId = (await database.db.selectFrom('organisation').select('id').where('ods_code', '=', 'ZH1').executeTakeFirstOrThrow()).id;
		for (const table of ['improvement_action_history', 'assessment_response_history']) {
			await sql`update ${sql.table(table)} set valid_from = valid_from - interval '365 days'
				where ${table === 'improvement_action_history' ? sql`organisation_id = ${orgId}` : sql`assessment_id in (select id from assessment where organisation_id = ${orgId})`}`.execute(
				database.db
			);
		}
		await updateAction(ctx(), 'ZH1', id, { title: 'Agree board direction', owner: 'SIRO', dueOn: '2027-03-31', status: 'completed' });
		const today = new Date().toISOString().slice(0, 10);
		const earlier = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
		const line = async (asOf: string) => (await getScorecard(ctx(), 'ZH1', '2024-25', asOf)).outcomes.find((o) => o.id === 'A1.a')!;
		expect(await line(earlier)).toMatchObject({ self: 'Not achieved', gap: true, planned: true });
		expect(await line(today)).toMatchObject({ self: 'Not achieved', gap: true, planned: false });
		const plan = await getImprovementPlan(ctx(), 'ZH1', '2024-25', earlier);
		expect(plan.actions.map((a) => a.status)).toEqual(['in_progress']);
		// Before anything was recorded, there was no self-assessment and no plan.
		const before = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
		expect(await line(before)).toMatchObject({ self: null, planned: false });
		expect((await getImprovementPlan(ctx(), 'ZH1', '2024-25', before)).actions).toEqual([]);
	});

	it('reads each day to its end in Europe/London, whatever the session time zone', async () => {
		await createOrganisation(ctx(), { ods: 'ZH2', name: 'Time Zone Test Trust', kind: 'trust' });
		const at = (instant: string) => ({ ...ctx(), clock: () => new Date(instant) });
		const input = { title: 'Encrypt laptops', owner: 'CISO', dueOn: '2025-06-30' };
		const { id } = await createAction(at('2025-03-01T12:00:00Z'), 'ZH2', '2024-25', 'B3.c', { ...input, status: 'open' });
		// 23:30 on 31 March in London (BST): still 31 March there.
		await updateAction(at('2025-03-31T22:30:00Z'), 'ZH2', id, { ...input, status: 'in_progress' });
		// 00:30 on 1 April in London, though still 31 March in UTC.
		await updateAction(at('2025-03-31T23:30:00Z'), 'ZH2', id, { ...input, status: 'completed' });
		for (const zone of ['UTC', 'Europe/London', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
			const statuses = await database.db.transaction().execute(async (trx) => {
				await sql`select set_config('TimeZone', ${zone}, true)`.execute(trx);
				const tx = { db: trx, actor: systemActor('test') };
				return Promise.all(
					['2025-02-28', '2025-03-30', '2025-03-31', '2025-04-01'].map(async (d) =>
						(await getImprovementPlan(tx, 'ZH2', '2024-25', d)).actions.map((a) => a.status)
					)
				);
			});
			expect(statuses, zone).toEqual([[], ['open'], ['in_progress'], ['completed']]);
		}
		const row = await database.db.selectFrom('improvement_action').select('completed_on').where('id', '=', id).executeTakeFirstOrThrow();
		// Completed on 1 April, the London day of the change.
		expect(row.completed_on).toBe('2025-04-01');
	});

	it('builds the same 2024-25 packs, to the data hash, after actions, responses, evidence, assessor and register findings, approvals and spend change later', async () => {
		const hashes = async () => {
			const board = await generateReport(ctx(), 'ZB1', 'board', '2024-25');
			const regulator = await generateReport(ctx(), 'ZB1', 'regulator', '2024-25');
			return [board.dataSha256, regulator.dataSha256];
		};
		const before = await hashes();
		const data = await gatherRegulatorPackData(ctx(), 'ZB1', PAST);
		const registerBefore = await getAssuranceRegister(ctx(), 'ZB1', PAST.asOf);
		const appsBefore = registerBefore.messagingApps;
		// The assurance register's findings that stood at the end of the period: some closed by then, some open.
		const closedThen = registerBefore.findings.filter((f) => f.status !== 'open');
		const openThen = registerBefore.findings.filter((f) => f.status === 'open');
		expect(closedThen.length).toBeGreaterThan(0);
		expect(openThen.length).toBeGreaterThan(0);

		// Today: every action completed, a new one added, a response rewritten, evidence and a finding added,
		// an app approved and another withdrawn, and spend dated after the period.
		const plan = await getImprovementPlan(ctx(), 'ZB1', '2024-25', today());
		for (const a of plan.actions) {
			await updateAction(ctx(), 'ZB1', a.id, { title: `${a.title} (revised)`, owner: 'Chief Executive', dueOn: '2026-12-31', status: 'completed' });
		}
		await createAction(ctx(), 'ZB1', '2024-25', 'B2.a', { title: 'A new action', owner: 'SIRO', dueOn: '2027-01-31', status: 'open' });
		await saveSelfAssessment(ctx(), 'ZB1', '2024-25', 'B2.a', {
			level: 'not_achieved',
			rationale: 'Rewritten in December 2026.',
			owner: 'SIRO',
			hardGateMet: 'no'
		});
		await addEvidence(ctx(), 'ZB1', '2024-25', 'B2.a', { name: 'mfa-policy.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n% evidence written later\n') });
		await recordFinding(ctx(), 'ZB1', '2024-25', 'B2.a', { verdict: 'overstated', note: 'Found in December 2026.' });
		await approveMessagingApp(ctx(), 'ZB1', { name: 'WhatsApp', activeUsers: null, activeUsersOn: null });
		for (const app of await listApprovedApps(ctx(), 'ZB1')) if (app.name !== 'WhatsApp') await withdrawMessagingApp(ctx(), 'ZB1', app.id);
		await createSpendLines(ctx(), 'ZB1', [{ spentOn: '2026-11-30', category: 'staff', expenseType: 'opex', amountPence: 1_000_000 }]);
		// Findings of the assurance register: those closed by the period's end reopened today (the register then
		// forgets when they were closed), those open then remediated in December 2026.
		for (const f of closedThen) await resolveFinding(ctx(), 'ZB1', f.reference, { status: 'open' });
		for (const f of openThen) await resolveFinding(ctx(), 'ZB1', f.reference, { status: 'remediated', remediatedOn: '2026-12-01' });
		// The changes are there today (London's: the day they were made, whenever the test runs)...
		const registerNow = await getAssuranceRegister(ctx(), 'ZB1', today());
		for (const f of closedThen) expect(registerNow.findings.find((n) => n.reference === f.reference)).toMatchObject({ status: 'open', remediatedOn: null });
		for (const f of openThen)
			expect(registerNow.findings.find((n) => n.reference === f.reference)).toMatchObject({ status: 'remediated', remediatedOn: '2026-12-01' });
		const after = await gatherRegulatorPackData(ctx(), 'ZB1', parsePeriod('2026-27')!);
		expect(after.plan.actions.filter((a) => a.status === 'completed').length).toBe(plan.actions.length);
		expect(after.objectives.flatMap((o) => o.principles.flatMap((p) => p.outcomes)).find((o) => o.id === 'B2.a')).toMatchObject({
			rationale: 'Rewritten in December 2026.',
			evidence: [expect.objectContaining({ fileName: 'mfa-policy.pdf' })],
			finding: expect.objectContaining({ verdict: 'overstated' })
		});
		// ...and the 2024-25 packs are what they were.
		expect(await gatherRegulatorPackData(ctx(), 'ZB1', PAST)).toEqual(data);
		expect((await getAssuranceRegister(ctx(), 'ZB1', PAST.asOf)).messagingApps).toEqual(appsBefore);
		expect((await getAssuranceRegister(ctx(), 'ZB1', PAST.asOf)).findings).toEqual(registerBefore.findings);
		expect(await hashes()).toEqual(before);

		// An assessment submitted today was a draft as at the end of the period.
		await sql`update assessment set status = 'submitted', submitted_at = now()
			where organisation_id = (select id from organisation where ods_code = 'ZB1')`.execute(database.db);
		expect((await gatherRegulatorPackData(ctx(), 'ZB1', parsePeriod('2026-27')!)).assessmentStatus).toBe('submitted');
		expect((await gatherRegulatorPackData(ctx(), 'ZB1', PAST)).assessmentStatus).toBe('draft');
	}, 180_000);
});
