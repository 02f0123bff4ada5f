import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { getScorecardPage, type ScorecardPage } from '../../src/lib/server/assessment/page';
import { narrowScorecardPage } from '../../src/lib/server/assessment/scorecard-filter';
import { getImprovementPlan } from '../../src/lib/server/assessment/page';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: systemActor('test') });
const AS_OF = '2026-09-30';
let page: ScorecardPage;
const ids = (p: ScorecardPage) => p.objectives.flatMap((o) => o.principles.flatMap((x) => x.outcomes.map((r) => r.id)));

beforeAll(async () => {
	database = await openTestDatabase('demo');
	page = await getScorecardPage(ctx(), 'ZB1', '2024-25', AS_OF);
}, 120_000);
afterAll(async () => {
	await database?.close();
});

describe(`the scorecard narrowed to what needs attention, on the demo on ${testBackend()}`, () => {
	it('shows the gaps the scorecard judges, the outcomes it flags, and those with actions the plan lists as overdue', async () => {
		const gaps = narrowScorecardPage(page, 'gaps');
		expect(ids(gaps)).toEqual(page.scorecard.outcomes.filter((o) => o.gap).map((o) => o.id));
		const flags = narrowScorecardPage(page, 'flags');
		expect(flags.view).toEqual({ show: 'flags', shown: page.counts.disagreements, total: 47 });
		expect(ids(flags)).toEqual(page.scorecard.outcomes.filter((o) => o.disagreement).map((o) => o.id));
		// Overdue as the improvement plan of the same date has it, counted by outcome.
		const plan = await getImprovementPlan(ctx(), 'ZB1', '2024-25', AS_OF);
		const overdueOutcomes = new Set(plan.actions.filter((a) => a.overdue).map((a) => a.outcome));
		const overdue = narrowScorecardPage(page, 'overdue');
		expect(new Set(ids(overdue))).toEqual(overdueOutcomes);
		const attention = narrowScorecardPage(page, 'attention');
		expect(new Set(ids(attention))).toEqual(new Set([...ids(gaps), ...ids(flags), ...ids(overdue)]));
		// The demo has something in each, and fewer than every outcome needs attention.
		expect(flags.view.shown).toBeGreaterThan(0);
		expect(attention.view.shown).toBeLessThan(47);
		// Status, counts and plan are the whole scorecard's.
		expect(attention.counts).toEqual(page.counts);
		expect(attention.scorecard).toBe(page.scorecard);
	});
});
