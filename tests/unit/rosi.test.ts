import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/lib/server/errors';
import { calculateRosi, roundPence } from '../../src/lib/server/roi/rosi';

describe('ENISA ROSI', () => {
	it('works the hand example: SLE £10,000, ARO 4, mitigation 0.75, cost £15,000 → ALE £40,000, ROSI 1.0', () => {
		const r = calculateRosi({ slePence: 1_000_000, aro: 4, mitigation: 0.75, annualCostPence: 1_500_000 });
		expect(r).toEqual({
			inputs: { slePence: 1_000_000, aro: 4, mitigation: 0.75, annualCostPence: 1_500_000 },
			alePence: 4_000_000,
			avoidedPence: 3_000_000,
			netBenefitPence: 1_500_000,
			rosi: 1
		});
	});

	it('gives 0 when the loss avoided equals the cost, and −1 when nothing is avoided', () => {
		// £2,500 × 2 = £5,000; × 0.4 = £2,000 against £2,000.
		expect(calculateRosi({ slePence: 250_000, aro: 2, mitigation: 0.4, annualCostPence: 200_000 }).rosi).toBe(0);
		expect(calculateRosi({ slePence: 250_000, aro: 0, mitigation: 0.9, annualCostPence: 200_000 })).toMatchObject({ alePence: 0, rosi: -1 });
		expect(calculateRosi({ slePence: 250_000, aro: 3, mitigation: 0, annualCostPence: 100_000 })).toMatchObject({
			alePence: 750_000,
			avoidedPence: 0,
			rosi: -1
		});
	});

	it('rounds to whole pence half away from zero, and works ROSI from the rounded figures', () => {
		expect([roundPence(2.5), roundPence(-2.5), roundPence(2.4999), roundPence(0)]).toEqual([3, -3, 2, 0]);
		// 333p × 1.5 = 499.5p → 500p; × 0.5 = 250p; (250 − 100) ÷ 100 = 1.5.
		expect(calculateRosi({ slePence: 333, aro: 1.5, mitigation: 0.5, annualCostPence: 100 })).toMatchObject({ alePence: 500, avoidedPence: 250, rosi: 1.5 });
		// 101p × 1 = 101p; × 0.5 = 50.5p → 51p.
		expect(calculateRosi({ slePence: 101, aro: 1, mitigation: 0.5, annualCostPence: 51 })).toMatchObject({ avoidedPence: 51, rosi: 0 });
	});

	it('rejects inputs outside their ranges, naming the field', () => {
		const bad = [
			{ slePence: -1, aro: 1, mitigation: 0.5, annualCostPence: 1, field: 'slePence' },
			{ slePence: 1.5, aro: 1, mitigation: 0.5, annualCostPence: 1, field: 'slePence' },
			{ slePence: 1, aro: -0.1, mitigation: 0.5, annualCostPence: 1, field: 'aro' },
			{ slePence: 1, aro: Number.NaN, mitigation: 0.5, annualCostPence: 1, field: 'aro' },
			{ slePence: 1, aro: 1, mitigation: 1.01, annualCostPence: 1, field: 'mitigation' },
			{ slePence: 1, aro: 1, mitigation: -0.01, annualCostPence: 1, field: 'mitigation' },
			{ slePence: 1, aro: 1, mitigation: 0.5, annualCostPence: 0, field: 'annualCostPence' }
		];
		for (const { field, ...input } of bad) {
			let error: unknown;
			try {
				calculateRosi(input);
			} catch (e) {
				error = e;
			}
			expect(error, field).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).problems.map((p) => p.field)).toEqual([field]);
		}
		// The edges are allowed.
		expect(calculateRosi({ slePence: 0, aro: 0, mitigation: 1, annualCostPence: 1 }).rosi).toBe(-1);
	});
});
