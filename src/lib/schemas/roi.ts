import { z } from 'zod';

/**
 * The what-if form of the returns page: one investment's ENISA inputs, as a reader types them (money in
 * pounds, up to two decimals), turned into the service's units (whole pence). Blank fields are left out
 * and keep their defaults.
 */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const number = (message: string) => z.preprocess(blankToUndefined, z.coerce.number({ message }).finite(message).optional());
const pounds = (message: string) =>
	number(message).refine((v) => v === undefined || Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'write pounds with at most two decimals (pence)');

export const whatIfQuery = z
	.object({
		investment: z.string().trim().min(1).max(200),
		sle: pounds('the single loss expectancy is an amount in pounds').refine((v) => v === undefined || v >= 0, 'the single loss expectancy cannot be negative'),
		aro: number('the annual rate of occurrence is a number').refine((v) => v === undefined || v >= 0, 'the annual rate of occurrence cannot be negative'),
		mitigation: number('the mitigation ratio is a number from 0 to 1').refine(
			(v) => v === undefined || (v >= 0 && v <= 1),
			'the mitigation ratio runs from 0 to 1'
		),
		cost: pounds('the annual cost is an amount in pounds').refine((v) => v === undefined || v > 0, 'the annual cost must be more than £0')
	})
	.transform((q) => ({
		investment: q.investment,
		slePence: q.sle === undefined ? undefined : Math.round(q.sle * 100),
		aro: q.aro,
		mitigation: q.mitigation,
		annualCostPence: q.cost === undefined ? undefined : Math.round(q.cost * 100)
	}));
export type WhatIf = z.output<typeof whatIfQuery>;
