import { z } from 'zod';
import { instant, optionalText, pence } from './common';

export const BREACH_TYPES = ['confidentiality', 'integrity', 'availability'] as const;
export type BreachType = (typeof BREACH_TYPES)[number];
export const INCIDENT_CATEGORIES = [
	'misdirected',
	'lost_stolen_device',
	'lost_stolen_paper',
	'unauthorised_access',
	'phishing',
	'malware_ransomware',
	'system_unavailability',
	'insider_misuse',
	'unapproved_messaging',
	'other'
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];
export const isIncidentCategory = (value: string): value is IncidentCategory => (INCIDENT_CATEGORIES as readonly string[]).includes(value);
export const INCIDENT_STATUSES = ['open', 'investigating', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

const grade = z.number().int().min(1, 'grades run from 1 to 5').max(5, 'grades run from 1 to 5');

export const incidentInput = z
	.object({
		reference: z.string().trim().min(1).max(100),
		occurredAt: instant.optional(),
		detectedAt: instant,
		notifiedAt: instant.optional(),
		containedAt: instant.optional(),
		closedAt: instant.optional(),
		breachType: z.enum(BREACH_TYPES),
		category: z.enum(INCIDENT_CATEGORIES),
		likelihood: grade,
		severity: grade,
		status: z.enum(INCIDENT_STATUSES).default('open'),
		recordsAffected: z.number().int().nonnegative().optional(),
		costPence: pence.optional(),
		description: optionalText(5000),
		rootCause: optionalText(5000),
		isRcaCompleted: z.boolean().default(false),
		lessons: optionalText(5000),
		actions: optionalText(5000)
	})
	.refine((i) => !i.occurredAt || i.detectedAt >= i.occurredAt, {
		message: 'detected before it occurred',
		path: ['detectedAt']
	});
export type IncidentInput = z.input<typeof incidentInput>;
