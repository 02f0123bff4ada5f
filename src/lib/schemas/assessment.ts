import { z } from 'zod';
import { isoDate, optionalText, requiredText } from './common';

export const SELF_LEVELS = ['not_achieved', 'partially_achieved', 'achieved'] as const;

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'locked'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'completed', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
	open: 'Open',
	in_progress: 'In progress',
	completed: 'Completed',
	cancelled: 'Cancelled'
};

/** An assessor's verdict on whether the evidence supports the level an organisation claims. */
export const VERDICTS = ['supported', 'overstated', 'understated', 'insufficient_evidence'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABELS: Record<Verdict, string> = {
	supported: 'Evidence supports the level claimed',
	overstated: 'Level claimed is higher than the evidence supports',
	understated: 'Level claimed is lower than the evidence supports',
	insufficient_evidence: 'Not enough evidence to judge'
};

/** An empty form field means "not given". */
const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * One outcome's self-assessment. The level may be left unanswered (null); a hard gate is confirmed met
 * (true), confirmed not met (false) or not answered (null).
 */
export const selfAssessmentInput = z.object({
	level: z
		.preprocess(blankAsUndefined, z.enum(SELF_LEVELS, { error: 'choose Not achieved, Partially achieved or Achieved' }).optional())
		.transform((v) => v ?? null),
	rationale: z.preprocess(blankAsUndefined, optionalText(5000)).transform((v) => v ?? null),
	owner: z.preprocess(blankAsUndefined, optionalText(200)).transform((v) => v ?? null),
	reviewOn: z.preprocess(blankAsUndefined, isoDate.optional()).transform((v) => v ?? null),
	hardGateMet: z
		.preprocess(blankAsUndefined, z.enum(['yes', 'no'], { error: 'answer yes or no' }).optional())
		.transform((v) => (v === undefined ? null : v === 'yes'))
});
export type SelfAssessmentInput = z.input<typeof selfAssessmentInput>;

export const actionInput = z.object({
	title: requiredText(500),
	owner: z.preprocess(blankAsUndefined, optionalText(200)).transform((v) => v ?? null),
	dueOn: z.preprocess(blankAsUndefined, isoDate.optional()).transform((v) => v ?? null),
	status: z.preprocess(blankAsUndefined, z.enum(ACTION_STATUSES, { error: 'choose a status' }).default('open')),
	progressNote: z.preprocess(blankAsUndefined, optionalText(5000)).transform((v) => v ?? null)
});
export type ActionInput = z.input<typeof actionInput>;

export const findingInput = z.object({
	verdict: z.enum(VERDICTS, { error: 'choose a verdict' }),
	note: requiredText(5000)
});
export type FindingInput = z.input<typeof findingInput>;
