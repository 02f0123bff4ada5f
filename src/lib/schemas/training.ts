import { z } from 'zod';
import { isoDate, requiredText } from './common';

export const trainingRecordInput = z
	.object({
		/** Pseudonymised staff key (a keyed hash), never an employee number. */
		staffKey: z.string().min(8).max(128),
		staffGroup: requiredText(100),
		department: requiredText(200),
		course: requiredText(300),
		isRequired: z.boolean(),
		isBoardMember: z.boolean().default(false),
		completedOn: isoDate.optional(),
		expiresOn: isoDate.optional()
	})
	.refine((r) => !r.completedOn || !r.expiresOn || r.expiresOn >= r.completedOn, {
		message: 'expiry date is before completion date',
		path: ['expiresOn']
	});
export type TrainingRecordInput = z.input<typeof trainingRecordInput>;
