import type { ActivityType, Opinion, VeracityConfidence } from '../../schemas/assurance';
import { addDays, twelveMonthsBefore } from '../metrics/periods';
import { rate, type Rate } from '../metrics/rate';
import {
	CRITICAL_HIGH_WINDOW_DAYS,
	closedOn,
	closedWithin14Days,
	daysBetween,
	isCriticalOrHigh,
	isOpenOn,
	isOverdueOn,
	type FindingDates
} from './finding-dates';
import { approvedAppMatcher, classifyMessagingApp } from './messaging-apps';

/**
 * Assurance metrics of one organisation as of a date ("the 12 months before the date" as in metrics/service.ts):
 *
 * - openCriticalHigh: critical and high findings raised by the date and neither remediated nor risk-accepted by it.
 * - overdueFindings: findings of any severity open on the date after their due date (due today is not overdue).
 * - riskAccepted: findings whose risk stood accepted on the date.
 * - remediatedWithin14dRate (DSPT 9.2.3): critical and high findings raised in the 12 months whose 14 days
 *   had run by the date, or that were dealt with already, counting those remediated or risk-accepted no later
 *   than 14 days after being raised ÷ all of them. Findings still open inside their 14 days are not yet judged.
 * - meanDaysToRemediate: mean days from raised to remediated over findings remediated in the 12 months.
 * - assuranceCoverageRate (A2.b): of the activities expected every year (a DSPT independent assessment and a
 *   penetration test), how many finished in the 12 months ÷ 2; no data when no activity is recorded by the date.
 * - phishing: the latest exercise that started in the 12 months: clicked ÷ sent, reported ÷ sent, and the
 *   report share reported ÷ (reported + clicked), which is at least one half when more staff reported the
 *   email than fell for it.
 * - messaging: from the latest discovered-apps export on or before the date, managed devices holding a consumer
 *   messaging app the organisation has not approved. Exact when the export lists devices (each device counted
 *   once); from a per-app count export it is the sum of the apps' device counts, an upper bound, capped at
 *   the devices it divides by. The rate divides by the devices the export lists, else by the managed devices
 *   of the latest device snapshot.
 * - approvedMessagingStaffRate: active users of the approved apps, as counted on or before the date, ÷ staff,
 *   where known.
 */
export interface AssuranceMetrics {
	openCriticalHigh: number;
	overdueFindings: number;
	riskAccepted: number;
	remediatedWithin14dRate: Rate;
	meanDaysToRemediate: number | null;
	assuranceCoverageRate: Rate;
	lastIndependentAssessment: IndependentAssessment | null;
	phishingClickRate: Rate;
	phishingReportRate: Rate;
	phishingReportShare: Rate;
	latestPhishingOn: string | null;
	devicesWithUnapprovedMessaging: number | null;
	unapprovedMessagingRate: Rate | null;
	unapprovedMessagingExact: boolean | null;
	messagingSnapshotOn: string | null;
	unapprovedApps: { name: string; devices: number }[];
	approvedMessagingStaffRate: Rate | null;
}

export interface IndependentAssessment {
	completedOn: string;
	provider: string | null;
	opinion: Opinion | null;
	veracityConfidence: VeracityConfidence | null;
}

/** The activities A2.b expects every year. */
export const EXPECTED_YEARLY: readonly ActivityType[] = ['dspt_independent_assessment', 'penetration_test'];

export interface ActivityFacts {
	type: ActivityType;
	provider: string | null;
	startedOn: string;
	completedOn: string | null;
	opinion: Opinion | null;
	veracityConfidence: VeracityConfidence | null;
}

export interface PhishingFacts {
	activityId: number;
	startedOn: string;
	emailsSent: number;
	clicked: number;
	reported: number;
}

export interface AppSnapshotFacts {
	asOf: string;
	devicesTotal: number | null;
	apps: { appName: string; deviceCount: number }[];
	/** Present when the export listed devices: each device's messaging apps. */
	devices: { deviceKey: string; appName: string }[] | null;
}

export interface AssuranceFacts {
	findings: FindingDates[];
	activities: ActivityFacts[];
	phishing: PhishingFacts[];
	appSnapshot: AppSnapshotFacts | null;
	managedDevices: number | null;
	approvedApps: { name: string; activeUsers: number | null; activeUsersOn?: string | null }[];
	staffCount: number;
}

export function toAssuranceMetrics(facts: AssuranceFacts, asOf: string): AssuranceMetrics {
	const window = twelveMonthsBefore(asOf);
	const inWindow = (d: string | null) => d !== null && d > window.after && d <= window.through;
	const { findings } = facts;
	const critical = findings.filter((f) => isCriticalOrHigh(f.severity));
	const judged = critical.filter((f) => {
		if (!inWindow(f.raisedOn)) return false;
		const closed = closedOn(f);
		return (closed !== null && closed <= asOf) || addDays(f.raisedOn, CRITICAL_HIGH_WINDOW_DAYS) < asOf;
	});
	const onTime = judged.filter((f) => closedWithin14Days(f) && (closedOn(f) ?? '') <= asOf);
	const remediated = findings.filter((f) => f.status === 'remediated' && inWindow(f.remediatedOn));
	const meanDays =
		remediated.length === 0 ? null : remediated.reduce((sum, f) => sum + daysBetween(f.raisedOn, f.remediatedOn ?? f.raisedOn), 0) / remediated.length;
	const done = facts.activities.filter((a) => inWindow(a.completedOn));
	const covered = EXPECTED_YEARLY.filter((t) => done.some((a) => a.type === t)).length;
	const assessments = facts.activities
		.filter((a) => a.type === 'dspt_independent_assessment' && a.completedOn !== null && a.completedOn <= asOf)
		.sort((a, b) => (a.completedOn ?? '').localeCompare(b.completedOn ?? ''));
	const lastAssessment = assessments.at(-1);
	const phishing = latestExercise(facts.phishing, inWindow);
	return {
		openCriticalHigh: critical.filter((f) => isOpenOn(f, asOf)).length,
		overdueFindings: findings.filter((f) => isOverdueOn(f, asOf)).length,
		riskAccepted: findings.filter((f) => f.status === 'risk_accepted' && f.acceptedOn !== null && f.acceptedOn <= asOf).length,
		remediatedWithin14dRate: rate(onTime.length, judged.length),
		meanDaysToRemediate: meanDays,
		// With no activity recorded at all the data cannot say (nothing recorded is not proof nothing was done).
		assuranceCoverageRate: facts.activities.some((a) => a.startedOn <= asOf) ? rate(covered, EXPECTED_YEARLY.length) : rate(0, 0),
		lastIndependentAssessment: lastAssessment
			? {
					completedOn: lastAssessment.completedOn ?? '',
					provider: lastAssessment.provider,
					opinion: lastAssessment.opinion,
					veracityConfidence: lastAssessment.veracityConfidence
				}
			: null,
		phishingClickRate: rate(phishing?.clicked ?? 0, phishing?.emailsSent ?? 0),
		phishingReportRate: rate(phishing?.reported ?? 0, phishing?.emailsSent ?? 0),
		phishingReportShare: rate(phishing?.reported ?? 0, (phishing?.reported ?? 0) + (phishing?.clicked ?? 0)),
		latestPhishingOn: phishing?.startedOn ?? null,
		...messagingMetrics(facts),
		approvedMessagingStaffRate: approvedStaffRate(facts, asOf)
	};
}

/** The latest exercise in the window, its staff group rows added up. */
function latestExercise(rows: readonly PhishingFacts[], inWindow: (d: string) => boolean) {
	const recent = rows.filter((r) => inWindow(r.startedOn));
	const last = recent.reduce<PhishingFacts | null>(
		(best, r) => (!best || r.startedOn > best.startedOn || (r.startedOn === best.startedOn && r.activityId > best.activityId) ? r : best),
		null
	);
	if (!last) return null;
	const mine = recent.filter((r) => r.activityId === last.activityId);
	return {
		startedOn: last.startedOn,
		emailsSent: mine.reduce((s, r) => s + r.emailsSent, 0),
		clicked: mine.reduce((s, r) => s + r.clicked, 0),
		reported: mine.reduce((s, r) => s + r.reported, 0)
	};
}

type MessagingPart = Pick<
	AssuranceMetrics,
	'devicesWithUnapprovedMessaging' | 'unapprovedMessagingRate' | 'unapprovedMessagingExact' | 'messagingSnapshotOn' | 'unapprovedApps'
>;

function messagingMetrics(facts: AssuranceFacts): MessagingPart {
	const snapshot = facts.appSnapshot;
	if (!snapshot)
		return {
			devicesWithUnapprovedMessaging: null,
			unapprovedMessagingRate: null,
			unapprovedMessagingExact: null,
			messagingSnapshotOn: null,
			unapprovedApps: []
		};
	const approved = approvedAppMatcher(facts.approvedApps.map((a) => a.name));
	const unapprovedName = new Map<string, string>();
	const classOf = (appName: string) => {
		if (!unapprovedName.has(appName)) {
			const c = classifyMessagingApp(appName, approved);
			unapprovedName.set(appName, c?.cls === 'unapproved' ? c.name : '');
		}
		return unapprovedName.get(appName) ?? '';
	};
	const perApp = new Map<string, number>();
	for (const app of snapshot.apps) {
		const name = classOf(app.appName);
		if (name) perApp.set(name, (perApp.get(name) ?? 0) + app.deviceCount);
	}
	const denominator = snapshot.devicesTotal ?? facts.managedDevices ?? 0;
	let devices: number;
	if (snapshot.devices) {
		devices = new Set(snapshot.devices.filter((d) => classOf(d.appName) !== '').map((d) => d.deviceKey)).size;
	} else {
		const sum = [...perApp.values()].reduce((s, n) => s + n, 0);
		devices = denominator > 0 ? Math.min(sum, denominator) : sum;
	}
	return {
		devicesWithUnapprovedMessaging: devices,
		unapprovedMessagingRate: denominator > 0 ? rate(devices, denominator) : null,
		unapprovedMessagingExact: snapshot.devices !== null,
		messagingSnapshotOn: snapshot.asOf,
		unapprovedApps: [...perApp].map(([name, n]) => ({ name, devices: n })).sort((a, b) => b.devices - a.devices || a.name.localeCompare(b.name))
	};
}

/** Active users counted on or before the date; a count without its date (unit tests) is taken as known. */
function approvedStaffRate(facts: AssuranceFacts, asOf: string): Rate | null {
	const known = facts.approvedApps.filter((a) => a.activeUsers !== null && (a.activeUsersOn ?? '') <= asOf);
	if (known.length === 0 || facts.staffCount <= 0) return null;
	const users = Math.min(
		known.reduce((s, a) => s + (a.activeUsers ?? 0), 0),
		facts.staffCount
	);
	return rate(users, facts.staffCount);
}
