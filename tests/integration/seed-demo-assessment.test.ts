import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { getScorecard } from '../../src/lib/server/scorecard/service';
import { DEMO_PUBLIC_STATUS, type SeedOutcome } from '../../src/lib/server/seed/demo';
import { DEMO_END } from '../../src/lib/server/seed/demo-profile';
import { getImprovementPlanPage } from '../../src/lib/server/assessment/page-plan';
import { getPeerBenchmarks } from '../../src/lib/server/benchmark/peers';
import { getStatusDistribution } from '../../src/lib/server/benchmark/public-status';
import { countRows, statusRowsOf } from './helpers/public-status-counts';
import { demoSeedOutcome, openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const ctx = () => ({ db: database.db, actor: systemActor('test') });
let database: TestDatabase;
let outcome: SeedOutcome;
beforeAll(async () => {
	// The shipped frameworks, then the demo: loaded once per run into a template, with what seedDemo reported.
	database = await openTestDatabase('demo');
	outcome = demoSeedOutcome();
}, 120_000);
afterAll(async () => {
	await database?.close();
});

describe(`the demo's self-assessments on ${testBackend()}`, () => {
	it('self-assesses every outcome of the DSPT 2024-25 at each trust, not at the ICB', async () => {
		expect(outcome.assessmentResponses).toBe(5 * 47);
		const rows = await database.db
			.selectFrom('assessment as a')
			.innerJoin('organisation as o', 'o.id', 'a.organisation_id')
			.select([
				'o.ods_code',
				(eb) =>
					eb
						.selectFrom('assessment_response as r')
						.whereRef('r.assessment_id', '=', 'a.id')
						.select((e) => e.fn.countAll<number>().as('n'))
						.as('responses')
			])
			.orderBy('o.ods_code')
			.execute();
		expect(rows.map((r) => [r.ods_code, Number(r.responses)])).toEqual([
			['ZB1', 47],
			['ZB2', 47],
			['ZB3', 47],
			['ZB4', 47],
			['ZB5', 47]
		]);
		expect(
			Number(
				(
					await database.db
						.selectFrom('improvement_action')
						.select((e) => e.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			)
		).toBe(outcome.improvementActions);
	});

	it('tells the story the demo is for: Borchester reaches Standards Met after its MDM rollout; the others are Approaching or Not Met', async () => {
		const status = async (ods: string, asOf: string) => (await getScorecard(ctx(), ods, '2024-25', asOf)).status;
		expect(await status('ZB1', '2025-03-31')).toBe('Standards Not Met');
		expect(await status('ZB1', DEMO_END)).toBe('Standards Met');
		expect(await status('ZB2', DEMO_END)).toBe('Approaching Standards');
		expect(await status('ZB3', DEMO_END)).toBe('Standards Not Met');
		expect(await status('ZB4', DEMO_END)).toBe('Approaching Standards');
		// Some claims are above what the data shows, so assessors have something to question.
		const zb3 = await getScorecard(ctx(), 'ZB3', '2024-25', DEMO_END);
		expect(zb3.outcomes.some((o) => o.disagreement)).toBe(true);
	});

	it("judges the assurance outcomes from each trust's own history: some Achieved, some Partially, some Not achieved", async () => {
		const trusts = ['ZB1', 'ZB2', 'ZB3', 'ZB4'];
		const codes = ['A2.b', 'B4.d', 'B6.a', 'B3.b'];
		for (const asOf of ['2026-03-31', DEMO_END]) {
			const cards = await Promise.all(trusts.map((ods) => getScorecard(ctx(), ods, '2024-25', asOf)));
			const level = (ods: string, code: string) => cards[trusts.indexOf(ods)]?.outcomes.find((o) => o.id === code)?.data;
			for (const code of codes) {
				const levels = trusts.map((ods) => level(ods, code));
				expect(levels.every(Boolean), `${code} as of ${asOf}: ${levels.join(', ')}`).toBe(true);
				expect(new Set(levels).size, `${code} as of ${asOf}: ${levels.join(', ')}`).toBeGreaterThan(1);
			}
			expect(new Set(codes.flatMap((code) => trusts.map((ods) => level(ods, code))))).toEqual(new Set(['Achieved', 'Partially achieved', 'Not achieved']));
			// Borsetshire Community's phishing results stay poor; Borchester's turn round after training.
			expect(level('ZB3', 'B6.a')).toBe('Not achieved');
			expect(level('ZB1', 'B6.a')).toBe('Achieved');
		}
		// In March 2026 Borsetshire Community has had no assessment or test for a year (its assessment slipped to June).
		expect((await getScorecard(ctx(), 'ZB3', '2024-25', '2026-03-31')).outcomes.find((o) => o.id === 'A2.b')?.data).toBe('Not achieved');
		expect((await getScorecard(ctx(), 'ZB1', '2024-25', DEMO_END)).outcomes.find((o) => o.id === 'B3.b')?.data).toBe('Achieved');
	});

	it("shows the product on the demo IT lead's trust: evidence, assessor findings, claims in question, open and overdue actions", async () => {
		expect(outcome).toMatchObject({ evidenceFiles: 4, veracityFindings: 3 });
		const evidence = await database.db
			.selectFrom('evidence_file as e')
			.innerJoin('organisation as o', 'o.id', 'e.organisation_id')
			.select(['o.ods_code', 'e.file_name', 'e.uploaded_at'])
			.orderBy('e.file_name')
			.execute();
		expect(evidence.map((e) => [e.ods_code, e.file_name])).toEqual([
			['ZB1', 'backup-restore-tests-2026.csv'],
			['ZB1', 'incident-response-exercise-2026-03.txt'],
			['ZB1', 'information-asset-register-2026-08.csv'],
			['ZB1', 'records-management-audit-2026.txt']
		]);
		// Uploaded before the demo's end, so its overview (as of 30 September 2026) counts them.
		expect(evidence.every((e) => new Date(e.uploaded_at).toISOString() < '2026-09-30')).toBe(true);

		const plan = await getImprovementPlanPage(ctx(), 'ZB1', '2024-25', DEMO_END);
		// ZB1's claims in question as of its end: B3.d, C1.d and D2.a above the data (each gets an action), B4.d
		// because the assessor found it overstated.
		expect(plan.veracity.map((v) => v.outcome)).toEqual(['B3.d', 'B4.d', 'C1.d', 'D2.a']);
		const review = plan.actions.filter((a) => a.title.startsWith('Show '));
		expect(review.map((a) => [a.outcome, a.status, a.dueOn, a.overdue])).toEqual([
			['B3.d', 'open', '2026-08-28', true],
			['C1.d', 'in_progress', '2026-09-18', true],
			['D2.a', 'open', '2026-12-18', false]
		]);
		// Overdue first.
		expect(plan.actions.slice(0, 2).map((a) => a.overdue)).toEqual([true, true]);
		// Still Standards Met: the actions are on outcomes that meet their profile.
		expect((await getScorecard(ctx(), 'ZB1', '2024-25', DEMO_END)).status).toBe('Standards Met');
	});

	it('gives every outcome its own rationale, and lets Loxley Barrett (ZB5) fall behind on two actions', async () => {
		const rationales = await database.db
			.selectFrom('assessment_response as r')
			.innerJoin('assessment as a', 'a.id', 'r.assessment_id')
			.innerJoin('organisation as o', 'o.id', 'a.organisation_id')
			.select(['o.ods_code', 'r.rationale'])
			.execute();
		for (const ods of ['ZB1', 'ZB2', 'ZB3', 'ZB4', 'ZB5']) {
			const own = rationales.filter((r) => r.ods_code === ods).map((r) => r.rationale);
			expect(new Set(own).size, ods).toBe(47);
		}
		const zb5 = await getImprovementPlanPage(ctx(), 'ZB5', '2024-25', DEMO_END);
		expect(zb5.actions.filter((a) => a.overdue).map((a) => a.dueOn)).toEqual(['2026-08-16', '2026-09-10']);
	});

	it('imports the real public status snapshot, and the five trusts make a peer group large enough to show', async () => {
		// The repository's copy of the public sample (data/public), read here with the test's own CSV reader.
		const trusts = statusRowsOf(DEMO_PUBLIC_STATUS.path);
		expect(outcome.publicStatuses).toBe(trusts.length);
		expect(await getStatusDistribution(ctx(), { edition: '22/23', asOf: DEMO_END })).toEqual({ edition: '22/23', scope: 'national', ...countRows(trusts) });
		const peers = await getPeerBenchmarks(ctx(), 'ZB1', DEMO_END);
		for (const metric of peers.metrics) expect(metric.group, metric.key).toMatchObject({ shown: true });
		expect(peers.metrics.find((m) => m.key === 'training')?.group).toMatchObject({ shown: true, size: 5 });
	});
});
