import { z } from 'zod';
import { parseInput } from '../errors';

/**
 * Return on security investment as ENISA models it ("Introduction to Return on Security Investment", 2012):
 *
 *   ALE  = SLE × ARO                                   (annual loss expectancy)
 *   ROSI = (ALE × mitigation ratio − annual cost) ÷ annual cost
 *
 * Money is whole pence. ALE and the loss avoided (ALE × mitigation) are each rounded to whole pence, half
 * away from zero (£0.005 → 1p, as a finance ledger would), and ROSI is worked out from those rounded
 * figures so a reader can redo the sum from what the page or the command shows. ROSI is a ratio: 1 means
 * the control avoids twice what it costs (a 100 % return), 0 that it pays for itself, −1 that it avoids
 * nothing.
 */

export const rosiInputs = z.object({
	slePence: z.number().int('the single loss expectancy is whole pence').min(0, 'the single loss expectancy cannot be negative'),
	aro: z.number().finite('the annual rate of occurrence must be a number').min(0, 'the annual rate of occurrence cannot be negative'),
	mitigation: z.number().min(0, 'the mitigation ratio runs from 0 to 1').max(1, 'the mitigation ratio runs from 0 to 1'),
	annualCostPence: z.number().int('the annual cost is whole pence').positive('the annual cost must be more than 0 (ROSI divides by it)')
});
export type RosiInputs = z.infer<typeof rosiInputs>;

export interface RosiResult {
	inputs: RosiInputs;
	/** Annual loss expectancy: SLE × ARO, whole pence. */
	alePence: number;
	/** The loss the control is expected to avoid each year: ALE × mitigation ratio, whole pence. */
	avoidedPence: number;
	/** Loss avoided less the annual cost. */
	netBenefitPence: number;
	/** (avoided − cost) ÷ cost. */
	rosi: number;
}

/** To whole pence, half away from zero: 2.5 → 3, −2.5 → −3 (Math.round would give −2). */
export function roundPence(value: number): number {
	return Math.sign(value) * Math.round(Math.abs(value));
}

/** ALE and ROSI from the four ENISA inputs; a ValidationError names any input that breaks its rule. */
export function calculateRosi(input: RosiInputs): RosiResult {
	const inputs = parseInput(rosiInputs, 'ROSI inputs', input);
	const alePence = roundPence(inputs.slePence * inputs.aro);
	const avoidedPence = roundPence(alePence * inputs.mitigation);
	const netBenefitPence = avoidedPence - inputs.annualCostPence;
	return { inputs, alePence, avoidedPence, netBenefitPence, rosi: netBenefitPence / inputs.annualCostPence };
}
