import type { IncidentCategory, IncidentInput } from '../../schemas/incident';
import { daysInMonth, monthStarts } from './dates';
import { isLive, maturityOn } from './demo-maturity';
import { DEMO_END, DEMO_START, type DemoOrganisation } from './demo-profile';
import type { Random } from './random';

const HOUR_MS = 3_600_000;

/** Share of incidents by category for a typical trust, and the breach type each usually is. */
const CATEGORIES: readonly (readonly [IncidentCategory, number, 'confidentiality' | 'integrity' | 'availability'])[] = [
	['misdirected', 34, 'confidentiality'],
	['lost_stolen_device', 12, 'confidentiality'],
	['lost_stolen_paper', 10, 'confidentiality'],
	['unauthorised_access', 14, 'confidentiality'],
	['phishing', 10, 'confidentiality'],
	['unapproved_messaging', 8, 'confidentiality'],
	['insider_misuse', 4, 'confidentiality'],
	['system_unavailability', 5, 'availability'],
	['malware_ransomware', 2, 'integrity'],
	['other', 1, 'confidentiality']
];

const LESSONS: Partial<Record<IncidentCategory, string>> = {
	misdirected: 'Check recipient addresses before sending; use the approved secure e-mail for patient data.',
	lost_stolen_device: 'Devices were unmanaged; enrolment in MDM with remote wipe now required before use.',
	unapproved_messaging: 'Staff reminded that consumer messaging apps must not be used for patient information.',
	phishing: 'Report-phish button promoted; targeted training for the affected team.',
	unauthorised_access: 'Access rights reviewed; leavers process tightened.'
};

/**
 * Incidents month by month. Each category's rate falls when an investment targeting it goes live (the
 * story the ROI page tells); reporting within 72 hours and root-cause analysis improve with maturity.
 */
export function generateIncidents(org: DemoOrganisation, random: Random): IncidentInput[] {
	const incidents: IncidentInput[] = [];
	const totalWeight = CATEGORIES.reduce((sum, [, w]) => sum + w, 0);
	let sequence = 0;
	for (const month of monthStarts(DEMO_START, DEMO_END)) {
		const m = maturityOn(org, month);
		for (const [category, weight, breachType] of CATEGORIES) {
			const targeted = org.investments.some((i) => i.targets.includes(category) && isLive(org, i.category, month));
			const expected = ((org.incidentRate * org.staff) / 1000) * (weight / totalWeight) * (targeted ? 0.3 : 1);
			const count = poissonish(expected, random);
			for (let k = 0; k < count; k++) {
				sequence += 1;
				incidents.push(makeIncident(org, month, category, breachType, m, sequence, random));
			}
		}
	}
	return incidents;
}

function makeIncident(
	org: DemoOrganisation,
	month: string,
	category: IncidentCategory,
	breachType: 'confidentiality' | 'integrity' | 'availability',
	m: number,
	sequence: number,
	random: Random
): IncidentInput {
	const detected = new Date(
		`${month.slice(0, 8)}${String(random.int(1, daysInMonth(month))).padStart(2, '0')}T${String(random.int(7, 19)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00Z`
	);
	const at = (hours: number) => new Date(detected.getTime() + hours * HOUR_MS);
	const likelihood = random.weighted([
		[1, 22],
		[2, 30],
		[3, 28],
		[4, 14],
		[5, 6]
	] as const);
	const severity = random.weighted([
		[1, 30],
		[2, 38],
		[3, 20],
		[4, 10],
		[5, 2]
	] as const);
	const reportable = likelihood >= 3 && severity >= 2;
	const contained = random.int(1, Math.round(240 - 200 * m));
	const closedHours = contained + random.int(48, 900);
	const closed = at(closedHours) <= new Date(`${DEMO_END}T23:59:59Z`);
	return {
		reference: `${org.ods}/${month.slice(2, 4)}/${String(sequence).padStart(4, '0')}`,
		occurredAt: at(-random.int(0, 96)),
		detectedAt: detected,
		// Reportable incidents are notified; a less mature organisation misses the 72-hour window more often.
		notifiedAt: reportable ? at(random.chance(0.55 + 0.4 * m) ? random.int(2, 71) : random.int(73, 200)) : undefined,
		containedAt: at(contained),
		closedAt: closed ? at(closedHours) : undefined,
		breachType,
		category,
		likelihood,
		severity,
		status: closed ? 'closed' : random.chance(0.5) ? 'investigating' : 'open',
		recordsAffected:
			breachType === 'confidentiality'
				? random.weighted([
						[1, 50],
						[random.int(2, 20), 35],
						[random.int(21, 2000), 15]
					] as const)
				: undefined,
		costPence: severity >= 3 ? random.int(200, 25_000) * 100 : undefined,
		description: `${category.replaceAll('_', ' ')} reported by ${random.pick(org.departments)}`,
		rootCause: closed ? random.pick(['Human error', 'Process not followed', 'Technical fault', 'Third-party failure']) : undefined,
		isRcaCompleted: closed && random.chance(0.5 + 0.45 * m),
		lessons: closed ? LESSONS[category] : undefined
	};
}

/** A whole count with the given mean, varying month to month (Poisson by Knuth's method). */
function poissonish(mean: number, random: Random): number {
	const limit = Math.exp(-mean);
	let product = random.float();
	let count = 0;
	while (product > limit) {
		count += 1;
		product *= random.float();
	}
	return count;
}
