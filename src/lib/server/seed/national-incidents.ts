import type { IncidentCategory } from '../../schemas/incident';
import { gradeIncident } from '../incidents/grading';
import { daysInMonth, monthStarts } from './dates';
import { NATIONAL_END, NATIONAL_START, type NationalOrganisation } from './national-profile';
import type { Random } from './random';

export const INCIDENT_COLUMNS = [
	'organisation_id',
	'reference',
	'occurred_at',
	'detected_at',
	'notified_at',
	'contained_at',
	'closed_at',
	'breach_type',
	'category',
	'likelihood',
	'severity',
	'is_ico_reportable',
	'is_dhsc_reportable',
	'status',
	'records_affected',
	'cost_pence',
	'description',
	'root_cause',
	'is_rca_completed'
] as const;

const HOUR_MS = 3_600_000;
const END_MS = Date.parse(`${NATIONAL_END}T23:59:59Z`);

const CATEGORIES: readonly (readonly [IncidentCategory, number])[] = [
	['misdirected', 34],
	['lost_stolen_device', 12],
	['lost_stolen_paper', 10],
	['unauthorised_access', 14],
	['phishing', 10],
	['unapproved_messaging', 8],
	['insider_misuse', 4],
	['system_unavailability', 5],
	['malware_ransomware', 2],
	['other', 1]
];
const BREACH_TYPE: Partial<Record<IncidentCategory, 'integrity' | 'availability'>> = { system_unavailability: 'availability', malware_ransomware: 'integrity' };

/** Incidents logged per 1,000 staff a year: 20 at maturity 0, 12 at 1 (about 100,000 over five years nationally). */
export function incidentsPerThousandStaff(maturity: number): number {
	return 12 + 8 * (1 - maturity);
}

/**
 * Five years of incidents, month by month. Reportable ones are notified within 72 hours, and closed
 * ones have their root cause analysed, more often the more mature the organisation (the C1.d and D2.a
 * rules read those rates).
 */
export function incidentRows(org: NationalOrganisation, organisationId: number, random: Random): (string | number | boolean | null)[][] {
	const m = org.maturity;
	const perMonth = (org.staff * incidentsPerThousandStaff(m)) / 1000 / 12;
	const rows: (string | number | boolean | null)[][] = [];
	for (const month of monthStarts(NATIONAL_START, NATIONAL_END)) {
		const count = poissonish(perMonth, random);
		for (let k = 0; k < count; k++) {
			const day = String(random.int(1, daysInMonth(month))).padStart(2, '0');
			const detected = Date.parse(`${month.slice(0, 8)}${day}T${String(random.int(7, 19)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}:00Z`);
			const at = (hours: number) => new Date(detected + hours * HOUR_MS).toISOString();
			const category = random.weighted(CATEGORIES);
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
			const grade = gradeIncident(likelihood, severity);
			const contained = random.int(1, Math.round(240 - 200 * m));
			const closedHours = contained + random.int(48, 900);
			const closed = detected + closedHours * HOUR_MS <= END_MS;
			const breachType = BREACH_TYPE[category] ?? 'confidentiality';
			rows.push([
				organisationId,
				`${org.ods}/${month.slice(2, 4)}/${String(rows.length + 1).padStart(5, '0')}`,
				at(-random.int(0, 96)),
				at(0),
				grade.icoReportable ? at(random.chance(0.6 + 0.39 * m) ? random.int(2, 71) : random.int(73, 200)) : null,
				at(contained),
				closed ? at(closedHours) : null,
				breachType,
				category,
				likelihood,
				severity,
				grade.icoReportable,
				grade.dhscReportable,
				closed ? 'closed' : random.chance(0.5) ? 'investigating' : 'open',
				breachType === 'confidentiality'
					? random.weighted([
							[1, 50],
							[random.int(2, 20), 35],
							[random.int(21, 2000), 15]
						] as const)
					: null,
				severity >= 3 ? random.int(200, 25_000) * 100 : null,
				`${category.replaceAll('_', ' ')} reported by ${random.pick(org.band.departments)}`,
				closed ? random.pick(['Human error', 'Process not followed', 'Technical fault', 'Third-party failure']) : null,
				closed && random.chance(0.45 + 0.5 * m)
			]);
		}
	}
	return rows;
}

/** A whole count with the given mean (Poisson; by normal approximation for large means, where Knuth's method underflows). */
function poissonish(mean: number, random: Random): number {
	if (mean > 30) {
		const normal = Math.sqrt(-2 * Math.log(1 - random.float())) * Math.cos(2 * Math.PI * random.float());
		return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
	}
	const limit = Math.exp(-mean);
	let product = random.float();
	let count = 0;
	while (product > limit) {
		count += 1;
		product *= random.float();
	}
	return count;
}
