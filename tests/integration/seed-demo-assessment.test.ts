import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { getScorecard } from '../../src/lib/server/scorecard/service';
import type { SeedOutcome } from '../../src/lib/server/seed/demo';
import { DEMO_END } from '../../src/lib/server/seed/demo-profile';
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
		expect(outcome.assessmentResponses).toBe(4 * 47);
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
			['ZB4', 47]
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
});
