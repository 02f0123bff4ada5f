import type { Opinion, VeracityConfidence } from '../../schemas/assurance';
import { addMonths, financialYearLabel, financialYearOf } from '../metrics/periods';
import { planFindings, type SeedActivity, type SeedFinding, type SeedPhishingResult } from './assurance-findings';
import { addDays, daysBetween, monthAndYear, quarterEnds } from './dates';
import { along } from './demo-messaging';
import { phishingResults } from './demo-phishing';
import { deviceShares } from './national-devices';
import { NATIONAL_END, type NationalOrganisation } from './national-profile';
import type { CopyValue } from './national-copy';
import type { Random } from './random';

/** Financial years (by the year they start) of the national instance's assurance history. */
const YEARS = [2020, 2021, 2022, 2023, 2024] as const;
const PHISHING_FROM = '2022-06-01';
const APPS_FROM = '2023-06-30';

const ASSESSORS = ['Ambridge Audit and Assurance LLP', 'Midshire Internal Audit Agency', 'Northern Counties Assurance Consortium'];
const TESTERS = ['Lakey Hill Security Ltd (CHECK)', 'Penny Hassett Cyber Ltd (CREST)', 'Edgeley Red Team LLP (CHECK)'];
const AUDIT_SUBJECTS = [
	'Information governance',
	'Backup and recovery',
	'Supplier assurance',
	'Mobile device management',
	'Vulnerability and patch management',
	'Access control'
];
const CLINICAL_APPS = ['Siilo', 'Medic Bleep', 'Careflow Connect', 'Pando'];
const CONSUMER_MIX: readonly (readonly [string, number])[] = [
	['WhatsApp', 0.62],
	['WhatsApp Business', 0.08],
	['Telegram', 0.1],
	['Signal', 0.09],
	['Messenger', 0.07],
	['Snapchat', 0.04]
];

export const APP_SNAPSHOT_DATES = quarterEnds(APPS_FROM, NATIONAL_END);

export interface NationalAssurance {
	activities: SeedActivity[];
	findings: SeedFinding[];
	phishing: SeedPhishingResult[];
	approvedApps: { name: string; approvedOn: string; activeUsers: number | null; activeUsersOn: string | null }[];
	/** Count-per-app exports, one per quarter end (APP_SNAPSHOT_DATES). */
	appSnapshots: { asOf: string; apps: { name: string; devices: number }[] }[];
}

/** Maturity on a date: the organisation's own on the as-of date, 0.05 lower for each year before it. */
function maturityOn(org: NationalOrganisation, isoDate: string): number {
	return Math.min(1, Math.max(0.05, org.maturity - (0.05 * daysBetween(isoDate, NATIONAL_END)) / 365));
}

const opinionAt = (m: number): Opinion => (m >= 0.8 ? 'substantial' : m >= 0.55 ? 'moderate' : m >= 0.3 ? 'limited' : 'unsatisfactory');
const confidenceAt = (m: number): VeracityConfidence => (m >= 0.75 ? 'high' : m >= 0.5 ? 'medium' : 'low');
const day = (year: number, month: number, random: Random) => `${year}-${String(month).padStart(2, '0')}-${String(random.int(3, 26)).padStart(2, '0')}`;

/** A DSPT independent assessment completed on a date, of the submission due the June before or after it. */
function assessment(completedOn: string, m: number, random: Random): SeedActivity {
	const edition = financialYearLabel(financialYearOf(addMonths(completedOn, -3)));
	return {
		type: 'dspt_independent_assessment',
		title: `DSPT ${edition} independent assessment`,
		provider: random.pick(ASSESSORS),
		startedOn: addDays(completedOn, -random.int(35, 60)),
		completedOn,
		scope: `The ${edition} DSPT self-assessment and its evidence`,
		opinion: opinionAt(m),
		confidence: confidenceAt(m),
		note: null
	};
}

/**
 * One national organisation's assurance history over the five years, drawn from its maturity (rising 0.05
 * a year to its own on the as-of date): a DSPT independent assessment every spring (the least mature
 * sometimes had the last one early and the next still under way at the end, so A2.b finds none in the
 * year), a penetration test every year (every other year below maturity 0.5), an internal audit, Cyber
 * Essentials Plus for the more mature,
 * the findings of each (assurance-findings.ts), quarterly phishing exercises from June 2022 whose click
 * rates fall and report rates rise with maturity, and quarterly count-per-app discovered-apps exports from
 * June 2023 whose consumer messaging apps fall to a quarter after a secure messaging app is rolled out.
 */
export function planNationalAssurance(org: NationalOrganisation, random: Random): NationalAssurance {
	const m = (d: string) => maturityOn(org, d);
	const noisy = (d: string) => m(d) + (random.float() - 0.5) * 0.16;
	const activities: SeedActivity[] = [];
	// The least mature sometimes had their last assessment early (March 2024) and the next is still under
	// way at the end, so the 12 months before it hold none.
	const slipped = org.maturity < 0.4 && random.chance(0.5);
	for (const year of YEARS) {
		const assessed = slipped && year === 2024 ? day(2024, 3, random) : day(year, random.int(4, 6), random);
		activities.push(assessment(assessed, noisy(assessed), random));
		if (org.maturity >= 0.5 || (org.index + year) % 2 === 0) {
			const tested = addDays(`${year}-04-01`, random.int(20, 340));
			activities.push({
				type: 'penetration_test',
				title: `Penetration test, ${monthAndYear(tested)}`,
				provider: random.pick(TESTERS),
				startedOn: addDays(tested, -random.int(4, 10)),
				completedOn: tested,
				scope: 'Penetration test of the internal and external infrastructure',
				opinion: null,
				confidence: null,
				note: null
			});
		}
		const audited = addDays(`${year}-04-01`, random.int(150, 330));
		const subject = AUDIT_SUBJECTS[(org.index + year) % AUDIT_SUBJECTS.length] as string;
		activities.push({
			type: 'internal_audit',
			title: `Internal audit: ${subject}, ${monthAndYear(audited)}`,
			provider: random.pick(ASSESSORS),
			startedOn: addDays(audited, -30),
			completedOn: audited,
			scope: subject,
			opinion: opinionAt(noisy(audited)),
			confidence: null,
			note: null
		});
		if (org.maturity >= 0.65 && year >= 2022) {
			const certified = day(year + 1, random.int(1, 3), random);
			activities.push({
				type: 'cyber_essentials_plus',
				title: `Cyber Essentials Plus, ${monthAndYear(certified)}`,
				provider: 'Loxley Barratt Certification Ltd',
				startedOn: addDays(certified, -10),
				completedOn: certified,
				scope: 'Cyber Essentials Plus assessment of the whole organisation',
				opinion: noisy(certified) >= 0.7 ? 'pass' : 'fail',
				confidence: null,
				note: null
			});
		}
	}
	if (slipped) activities.push({ ...assessment('2025-03-31', 0, random), startedOn: '2025-02-10', completedOn: null, opinion: null, confidence: null });
	const context = { maturityOn: m, end: NATIONAL_END, siro: 'SIRO' };
	const findings = activities.flatMap((a) => planFindings(a, context, random));
	const phishing: SeedPhishingResult[] = [];
	for (const quarterEnd of quarterEnds(PHISHING_FROM, NATIONAL_END)) {
		const startedOn = addDays(quarterEnd, -random.int(20, 50));
		const title = `Phishing simulation, ${monthAndYear(startedOn)}`;
		activities.push({
			type: 'phishing_exercise',
			title,
			provider: 'Simulated phishing service (IT security team)',
			startedOn,
			completedOn: addDays(startedOn, 7),
			scope: 'Every member of staff with an NHSmail account',
			opinion: null,
			confidence: null,
			note: null
		});
		const p = m(startedOn) * (0.9 + 0.2 * random.float());
		phishing.push(
			...phishingResults(
				title,
				Math.max(1, Math.round(org.staff * 0.96)),
				{ click: 0.24 - 0.18 * p, report: 0.05 + 0.32 * p, credentials: 0.42 - 0.17 * p },
				org.index % 3 === 0 && org.staff >= 200,
				random
			)
		);
	}
	return { activities, findings, phishing, ...messaging(org, random) };
}

function messaging(org: NationalOrganisation, random: Random): Pick<NationalAssurance, 'approvedApps' | 'appSnapshots'> {
	const managed = org.devices * deviceShares(org.maturity).managed;
	const rollout = random.chance(org.maturity) ? addDays('2023-04-01', random.int(0, 560)) : null;
	const approvedApps: NationalAssurance['approvedApps'] = [];
	if (random.chance(0.7)) approvedApps.push({ name: 'Microsoft Teams', approvedOn: '2020-04-01', activeUsers: null, activeUsersOn: null });
	if (rollout) {
		approvedApps.push({
			name: random.pick(CLINICAL_APPS),
			approvedOn: rollout,
			activeUsers: Math.round(org.staff * (0.45 + 0.45 * org.maturity)),
			activeUsersOn: addDays(NATIONAL_END, -30)
		});
	}
	const appSnapshots = APP_SNAPSHOT_DATES.map((asOf) => {
		const base = 0.14 * (1 - maturityOn(org, asOf)) + 0.01;
		// After a rollout consumer apps fall to a quarter of where they were within three quarters.
		const share =
			rollout === null || asOf < rollout
				? base
				: base *
					along(
						[
							[rollout, 1],
							[addDays(rollout, 270), 0.25]
						],
						asOf
					);
		const total = managed * share * (0.9 + 0.2 * random.float());
		const apps = CONSUMER_MIX.map(([name, weight]) => ({ name, devices: Math.round(total * weight) })).filter((a) => a.devices > 0);
		for (const a of approvedApps) {
			const onDevices =
				a.name === 'Microsoft Teams'
					? 0.85
					: asOf < a.approvedOn
						? 0
						: along(
								[
									[a.approvedOn, 0.1],
									[addDays(a.approvedOn, 365), 0.7]
								],
								asOf
							);
			if (onDevices > 0) apps.push({ name: a.name, devices: Math.round(managed * onDevices) });
		}
		return { asOf, apps };
	});
	return { approvedApps, appSnapshots };
}

// The rows in COPY column order.

export const ACTIVITY_COLUMNS = [
	'organisation_id',
	'activity_type',
	'title',
	'provider',
	'started_on',
	'completed_on',
	'scope',
	'overall_opinion',
	'veracity_confidence',
	'opinion_note'
] as const;

export function activityRow(organisationId: number, a: SeedActivity): CopyValue[] {
	return [organisationId, a.type, a.title, a.provider, a.startedOn, a.completedOn, a.scope, a.opinion, a.confidence, a.note];
}

export const FINDING_COLUMNS = [
	'organisation_id',
	'activity_id',
	'reference',
	'title',
	'severity',
	'raised_on',
	'due_on',
	'owner',
	'status',
	'remediated_on',
	'accepted_by',
	'accepted_reason',
	'accepted_on'
] as const;
export const PHISHING_COLUMNS = ['activity_id', 'staff_group', 'emails_sent', 'clicked', 'credentials_entered', 'reported'] as const;
export const APP_COLUMNS = ['snapshot_id', 'app_name', 'app_version', 'device_count'] as const;

export function findingRow(organisationId: number, activityId: number, f: SeedFinding): CopyValue[] {
	return [
		organisationId,
		activityId,
		f.reference,
		f.title,
		f.severity,
		f.raisedOn,
		f.dueOn,
		f.owner,
		f.status,
		f.remediatedOn,
		f.acceptedBy,
		f.acceptedReason,
		f.acceptedOn
	];
}

export function phishingRow(activityId: number, r: SeedPhishingResult): CopyValue[] {
	return [activityId, r.staffGroup, r.emailsSent, r.clicked, r.credentialsEntered, r.reported];
}

export const APPROVED_APP_COLUMNS = ['organisation_id', 'name', 'active_users', 'active_users_on', 'added_at'] as const;

export function approvedAppRow(organisationId: number, a: NationalAssurance['approvedApps'][number]): CopyValue[] {
	return [organisationId, a.name, a.activeUsers, a.activeUsersOn, `${a.approvedOn}T09:00:00Z`];
}
