import type { OrganisationKind } from '../../schemas/organisation';
import type { IncidentCategory } from '../../schemas/incident';
import type { SpendCategory } from '../../schemas/spend';

/**
 * The demo: a fictional ICB and five fictional trusts in "Borsetshire" (a county that exists only in
 * fiction). ODS-like codes start with Z, which no NHS trust or ICB code uses, so nobody can mistake them
 * for real organisations. The numbers tell a story a board would recognise: Borchester rolls out MDM in
 * April 2025 and secure messaging in October 2025, its security spend grows about fivefold over two
 * years, and its lost-device and messaging incidents fall afterwards.
 */
export const DEMO_SEED = 20_261_122;

/** First and last day the demo covers: three financial years, the last one to the end of September. */
export const DEMO_START = '2024-04-01';
export const DEMO_END = '2026-09-30';

export interface DemoInvestment {
	name: string;
	category: SpendCategory;
	goLiveOn: string;
	annualCostPence: number;
	targets: IncidentCategory[];
	description: string;
}

export interface DemoOrganisation {
	ods: string;
	name: string;
	kind: OrganisationKind;
	parentOds?: string;
	staff: number;
	/** Devices in the MDM fleet per member of staff. */
	devicesPerStaff: number;
	/** Security maturity (0–1) at the start and end of the demo period; drives every rate. */
	maturity: readonly [number, number];
	/** Annual security spend in the first financial year, in pence, and the multiple for each later year. */
	baseSpendPence: number;
	spendGrowth: readonly [number, number, number];
	/** Incidents logged per 1,000 staff per month before any investment takes effect. */
	incidentRate: number;
	investments: DemoInvestment[];
	departments: readonly string[];
	/** How many of its baseline plan's actions it let fall overdue by the demo's end (none unless said). */
	overdueActions?: number;
}

const ACUTE_DEPARTMENTS = [
	'Emergency Department',
	'Acute Medicine',
	'Surgery',
	'Theatres',
	'Women and Children',
	'Radiology',
	'Pathology',
	'Pharmacy',
	'Outpatients',
	'Estates and Facilities',
	'Digital Services',
	'Corporate Services'
] as const;
const COMMUNITY_DEPARTMENTS = [
	'District Nursing',
	'Community Therapies',
	'Health Visiting',
	'Podiatry',
	'Community Hospitals',
	'Estates and Facilities',
	'Digital Services',
	'Corporate Services'
] as const;
const MENTAL_HEALTH_DEPARTMENTS = [
	'Adult Inpatient Services',
	'Community Mental Health Teams',
	'Crisis Resolution',
	'Learning Disabilities',
	'Child and Adolescent Services',
	'Digital Services',
	'Corporate Services'
] as const;
const ORTHOPAEDIC_DEPARTMENTS = [
	'Elective Orthopaedics',
	'Theatres',
	'Rehabilitation',
	'Outpatients',
	'Radiology',
	'Digital Services',
	'Corporate Services'
] as const;
const ICB_DEPARTMENTS = ['Commissioning', 'Primary Care', 'Finance', 'Digital Transformation', 'Corporate Services'] as const;

const pounds = (whole: number) => whole * 100;

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
	{
		ods: 'ZB0',
		name: 'NHS Borsetshire Integrated Care Board (demo)',
		kind: 'icb',
		staff: 420,
		devicesPerStaff: 1.1,
		maturity: [0.75, 0.85],
		baseSpendPence: pounds(95_000),
		spendGrowth: [1, 1.1, 1.2],
		incidentRate: 1.6,
		investments: [],
		departments: ICB_DEPARTMENTS
	},
	{
		ods: 'ZB1',
		name: 'Borchester General Hospital NHS Foundation Trust (demo)',
		kind: 'trust',
		parentOds: 'ZB0',
		staff: 5_200,
		devicesPerStaff: 0.45,
		maturity: [0.45, 0.9],
		baseSpendPence: pounds(175_000),
		spendGrowth: [1, 2.9, 5.1],
		incidentRate: 2.4,
		departments: ACUTE_DEPARTMENTS,
		investments: [
			{
				name: 'MDM rollout',
				category: 'mdm',
				goLiveOn: '2025-04-01',
				annualCostPence: pounds(210_000),
				targets: ['lost_stolen_device'],
				description: 'Microsoft Intune enrolment of every trust phone, tablet and laptop, with remote wipe and encryption policies.'
			},
			{
				name: 'Secure messaging',
				category: 'secure_messaging',
				goLiveOn: '2025-10-01',
				annualCostPence: pounds(120_000),
				targets: ['unapproved_messaging', 'misdirected'],
				description: 'An approved clinical messaging app for all staff, replacing consumer apps.'
			},
			{
				name: 'Phishing simulation and awareness',
				category: 'training',
				goLiveOn: '2024-09-01',
				annualCostPence: pounds(38_000),
				targets: ['phishing'],
				description: 'Quarterly simulated phishing with targeted follow-up training.'
			}
		]
	},
	{
		ods: 'ZB2',
		name: 'Felpersham Teaching Hospitals NHS Trust (demo)',
		kind: 'trust',
		parentOds: 'ZB0',
		staff: 8_600,
		devicesPerStaff: 0.5,
		maturity: [0.82, 0.92],
		baseSpendPence: pounds(640_000),
		spendGrowth: [1, 1.08, 1.15],
		incidentRate: 1.7,
		departments: ACUTE_DEPARTMENTS,
		investments: [
			{
				name: 'Endpoint detection and response',
				category: 'endpoint_protection',
				goLiveOn: '2024-07-01',
				annualCostPence: pounds(260_000),
				targets: ['malware_ransomware'],
				description: '24/7 managed detection and response on every endpoint and server.'
			},
			{
				name: 'Annual penetration test',
				category: 'penetration_testing',
				goLiveOn: '2024-11-01',
				annualCostPence: pounds(45_000),
				targets: ['unauthorised_access'],
				description: 'CHECK-accredited external and internal penetration testing.'
			}
		]
	},
	{
		ods: 'ZB3',
		name: 'Borsetshire Community Health NHS Trust (demo)',
		kind: 'trust',
		parentOds: 'ZB0',
		staff: 2_300,
		devicesPerStaff: 0.8,
		maturity: [0.35, 0.55],
		baseSpendPence: pounds(60_000),
		spendGrowth: [1, 1.2, 1.3],
		incidentRate: 3.1,
		departments: COMMUNITY_DEPARTMENTS,
		investments: [
			{
				name: 'Laptop encryption programme',
				category: 'endpoint_protection',
				goLiveOn: '2025-09-01',
				annualCostPence: pounds(30_000),
				targets: ['lost_stolen_device'],
				description: 'BitLocker on every community laptop, with recovery keys escrowed.'
			}
		]
	},
	{
		ods: 'ZB4',
		name: 'Hollerton Mental Health NHS Foundation Trust (demo)',
		kind: 'trust',
		parentOds: 'ZB0',
		staff: 1_700,
		devicesPerStaff: 0.6,
		maturity: [0.6, 0.72],
		baseSpendPence: pounds(90_000),
		spendGrowth: [1, 1.15, 1.25],
		incidentRate: 2.8,
		departments: MENTAL_HEALTH_DEPARTMENTS,
		investments: [
			{
				name: 'Staff awareness programme',
				category: 'training',
				goLiveOn: '2025-01-06',
				annualCostPence: pounds(22_000),
				targets: ['misdirected', 'phishing'],
				description: 'Face-to-face data security sessions for ward and community teams.'
			}
		]
	},
	{
		// The fifth trust: with it the ICB's trusts are a peer group large enough to show (five or more).
		ods: 'ZB5',
		name: 'Loxley Barrett Orthopaedic Hospital NHS Trust (demo)',
		kind: 'trust',
		parentOds: 'ZB0',
		staff: 1_100,
		devicesPerStaff: 0.55,
		maturity: [0.5, 0.68],
		baseSpendPence: pounds(70_000),
		spendGrowth: [1, 1.3, 1.45],
		incidentRate: 2.2,
		departments: ORTHOPAEDIC_DEPARTMENTS,
		overdueActions: 2,
		investments: [
			{
				name: 'Multi-factor authentication',
				category: 'identity_access',
				goLiveOn: '2025-06-02',
				annualCostPence: pounds(26_000),
				targets: ['unauthorised_access', 'phishing'],
				description: 'Multi-factor authentication for remote access, email and the theatre scheduling system.'
			}
		]
	}
];

export const STAFF_GROUPS = [
	['Nursing and Midwifery Registered', 28],
	['Additional Clinical Services', 18],
	['Administrative and Clerical', 20],
	['Medical and Dental', 11],
	['Allied Health Professionals', 9],
	['Estates and Ancillary', 7],
	['Professional Scientific and Technic', 4],
	['Healthcare Scientists', 3]
] as const;

export const IG_COURSE = 'NHS|CSTF|Information Governance and Data Security - 1 Year|';
