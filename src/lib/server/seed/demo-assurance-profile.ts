import type { ActivityType, Opinion, VeracityConfidence } from '../../schemas/assurance';

/**
 * The demo's assurance history, organisation by organisation, told to match demo-profile.ts:
 *
 * - Borchester (ZB1) starts weak: a limited DSPT opinion in May 2024, a penetration test full of critical
 *   findings fixed late, a failed Cyber Essentials Plus. After MDM (April 2025) and its phishing programme
 *   (September 2024) it fixes findings inside 14 days, passes Cyber Essentials Plus in 2026 and earns a
 *   substantial opinion; its secure messaging rollout (Siilo, October 2025) clears WhatsApp and friends off
 *   its devices. Its discovered-apps exports list devices, keyed as its MDM snapshots are.
 * - Felpersham (ZB2) is steady and strong on technology (yearly CHECK tests, Cyber Essentials Plus every
 *   year, Microsoft Teams for messaging), but its phishing results never improve: no awareness programme.
 *   Its exports give counts per app.
 * - Borsetshire Community (ZB3) lags: limited opinions, one penetration test in 2024 and none since, its
 *   2025-26 assessment slipped to June 2026 (so in March 2026 it has no assurance in the last 12 months),
 *   critical findings still open, twice-yearly phishing with poor results, WhatsApp on one device in eight.
 * - Hollerton (ZB4) is middling: a penetration test every other year, a staff awareness programme in
 *   January 2025 that turns its phishing results round, and Microsoft Teams approved, but community teams
 *   still keep WhatsApp groups: above the 5 % the B3.b rule allows. Its exports list devices.
 * - The ICB (ZB0) has its yearly assessment and audits, and twice-yearly phishing.
 */
export interface StoryActivity {
	type: Exclude<ActivityType, 'phishing_exercise' | 'other'>;
	/** What was examined: the internal audit's subject, or the test's scope. */
	subject: string;
	completedOn: string;
	days: number;
	provider: string;
	opinion?: Opinion;
	confidence?: VeracityConfidence;
	note?: string;
}

export interface ApprovedAppStory {
	name: string;
	approvedOn: string;
	activeUsers: number | null;
	activeUsersOn: string | null;
	/** Share of managed phones and tablets carrying it, by date (straight lines between the points). */
	onDevices: readonly (readonly [string, number])[];
}

export interface DemoAssuranceStory {
	siro: string;
	activities: readonly StoryActivity[];
	phishing: {
		/** Months between exercises, from the first one (quarterly or half-yearly). */
		firstOn: string;
		everyMonths: 3 | 6;
		/** Click and report rates (of emails sent) before training, and where training takes them. */
		click: readonly [number, number];
		report: readonly [number, number];
		trainingOn: string | null;
		byStaffGroup: boolean;
	};
	messaging: {
		/** devices: the export lists each device's apps; counts: devices per app only. */
		form: 'devices' | 'counts';
		/** Share of managed devices holding a consumer messaging app, by date. */
		consumerShare: readonly (readonly [string, number])[];
		approved: readonly ApprovedAppStory[];
	} | null;
}

const ASSESSOR = 'Ambridge Audit and Assurance LLP';
const AUDITOR = 'Borsetshire Audit Consortium';
const CHECK = 'Lakey Hill Security Ltd (CHECK)';
const CREST = 'Penny Hassett Cyber Ltd (CREST)';
const CERTIFIER = 'Loxley Barratt Certification Ltd';
const TEAMS_ON_DEVICES = [
	['2024-06-30', 0.8],
	['2026-09-30', 0.88]
] as const;

export const DEMO_ASSURANCE: Readonly<Record<string, DemoAssuranceStory>> = {
	ZB0: {
		siro: 'SIRO (Chief Finance Officer)',
		activities: [
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2024-05-17',
				days: 42,
				provider: ASSESSOR,
				opinion: 'substantial',
				confidence: 'high'
			},
			{ type: 'internal_audit', subject: 'Information governance', completedOn: '2024-11-22', days: 30, provider: AUDITOR, opinion: 'substantial' },
			{ type: 'penetration_test', subject: 'external infrastructure', completedOn: '2025-01-24', days: 5, provider: CHECK },
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2025-05-16',
				days: 42,
				provider: ASSESSOR,
				opinion: 'substantial',
				confidence: 'high'
			},
			{ type: 'internal_audit', subject: 'Supplier assurance', completedOn: '2025-11-21', days: 30, provider: AUDITOR, opinion: 'moderate' },
			{ type: 'penetration_test', subject: 'external infrastructure', completedOn: '2026-01-23', days: 5, provider: CHECK },
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2026-05-15',
				days: 42,
				provider: ASSESSOR,
				opinion: 'substantial',
				confidence: 'high'
			}
		],
		phishing: { firstOn: '2024-06-12', everyMonths: 6, click: [0.09, 0.07], report: [0.22, 0.26], trainingOn: null, byStaffGroup: false },
		messaging: null
	},
	ZB1: {
		siro: 'SIRO (Director of Finance)',
		activities: [
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2024-05-24',
				days: 49,
				provider: ASSESSOR,
				opinion: 'limited',
				confidence: 'low',
				note: 'Many assertions lacked evidence; phones and tablets are not under device management.'
			},
			{ type: 'penetration_test', subject: 'internal and external infrastructure', completedOn: '2024-11-15', days: 8, provider: CHECK },
			{ type: 'internal_audit', subject: 'Mobile device management', completedOn: '2025-02-21', days: 35, provider: AUDITOR, opinion: 'limited' },
			{
				type: 'cyber_essentials_plus',
				subject: 'whole organisation',
				completedOn: '2025-02-28',
				days: 10,
				provider: CERTIFIER,
				opinion: 'fail',
				note: 'Sampled devices ran unsupported operating systems and missed critical updates.'
			},
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2025-05-30',
				days: 49,
				provider: ASSESSOR,
				opinion: 'moderate',
				confidence: 'medium',
				note: 'The MDM rollout is under way and the evidence has improved.'
			},
			{ type: 'penetration_test', subject: 'internal and external infrastructure', completedOn: '2025-11-14', days: 8, provider: CHECK },
			{ type: 'internal_audit', subject: 'Vulnerability and patch management', completedOn: '2026-01-23', days: 30, provider: AUDITOR, opinion: 'moderate' },
			{ type: 'cyber_essentials_plus', subject: 'whole organisation', completedOn: '2026-02-27', days: 10, provider: CERTIFIER, opinion: 'pass' },
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2026-05-29',
				days: 49,
				provider: ASSESSOR,
				opinion: 'substantial',
				confidence: 'high',
				note: 'Devices are managed and encrypted; findings are fixed within 14 days.'
			},
			{ type: 'internal_audit', subject: 'Secure messaging', completedOn: '2026-07-17', days: 30, provider: AUDITOR, opinion: 'substantial' }
		],
		phishing: { firstOn: '2024-06-18', everyMonths: 3, click: [0.24, 0.05], report: [0.06, 0.32], trainingOn: '2024-09-01', byStaffGroup: true },
		messaging: {
			form: 'devices',
			consumerShare: [
				['2024-06-30', 0.17],
				['2025-09-30', 0.15],
				['2025-12-31', 0.07],
				['2026-03-31', 0.03],
				['2026-06-30', 0.012],
				['2026-09-30', 0.006]
			],
			approved: [
				{ name: 'Microsoft Teams', approvedOn: '2024-04-01', activeUsers: null, activeUsersOn: null, onDevices: TEAMS_ON_DEVICES },
				{
					name: 'Siilo',
					approvedOn: '2025-09-15',
					activeUsers: 3_950,
					activeUsersOn: '2026-09-01',
					onDevices: [
						['2025-09-30', 0],
						['2025-12-31', 0.35],
						['2026-03-31', 0.55],
						['2026-09-30', 0.72]
					]
				}
			]
		}
	},
	ZB2: {
		siro: 'SIRO (Chief Digital Information Officer)',
		activities: [
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2024-05-17',
				days: 42,
				provider: ASSESSOR,
				opinion: 'moderate',
				confidence: 'high'
			},
			{ type: 'cyber_essentials_plus', subject: 'whole organisation', completedOn: '2024-09-27', days: 10, provider: CERTIFIER, opinion: 'pass' },
			{ type: 'internal_audit', subject: 'Backup and recovery', completedOn: '2024-10-18', days: 30, provider: AUDITOR, opinion: 'substantial' },
			{
				type: 'penetration_test',
				subject: 'internal and external infrastructure and the patient portal',
				completedOn: '2024-11-08',
				days: 10,
				provider: CREST
			},
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2025-05-16',
				days: 42,
				provider: ASSESSOR,
				opinion: 'substantial',
				confidence: 'high'
			},
			{ type: 'cyber_essentials_plus', subject: 'whole organisation', completedOn: '2025-09-26', days: 10, provider: CERTIFIER, opinion: 'pass' },
			{ type: 'internal_audit', subject: 'Supplier assurance', completedOn: '2025-10-17', days: 30, provider: AUDITOR, opinion: 'moderate' },
			{
				type: 'penetration_test',
				subject: 'internal and external infrastructure and the patient portal',
				completedOn: '2025-11-07',
				days: 10,
				provider: CREST
			},
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2026-05-15',
				days: 42,
				provider: ASSESSOR,
				opinion: 'substantial',
				confidence: 'high'
			},
			{ type: 'cyber_essentials_plus', subject: 'whole organisation', completedOn: '2026-09-25', days: 10, provider: CERTIFIER, opinion: 'pass' }
		],
		phishing: { firstOn: '2024-06-11', everyMonths: 3, click: [0.1, 0.1], report: [0.15, 0.15], trainingOn: null, byStaffGroup: false },
		messaging: {
			form: 'counts',
			consumerShare: [
				['2024-06-30', 0.045],
				['2026-09-30', 0.028]
			],
			approved: [{ name: 'Microsoft Teams', approvedOn: '2024-04-01', activeUsers: 7_950, activeUsersOn: '2026-09-01', onDevices: TEAMS_ON_DEVICES }]
		}
	},
	ZB3: {
		siro: 'SIRO (Director of Finance and Estates)',
		activities: [
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2024-06-21',
				days: 56,
				provider: ASSESSOR,
				opinion: 'limited',
				confidence: 'low',
				note: 'The self-assessment claimed more than the evidence showed.'
			},
			{ type: 'penetration_test', subject: 'external infrastructure', completedOn: '2024-07-12', days: 4, provider: CHECK },
			{ type: 'internal_audit', subject: 'Information governance', completedOn: '2024-12-13', days: 30, provider: AUDITOR, opinion: 'limited' },
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2025-03-14',
				days: 49,
				provider: ASSESSOR,
				opinion: 'limited',
				confidence: 'medium'
			},
			{ type: 'internal_audit', subject: 'Mobile working', completedOn: '2025-12-12', days: 30, provider: AUDITOR, opinion: 'limited' },
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2026-06-26',
				days: 70,
				provider: ASSESSOR,
				opinion: 'moderate',
				confidence: 'medium',
				note: 'Fieldwork was postponed twice; laptop encryption is now complete.'
			}
		],
		phishing: { firstOn: '2024-09-10', everyMonths: 6, click: [0.19, 0.17], report: [0.07, 0.08], trainingOn: null, byStaffGroup: false },
		messaging: {
			form: 'counts',
			consumerShare: [
				['2024-06-30', 0.14],
				['2026-09-30', 0.12]
			],
			approved: []
		}
	},
	ZB4: {
		siro: 'SIRO (Director of Finance)',
		activities: [
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2024-05-31',
				days: 42,
				provider: ASSESSOR,
				opinion: 'moderate',
				confidence: 'medium'
			},
			{ type: 'internal_audit', subject: 'Cyber security awareness', completedOn: '2024-11-29', days: 30, provider: AUDITOR, opinion: 'moderate' },
			{ type: 'penetration_test', subject: 'internal and external infrastructure', completedOn: '2025-02-14', days: 6, provider: CHECK },
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2025-05-23',
				days: 42,
				provider: ASSESSOR,
				opinion: 'moderate',
				confidence: 'medium'
			},
			{ type: 'internal_audit', subject: 'Records management', completedOn: '2025-11-28', days: 30, provider: AUDITOR, opinion: 'moderate' },
			{
				type: 'dspt_independent_assessment',
				subject: 'DSPT',
				completedOn: '2026-05-22',
				days: 42,
				provider: ASSESSOR,
				opinion: 'moderate',
				confidence: 'high'
			},
			{ type: 'penetration_test', subject: 'internal and external infrastructure', completedOn: '2026-07-17', days: 6, provider: CHECK }
		],
		phishing: { firstOn: '2024-06-20', everyMonths: 3, click: [0.2, 0.07], report: [0.08, 0.21], trainingOn: '2025-01-06', byStaffGroup: true },
		messaging: {
			form: 'devices',
			consumerShare: [
				['2024-06-30', 0.1],
				['2025-03-31', 0.085],
				['2026-09-30', 0.062]
			],
			approved: [{ name: 'Microsoft Teams', approvedOn: '2024-04-01', activeUsers: 1_150, activeUsersOn: '2026-09-01', onDevices: TEAMS_ON_DEVICES }]
		}
	}
};
