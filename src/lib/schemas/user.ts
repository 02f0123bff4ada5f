import { z } from 'zod';
import { odsCode, requiredText } from './common';

export const ROLES = ['admin', 'it_lead', 'board', 'regulator', 'assessor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	admin: 'Administrator',
	it_lead: 'IT and security lead',
	board: 'Board member',
	regulator: 'Regulator',
	assessor: 'Independent assessor'
};

export const email = z
	.string()
	.trim()
	.toLowerCase()
	.pipe(z.email({ message: 'an e-mail address looks like name@example.nhs.uk' }));

export const userInput = z.object({
	email,
	name: requiredText(200)
});
export type UserInput = z.input<typeof userInput>;

export const grantInput = z.object({ role: z.enum(ROLES), ods: odsCode.optional() }).refine((g) => (g.role === 'admin') === (g.ods === undefined), {
	message: 'admin is held for the whole instance; every other role needs an organisation',
	path: ['ods']
});
export type GrantInput = z.input<typeof grantInput>;

/** Local account passwords: long enough to resist guessing, short enough to type. */
export const password = z.string().min(12, 'a password has at least 12 characters').max(200);
