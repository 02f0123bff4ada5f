import { z } from 'zod';
import { isoDate, optionalText, requiredText } from './common';

export const ACTIVITY_TYPES = [
	'internal_audit',
	'dspt_independent_assessment',
	'penetration_test',
	'cyber_essentials_plus',
	'phishing_exercise',
	'other'
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
	internal_audit: 'Internal audit',
	dspt_independent_assessment: 'DSPT independent assessment',
	penetration_test: 'Penetration test',
	cyber_essentials_plus: 'Cyber Essentials Plus',
	phishing_exercise: 'Phishing exercise',
	other: 'Other'
};

/** Assurance levels (internal audit and the DSPT independent assessment) and certification verdicts. */
export const OPINIONS = ['substantial', 'moderate', 'limited', 'unsatisfactory', 'pass', 'fail'] as const;
export type Opinion = (typeof OPINIONS)[number];

export const OPINION_LABELS: Record<Opinion, string> = {
	substantial: 'Substantial assurance',
	moderate: 'Moderate assurance',
	limited: 'Limited assurance',
	unsatisfactory: 'Unsatisfactory assurance',
	pass: 'Pass',
	fail: 'Fail'
};

export const VERACITY_CONFIDENCES = ['high', 'medium', 'low'] as const;
export type VeracityConfidence = (typeof VERACITY_CONFIDENCES)[number];

export const VERACITY_LABELS: Record<VeracityConfidence, string> = {
	high: 'High confidence in the self-assessment',
	medium: 'Medium confidence in the self-assessment',
	low: 'Low confidence in the self-assessment'
};

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

export const FINDING_STATUSES = ['open', 'remediated', 'risk_accepted'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = { open: 'Open', remediated: 'Remediated', risk_accepted: 'Risk accepted' };

/** An empty form field, or null from a caller, means "not given". */
const blank = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);
const maybe = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional()).transform((v) => v ?? null);
const count = z.coerce.number({ error: 'a whole number' }).int('a whole number').min(0, 'cannot be negative').max(10_000_000);

export const activityInput = z
	.object({
		type: z.enum(ACTIVITY_TYPES, { error: 'choose the kind of activity' }),
		title: requiredText(300),
		provider: maybe(optionalText(200)),
		startedOn: isoDate,
		completedOn: maybe(isoDate),
		scope: maybe(optionalText(2000)),
		opinion: maybe(z.enum(OPINIONS, { error: 'choose an assurance level, or pass or fail' })),
		veracityConfidence: maybe(z.enum(VERACITY_CONFIDENCES, { error: 'choose high, medium or low' })),
		opinionNote: maybe(optionalText(2000))
	})
	.superRefine((a, ctx) => {
		if (a.completedOn && a.completedOn < a.startedOn) {
			ctx.addIssue({ code: 'custom', path: ['completedOn'], message: `the end date ${a.completedOn} is before the start date ${a.startedOn}` });
		}
		if (a.veracityConfidence && a.type !== 'dspt_independent_assessment') {
			ctx.addIssue({ code: 'custom', path: ['veracityConfidence'], message: 'only a DSPT independent assessment gives a confidence in the self-assessment' });
		}
	});
export type ActivityInput = z.input<typeof activityInput>;

/** One row of a phishing exercise's results: all staff (no group) or one staff group. */
export const phishingResultInput = z
	.object({
		staffGroup: z.preprocess((v) => (typeof v === 'string' ? v.trim() : (v ?? '')), z.string().max(100)),
		emailsSent: count.min(1, 'at least one email must have been sent'),
		clicked: count,
		credentialsEntered: maybe(count),
		reported: count
	})
	.superRefine((r, ctx) => {
		if (r.clicked > r.emailsSent)
			ctx.addIssue({ code: 'custom', path: ['clicked'], message: `${r.clicked} clicked is more than the ${r.emailsSent} emails sent` });
		if (r.reported > r.emailsSent)
			ctx.addIssue({ code: 'custom', path: ['reported'], message: `${r.reported} reported is more than the ${r.emailsSent} emails sent` });
		if (r.credentialsEntered !== null && r.credentialsEntered > r.clicked) {
			ctx.addIssue({ code: 'custom', path: ['credentialsEntered'], message: `${r.credentialsEntered} entered credentials but only ${r.clicked} clicked` });
		}
	});
export type PhishingResultInput = z.input<typeof phishingResultInput>;

export const findingInput = z
	.object({
		reference: requiredText(100),
		title: requiredText(500),
		severity: z.enum(SEVERITIES, { error: 'choose critical, high, medium or low' }),
		raisedOn: isoDate,
		/** Empty: the default for the severity (findings.ts defaultDueOn). */
		dueOn: maybe(isoDate),
		owner: maybe(optionalText(200)),
		activityId: maybe(z.coerce.number().int().positive())
	})
	.superRefine((f, ctx) => {
		if (f.dueOn && f.dueOn < f.raisedOn)
			ctx.addIssue({ code: 'custom', path: ['dueOn'], message: `the due date ${f.dueOn} is before the date raised ${f.raisedOn}` });
	});
export type FindingInput = z.input<typeof findingInput>;

/** Closing a finding: remediated on a date, or its risk accepted by someone (e.g. the SIRO) for a reason. */
export const findingResolution = z.discriminatedUnion(
	'status',
	[
		z.object({ status: z.literal('open') }),
		z.object({ status: z.literal('remediated'), remediatedOn: isoDate }),
		z.object({
			status: z.literal('risk_accepted'),
			acceptedOn: isoDate,
			acceptedBy: requiredText(200),
			acceptedReason: requiredText(2000)
		})
	],
	{ error: 'choose open, remediated or risk accepted' }
);
export type FindingResolution = z.input<typeof findingResolution>;

export const approvedAppInput = z
	.object({
		name: requiredText(100),
		activeUsers: maybe(count),
		activeUsersOn: maybe(isoDate)
	})
	.superRefine((a, ctx) => {
		if ((a.activeUsers === null) !== (a.activeUsersOn === null)) {
			ctx.addIssue({
				code: 'custom',
				path: [a.activeUsers === null ? 'activeUsers' : 'activeUsersOn'],
				message: 'give the number of active users together with the date it was counted'
			});
		}
	});
export type ApprovedAppInput = z.input<typeof approvedAppInput>;
