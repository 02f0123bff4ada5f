import { z } from 'zod';
import { isoDate, optionalText, pence, requiredText } from './common';

export const SPEND_CATEGORIES = [
	'mdm',
	'secure_messaging',
	'training',
	'assurance',
	'penetration_testing',
	'endpoint_protection',
	'network_security',
	'identity_access',
	'backup_recovery',
	'monitoring',
	'staff',
	'other'
] as const;
export type SpendCategory = (typeof SPEND_CATEGORIES)[number];

export const EXPENSE_TYPES = ['capex', 'opex'] as const;
export type ExpenseType = (typeof EXPENSE_TYPES)[number];

export const investmentInput = z.object({
	name: requiredText(200),
	description: optionalText(2000),
	category: z.enum(SPEND_CATEGORIES),
	goLiveOn: isoDate.optional(),
	annualCostPence: pence.default(0),
	targetedCategories: z.array(z.string()).default([])
});
export type InvestmentInput = z.input<typeof investmentInput>;

export const spendLineInput = z.object({
	spentOn: isoDate,
	category: z.enum(SPEND_CATEGORIES),
	expenseType: z.enum(EXPENSE_TYPES),
	amountPence: pence,
	costCentre: optionalText(100),
	supplier: optionalText(200),
	description: optionalText(500),
	fundingSource: optionalText(200),
	investmentName: optionalText(200)
});
export type SpendLineInput = z.input<typeof spendLineInput>;
