import { describe, expect, it } from 'vitest';
import { boardPack } from '../../reports/board-pack';
import { META, sample, textOf } from '../helpers/board-pack-sample';

/** What version 3 of the board pack's data adds: the cover sheet and commentary, returns, assumptions; and its type size. */
describe('the board pack as it goes to a board', () => {
	it('prints the cover sheet and the commentary entered before generation, or says none was entered', () => {
		const text = textOf(sample());
		for (const s of [
			'Cover sheet',
			'Trust Board (public), 30 April 2026, item 9',
			'For assurance',
			'The board is asked to note the assurance given and approve the MFA recovery plan.',
			'Alex Reed, Chief Digital Officer',
			'Sam Patel, Head of IT Security',
			'BAF 7: a cyber attack disrupts clinical services',
			'Training recovered after the winter.\nMFA for remote access is the one hard gate left; the plan closes it by June.'
		])
			expect(text).toContain(s);
		const bare = textOf({ ...sample(), coverSheet: null });
		expect(bare).toContain('No cover sheet was entered when this pack was generated');
		expect(bare).toContain('No commentary was entered when this pack was generated.');
		expect(bare.match(/Not given when the pack was generated/g)).toHaveLength(6);
		const noBaf = textOf({ ...sample(), coverSheet: { ...sample().coverSheet!, bafRisk: null, commentary: null } });
		expect(noBaf).toContain('None named');
		expect(noBaf).toContain('No commentary was entered when this pack was generated.');
	});

	it("puts each investment's modelled and observed return in the pack, with the assumptions beside it", () => {
		const text = textOf(sample());
		for (const s of [
			'Return on each investment',
			'ROSI −75.0 %',
			'Loss avoided £52,500 a year (ALE £75,000 × mitigation 70.0 %) against a cost of £210,000 a year: a net loss of £157,500.',
			'Incidents −73.3 %; cost −98.3 %',
			'Before: 1 April 2024 to 31 March 2025: 15 incidents, £62,883 recorded cost. After: 1 April 2025 to 31 March 2026: 4 incidents, £1,038 recorded cost.',
			'No annual cost is recorded, and ROSI divides by it',
			'No go-live date is recorded, so there is no before and after to compare.',
			"MDM rollout: Beacon's default cost per incident (lost stolen device £5,000).",
			'MDM rollout: Beacon planning assumption (no published NHS figure).'
		])
			expect(text).toContain(s);
		// Sources that are the organisation's own data are not listed as assumptions.
		expect(text).not.toContain('MDM rollout: 15 incidents of the targeted kinds');
		// A pack frozen before returns were (version 2) says so rather than showing none.
		const { returns: _r, ...old } = sample();
		expect(textOf({ ...old, version: 2 })).toContain('This pack was made before Beacon froze investment returns with its data');
		expect(textOf({ ...sample(), returns: { asOf: '2026-03-31', investments: [] } })).toContain(
			'No investments are recorded in Beacon, so there are no returns to report.'
		);
	});

	it('says which profile levels and thresholds are assumed, and which outcomes hold no evidence', () => {
		const text = textOf(sample());
		expect(text).toContain('NHS England publishes the profile level of 1 outcome (B2.a). The other 3 are Beacon’s assumption');
		expect(text).toContain('the 1 data rule below uses Beacon’s default thresholds');
		expect(text).toMatch(/B3\.d\n(left\n)?Encrypted devices\n(left\n)?Achieved at ≥ 95 %, Partially achieved at ≥ 80 %, else Not achieved/);
		expect(text).toContain('No evidence file is held on 31 March 2026 for 2 of the 4 outcomes: A1.a and C1.a.');
		// Named on the outcome's row too, when some outcomes do hold evidence.
		expect(text).toMatch(/Above profile\nno evidence held/);
		const none = textOf({ ...sample(), assumptions: { ...sample().assumptions!, noEvidence: ['A1.a', 'B2.a', 'B3.d', 'C1.a'] } });
		expect(none).toContain('No evidence file is held for any of the 4 outcomes on 31 March 2026');
		expect(none).not.toContain('no evidence held');
		const all = textOf({ ...sample(), assumptions: { ...sample().assumptions!, noEvidence: [], assumedThresholds: [] } });
		expect(all).toContain('An evidence file is held for every outcome on 31 March 2026.');
		expect(all).toContain('No data rule of this edition uses a threshold of Beacon’s own.');
		expect(textOf({ ...sample(), assumptions: undefined })).toContain('This pack was made before Beacon froze which profile levels and thresholds are assumed');
	});

	it('sets every table in the pack at 9 pt or more', () => {
		const sizes: number[] = [];
		const walk = (node: unknown): void => {
			if (Array.isArray(node)) node.forEach(walk);
			else if (node && typeof node === 'object') {
				const n = node as { table?: unknown; fontSize?: number };
				if (n.table) sizes.push(n.fontSize ?? 9.5);
				Object.values(node).forEach(walk);
			}
		};
		walk(boardPack(sample(), META).content);
		expect(sizes.length).toBeGreaterThan(10);
		expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
	});
});
