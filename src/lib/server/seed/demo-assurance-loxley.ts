import type { DemoAssuranceStory } from './demo-assurance-profile';

/**
 * Loxley Barrett (ZB5), the demo's small orthopaedic trust, added so the ICB's trusts make a peer group large
 * enough to show: a moderate DSPT opinion each year, a penetration test after its MFA rollout, half-yearly
 * phishing, and no discovered-apps exports (it has not imported any), so its messaging figures are unknown.
 */
export const LOXLEY_ASSURANCE: DemoAssuranceStory = {
	siro: 'SIRO (Director of Finance and Performance)',
	activities: [
		{
			type: 'dspt_independent_assessment',
			subject: 'DSPT',
			completedOn: '2024-06-07',
			days: 42,
			provider: 'Ambridge Audit and Assurance LLP',
			opinion: 'limited',
			confidence: 'medium',
			note: 'Remote access without multi-factor authentication; a plan to introduce it was agreed.'
		},
		{ type: 'internal_audit', subject: 'Access control', completedOn: '2025-01-24', days: 30, provider: 'Borsetshire Audit Consortium', opinion: 'limited' },
		{
			type: 'dspt_independent_assessment',
			subject: 'DSPT',
			completedOn: '2025-06-06',
			days: 42,
			provider: 'Ambridge Audit and Assurance LLP',
			opinion: 'moderate',
			confidence: 'medium'
		},
		{
			type: 'penetration_test',
			subject: 'external infrastructure and remote access',
			completedOn: '2025-09-12',
			days: 5,
			provider: 'Lakey Hill Security Ltd (CHECK)'
		},
		{
			type: 'dspt_independent_assessment',
			subject: 'DSPT',
			completedOn: '2026-06-05',
			days: 42,
			provider: 'Ambridge Audit and Assurance LLP',
			opinion: 'moderate',
			confidence: 'high'
		}
	],
	phishing: { firstOn: '2024-10-15', everyMonths: 6, click: [0.16, 0.09], report: [0.09, 0.17], trainingOn: '2025-06-02', byStaffGroup: false },
	messaging: null
};
