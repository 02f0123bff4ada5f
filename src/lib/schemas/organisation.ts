import { z } from 'zod';
import { odsCode, requiredText } from './common';

export const ORGANISATION_KINDS = ['trust', 'icb', 'csu', 'alb', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const organisationInput = z.object({
	ods: odsCode,
	name: requiredText(200),
	kind: z.enum(ORGANISATION_KINDS),
	parentOds: odsCode.optional(),
	primarySector: z.string().trim().max(200).optional()
});
export type OrganisationInput = z.input<typeof organisationInput>;

export const headcountInput = z.object({
	financialYear: z.number().int().min(2000).max(2100),
	headcount: z.number().int().nonnegative()
});
export type HeadcountInput = z.input<typeof headcountInput>;
