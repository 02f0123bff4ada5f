import type { OrganisationKind } from '../../schemas/organisation';
import { createRandom, type Random } from './random';

/**
 * The national instance: every NHS trust and ICB in England, made up. 42 ICBs and 218 trusts by default,
 * sized like the real ones by band, so that together they hold about 1.3 M staff (one training record
 * each) and 1.5 M devices. Codes start with ZN (ICBs ZNQ01…, trusts ZNR001…): no real ODS code starts
 * with Z, and the demo's (ZB…) cannot collide. Names say "(fictional)".
 *
 * The data covers five whole financial years, 2020-21 to 2024-25, and is seen as of the last day of
 * 2024-25, the year of the DSPT edition every organisation self-assesses against.
 */
export const NATIONAL_SEED = 20_261_123;
export const NATIONAL_START = '2020-04-01';
export const NATIONAL_END = '2025-03-31';
export const NATIONAL_EDITION = '2024-25';
export const NATIONAL_ORGS = 260;
export const NATIONAL_ODS_PREFIX = 'ZN';

/** How an organisation's self-assessment and improvement plan are drawn (the status it should come out with). */
export type Posture = 'met' | 'approaching' | 'not_met';

export interface SizeBand {
	key: string;
	/** How the organisation is named: "Large Acute NHS Trust 007 (fictional)". */
	label: string;
	kind: OrganisationKind;
	/** Organisations of the band in the 260-organisation instance. */
	count: number;
	/** Average staff and devices per organisation of the band. */
	staff: number;
	devices: number;
	departments: readonly string[];
}

const ACUTE = [
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
];
const MENTAL_HEALTH = [
	'Adult Inpatient Services',
	'Community Mental Health Teams',
	'Crisis Resolution',
	'Learning Disabilities',
	'Child and Adolescent Services',
	'Digital Services',
	'Corporate Services'
];
const COMMUNITY = ['District Nursing', 'Community Therapies', 'Health Visiting', 'Podiatry', 'Community Hospitals', 'Digital Services', 'Corporate Services'];
const AMBULANCE = ['Emergency Operations Centre', 'NHS 111', 'Patient Transport', 'Fleet and Logistics', 'Digital Services', 'Corporate Services'];
const ICB = ['Commissioning', 'Primary Care', 'Finance', 'Digital Transformation', 'Corporate Services'];

/** ICBs first: trusts name their ICB as parent. 42 + 218 organisations, 1,299,200 staff, 1,497,600 devices. */
export const SIZE_BANDS: readonly SizeBand[] = [
	{ key: 'icb', label: 'NHS Integrated Care Board', kind: 'icb', count: 42, staff: 600, devices: 800, departments: ICB },
	{ key: 'large_acute', label: 'Large Acute NHS Trust', kind: 'trust', count: 36, staff: 15_000, devices: 20_000, departments: ACUTE },
	{ key: 'acute', label: 'Acute NHS Trust', kind: 'trust', count: 52, staff: 7_000, devices: 7_500, departments: ACUTE },
	{ key: 'mental_health', label: 'Mental Health NHS Trust', kind: 'trust', count: 50, staff: 3_500, devices: 3_000, departments: MENTAL_HEALTH },
	{ key: 'community', label: 'Community Health NHS Trust', kind: 'trust', count: 30, staff: 3_000, devices: 3_000, departments: COMMUNITY },
	{ key: 'ambulance', label: 'Ambulance Service NHS Trust', kind: 'trust', count: 10, staff: 4_500, devices: 5_000, departments: AMBULANCE },
	{ key: 'specialist', label: 'Specialist NHS Trust', kind: 'trust', count: 40, staff: 1_500, devices: 1_600, departments: ACUTE }
];

export interface NationalOrganisation {
	/** Position in the plan: each organisation's random streams derive from it. */
	index: number;
	ods: string;
	name: string;
	kind: OrganisationKind;
	parentOds: string | null;
	band: SizeBand;
	staff: number;
	devices: number;
	/** Security maturity 0–1: drives every rate the data shows. */
	maturity: number;
	posture: Posture;
}

/**
 * How many organisations of each band an instance of `orgs` organisations has: the national mix scaled
 * down by largest remainder, with at least one ICB once there are two organisations (trusts need a parent).
 */
export function bandCounts(orgs: number): number[] {
	if (!Number.isInteger(orgs) || orgs < 1) throw new RangeError(`the number of organisations must be a whole number of at least 1, not ${orgs}`);
	const total = SIZE_BANDS.reduce((sum, b) => sum + b.count, 0);
	const [icbBand, ...trustBands] = SIZE_BANDS as [SizeBand, ...SizeBand[]];
	const icbs = orgs < 2 ? 0 : Math.max(1, Math.round((orgs * icbBand.count) / total));
	const trusts = orgs - icbs;
	const trustTotal = total - icbBand.count;
	const exact = trustBands.map((b) => (trusts * b.count) / trustTotal);
	const counts = exact.map(Math.floor);
	let left = trusts - counts.reduce((sum, c) => sum + c, 0);
	const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (const [, i] of byRemainder) {
		if (left-- <= 0) break;
		counts[i] = (counts[i] ?? 0) + 1;
	}
	return [icbs, ...counts];
}

/**
 * The organisations of an instance of `orgs` organisations, each `scale` times its band's size (tests use
 * a small fraction). Within a band sizes spread evenly from 0.8 to 1.2 times the band's average, so the
 * band's total is its average × count. Deterministic: the same arguments give the same plan.
 */
export function planNational(orgs = NATIONAL_ORGS, scale = 1): NationalOrganisation[] {
	if (!(scale > 0 && scale <= 1)) throw new RangeError(`the scale is a fraction above 0 and at most 1, not ${scale}`);
	const counts = bandCounts(orgs);
	const plan: NationalOrganisation[] = [];
	const icbCodes: string[] = [];
	let trustNumber = 0;
	SIZE_BANDS.forEach((band, b) => {
		const n = counts[b] ?? 0;
		for (let k = 0; k < n; k++) {
			const index = plan.length;
			const spread = 0.8 + (0.4 * (k + 0.5)) / n;
			const isIcb = band.kind === 'icb';
			const number = isIcb ? String(k + 1).padStart(2, '0') : String(++trustNumber).padStart(3, '0');
			const ods = `${NATIONAL_ODS_PREFIX}${isIcb ? 'Q' : 'R'}${number}`;
			if (isIcb) icbCodes.push(ods);
			const random = nationalRandom(index, 0);
			const posture = random.weighted<Posture>([
				['met', 40],
				['approaching', 35],
				['not_met', 25]
			]);
			const [low, high] = MATURITY[posture];
			plan.push({
				index,
				ods,
				name: `${band.label} ${number} (fictional)`,
				kind: band.kind,
				// Trusts are spread over the ICBs in turn.
				parentOds: isIcb ? null : (icbCodes[trustNumber % Math.max(1, icbCodes.length)] ?? null),
				band,
				staff: Math.max(1, Math.round(band.staff * spread * scale)),
				devices: Math.max(1, Math.round(band.devices * spread * scale)),
				maturity: low + (high - low) * random.float(),
				posture
			});
		}
	});
	return plan;
}

/** Maturity ranges by posture: they overlap, so the data sometimes contradicts the self-assessment. */
const MATURITY: Record<Posture, readonly [number, number]> = {
	met: [0.8, 1],
	approaching: [0.45, 0.85],
	not_met: [0.25, 0.7]
};

/**
 * The random stream for one organisation (by plan index) and one kind of data. Neighbouring seeds give
 * xoroshiro128+ similar first draws, so the seed is mixed (the murmur3 finaliser) before use.
 */
export function nationalRandom(index: number, kind: number): Random {
	let h = (NATIONAL_SEED ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(kind + 1, 0x85ebca77)) >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
	return createRandom((h ^ (h >>> 16)) >>> 0);
}
