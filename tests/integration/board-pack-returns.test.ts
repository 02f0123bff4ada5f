import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardPackData } from '../../reports/board-pack';
import { getScorecardPage } from '../../src/lib/server/assessment/page';
import { systemActor } from '../../src/lib/server/auth/actor';
import { gatherBoardPackData } from '../../src/lib/server/reports/board-data';
import { parsePeriod } from '../../src/lib/server/reports/period';
import { getInvestmentReturns } from '../../src/lib/server/roi/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { recordedLongAgo } from './helpers/clock';

let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: systemActor('test'), clock: recordedLongAgo });
const PERIOD = parsePeriod('2025-26', '2026-11-23')!;
const AS_OF = PERIOD.asOf;
let data: BoardPackData;

beforeAll(async () => {
	database = await openTestDatabase('demo');
	data = await gatherBoardPackData(ctx(), 'ZB1', PERIOD);
}, 180_000);
afterAll(async () => {
	await database?.close();
});

describe(`what a demo trust's board pack adds for the board on ${testBackend()}`, () => {
	it("freezes each investment's returns as the returns page shows them on the pack's date", async () => {
		const page = await getInvestmentReturns(ctx(), 'ZB1', AS_OF);
		expect(data.returns!.asOf).toBe(AS_OF);
		expect(data.returns!.investments.map((v) => v.name)).toEqual(page.investments.map((v) => v.name));
		for (const [i, v] of page.investments.entries()) {
			const packed = data.returns!.investments[i]!;
			expect(packed.modelled?.rosi ?? null).toBe(v.modelled.result?.rosi ?? null);
			expect(packed.modelled?.netBenefitPence ?? null).toBe(v.modelled.result?.netBenefitPence ?? null);
			expect(packed.observed?.before.incidents ?? null).toBe(v.observed?.before.incidents ?? null);
			expect(packed.observed?.after.costPence ?? null).toBe(v.observed?.after.costPence ?? null);
			expect(packed.observed?.incidentsChange ?? null).toBe(v.observed?.change.incidentsFraction ?? null);
		}
		// The demo's MDM rollout went live in the year: both a modelled and an observed return.
		const mdm = data.returns!.investments.find((v) => v.name === 'MDM rollout')!;
		expect(mdm.modelled).not.toBeNull();
		expect(mdm.observed).not.toBeNull();
		expect(mdm.modelled!.sources.filter((s) => s.assumed).map((s) => s.input)).toContain('mitigation');
	});

	it('says which profile levels and thresholds of the edition are assumed, and which outcomes hold no evidence on the date', async () => {
		const a = data.assumptions!;
		expect(a.outcomes).toBe(47);
		// DOMAIN.md: five profile levels are published for 2024-25 (B2.a, B4.a, B5.a, C1.a, E1.a); the rest are assumed.
		expect(a.publishedProfiles).toEqual(['B2.a', 'B4.a', 'B5.a', 'C1.a', 'E1.a']);
		expect(a.assumedProfiles).toHaveLength(42);
		expect(a.assumedThresholds.find((t) => t.outcome === 'B6.b')).toEqual({
			outcome: 'B6.b',
			metric: 'training completion',
			thresholds: 'Achieved at ≥ 95 %, Partially achieved at ≥ 80 %, else Not achieved'
		});
		const page = await getScorecardPage(ctx(), 'ZB1', data.edition!, AS_OF);
		const held = page.objectives.flatMap((o) => o.principles.flatMap((p) => p.outcomes)).filter((o) => o.evidenceFiles > 0);
		expect(a.noEvidence).toHaveLength(47 - held.length);
		for (const o of held) expect(a.noEvidence).not.toContain(o.id);
	});
});
