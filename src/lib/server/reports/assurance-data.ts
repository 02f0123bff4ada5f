import type {
	AssuranceActivityRow,
	AssuranceFindingRow,
	AssuranceRate,
	AssuranceSummary,
	MessagingAppRow,
	PackAssurance,
	PhishingExerciseRow,
	RegulatorAssurance
} from '../../../../reports/assurance-data';
import { ACTIVITY_TYPE_LABELS, FINDING_STATUS_LABELS, OPINION_LABELS, SEVERITIES, SEVERITY_LABELS, VERACITY_LABELS } from '../../schemas/assurance';
import { CRITICAL_HIGH_WINDOW_DAYS } from '../assurance/finding-dates';
import type { ActivityView, AssuranceRegister, FindingView } from '../assurance/service';
import { addDays, addMonths, twelveMonthsBefore } from '../metrics/periods';
import type { Rate } from '../metrics/rate';

/**
 * The assurance the board and regulator packs print, mapped to plain JSON from the assurance register as of
 * the pack's date (getAssuranceRegister, the Assurance page's own read model, so the figures agree). Pure.
 */

/** The board pack prints at most this many activities and overdue findings. */
const BOARD_ACTIVITIES = 8;
const BOARD_OVERDUE = 5;
/** Phishing exercises are shown over two years, so a quarterly programme gives a trend of eight. */
const PHISHING_MONTHS = 24;

const rate = (r: Rate): AssuranceRate => ({ value: r.value, numerator: r.numerator, denominator: r.denominator });
const SEVERITY_RANK = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]));
/** Rows carry the severity as a plain string (JSON); critical and high are the ones DSPT 9.2.3 times. */
const serious = (f: { severity: string }) => f.severity === 'critical' || f.severity === 'high';

function activityRow(a: ActivityView, findings: readonly FindingView[]): AssuranceActivityRow {
	const mine = findings.filter((f) => f.activityId === a.id);
	return {
		type: a.type,
		typeLabel: ACTIVITY_TYPE_LABELS[a.type] ?? a.type,
		title: a.title,
		provider: a.provider,
		startedOn: a.startedOn,
		completedOn: a.completedOn,
		scope: a.scope,
		opinion: a.opinion === null ? null : (OPINION_LABELS[a.opinion] ?? a.opinion),
		confidence: a.veracityConfidence === null ? null : (VERACITY_LABELS[a.veracityConfidence] ?? a.veracityConfidence),
		opinionNote: a.opinionNote,
		reportFileName: a.reportFileName,
		findings: mine.length,
		findingsCriticalHigh: mine.filter(serious).length,
		findingsOpen: mine.filter((f) => f.status === 'open').length
	};
}

function findingRow(f: FindingView, asOf: string): AssuranceFindingRow {
	const closedOn = f.status === 'remediated' ? f.remediatedOn : f.status === 'risk_accepted' ? f.acceptedOn : null;
	const deadline = addDays(f.raisedOn, CRITICAL_HIGH_WINDOW_DAYS);
	// Judged as the 9.2.3 metric judges it: a critical or high finding still open inside its 14 days is not yet late.
	const within14Days = !serious(f) ? null : closedOn !== null ? closedOn <= deadline : deadline < asOf ? false : null;
	return {
		reference: f.reference,
		title: f.title,
		severity: f.severity,
		severityLabel: SEVERITY_LABELS[f.severity] ?? f.severity,
		raisedOn: f.raisedOn,
		dueOn: f.dueOn,
		owner: f.owner,
		status: f.status,
		statusLabel: FINDING_STATUS_LABELS[f.status] ?? f.status,
		closedOn,
		acceptedBy: f.acceptedBy,
		acceptedReason: f.acceptedReason,
		activity: f.activityTitle,
		overdue: f.overdue,
		daysOverdue: f.daysOverdue,
		ageDays: f.ageDays,
		within14Days
	};
}

/** Not a phishing exercise (those have their own table), and completed in the window or still under way. */
function inWindowActivities(r: AssuranceRegister, after: string): ActivityView[] {
	return r.activities.filter((a) => a.type !== 'phishing_exercise' && (a.completedOn === null || a.completedOn > after));
}

const latestFirst = (a: ActivityView, b: ActivityView) => (b.completedOn ?? b.startedOn).localeCompare(a.completedOn ?? a.startedOn) || b.id - a.id;

export function assuranceSummary(r: AssuranceRegister): AssuranceSummary {
	const m = r.metrics;
	const window = twelveMonthsBefore(r.asOf);
	const completedInWindow = (type: string) => r.activities.some((a) => a.type === type && a.completedOn !== null && a.completedOn > window.after);
	const ia = m.lastIndependentAssessment;
	const iaActivity = ia ? r.activities.find((a) => a.type === 'dspt_independent_assessment' && a.completedOn === ia.completedOn) : undefined;
	const penTest = r.activities.filter((a) => a.type === 'penetration_test').sort(latestFirst)[0];
	const open = r.findings.filter((f) => f.status === 'open');
	const count = (list: readonly FindingView[], severity: string) => list.filter((f) => f.severity === severity).length;
	const accepted = r.findings.filter((f) => f.status === 'risk_accepted');
	const remediated12m = r.findings.filter((f) => f.status === 'remediated' && f.remediatedOn !== null && f.remediatedOn > window.after);
	const approved = new Map<string, number>();
	for (const app of r.messagingApps) if (app.cls === 'approved') approved.set(app.matched, (approved.get(app.matched) ?? 0) + app.deviceCount);
	return {
		asOf: r.asOf,
		window: { after: window.after, through: window.through },
		recorded: { activities: r.activities.length, findings: r.findings.length, phishingExercises: r.phishing.length, appExport: r.messagingSnapshotOn !== null },
		coverage: {
			rate: rate(m.assuranceCoverageRate),
			dsptIndependentAssessment: completedInWindow('dspt_independent_assessment'),
			penetrationTest: completedInWindow('penetration_test')
		},
		lastIndependentAssessment: ia
			? {
					title: iaActivity?.title ?? null,
					completedOn: ia.completedOn,
					provider: ia.provider,
					opinion: ia.opinion === null ? null : (OPINION_LABELS[ia.opinion] ?? ia.opinion),
					confidence: ia.veracityConfidence === null ? null : (VERACITY_LABELS[ia.veracityConfidence] ?? ia.veracityConfidence)
				}
			: null,
		latestPenetrationTest: penTest ? activityRow(penTest, r.findings) : null,
		findings: {
			open: open.length,
			openBySeverity: { critical: count(open, 'critical'), high: count(open, 'high'), medium: count(open, 'medium'), low: count(open, 'low') },
			openCriticalHigh: m.openCriticalHigh,
			overdue: m.overdueFindings,
			overdueCriticalHigh: r.findings.filter((f) => f.overdue && serious(f)).length,
			riskAccepted: m.riskAccepted,
			riskAcceptedCriticalHigh: accepted.filter(serious).length,
			remediatedWithin14dRate: rate(m.remediatedWithin14dRate),
			meanDaysToRemediate: { value: m.meanDaysToRemediate, findings: remediated12m.length }
		},
		phishing: {
			latestOn: m.latestPhishingOn,
			clickRate: rate(m.phishingClickRate),
			reportRate: rate(m.phishingReportRate),
			reportShare: rate(m.phishingReportShare)
		},
		messaging: {
			snapshotOn: m.messagingSnapshotOn,
			devicesWithUnapproved: m.devicesWithUnapprovedMessaging,
			unapprovedRate: m.unapprovedMessagingRate === null ? null : rate(m.unapprovedMessagingRate),
			exact: m.unapprovedMessagingExact,
			unapprovedApps: m.unapprovedApps.map((a) => ({ name: a.name, devices: a.devices })),
			approvedApps: [...approved].map(([name, devices]) => ({ name, devices })).sort((a, b) => b.devices - a.devices || a.name.localeCompare(b.name)),
			approvedStaffRate: m.approvedMessagingStaffRate === null ? null : rate(m.approvedMessagingStaffRate)
		}
	};
}

function phishingRows(r: AssuranceRegister): PhishingExerciseRow[] {
	const after = addMonths(r.asOf, -PHISHING_MONTHS);
	return r.phishing
		.filter((p) => p.startedOn > after)
		.sort((a, b) => a.startedOn.localeCompare(b.startedOn) || a.activityId - b.activityId)
		.map((p) => ({
			title: p.title,
			startedOn: p.startedOn,
			emailsSent: p.emailsSent,
			clicked: p.clicked,
			credentialsEntered: p.credentialsEntered,
			reported: p.reported,
			groups: p.groups.map((g) => ({ ...g }))
		}));
}

/** Open overdue first (longest overdue first), then open by severity and due date, then closed, latest raised first. */
function registerOrder(a: AssuranceFindingRow, b: AssuranceFindingRow): number {
	const stage = (f: AssuranceFindingRow) => (f.overdue ? 0 : f.status === 'open' ? 1 : 2);
	return (
		stage(a) - stage(b) ||
		(stage(a) === 0 ? b.daysOverdue - a.daysOverdue : 0) ||
		(stage(a) < 2
			? (SEVERITY_RANK.get(a.severity) ?? 9) - (SEVERITY_RANK.get(b.severity) ?? 9) || a.dueOn.localeCompare(b.dueOn)
			: b.raisedOn.localeCompare(a.raisedOn)) ||
		a.reference.localeCompare(b.reference)
	);
}

export function toPackAssurance(r: AssuranceRegister): PackAssurance {
	const summary = assuranceSummary(r);
	const rows = r.findings.map((f) => findingRow(f, r.asOf));
	const criticalFirst = (a: AssuranceFindingRow, b: AssuranceFindingRow) => Number(serious(b)) - Number(serious(a));
	return {
		...summary,
		activities: inWindowActivities(r, summary.window.after)
			.sort(latestFirst)
			.slice(0, BOARD_ACTIVITIES)
			.map((a) => activityRow(a, r.findings)),
		acceptedCriticalHigh: rows
			.filter((f) => f.status === 'risk_accepted' && serious(f))
			.sort((a, b) => (b.closedOn ?? '').localeCompare(a.closedOn ?? '') || a.reference.localeCompare(b.reference)),
		overdue: rows
			.filter((f) => f.overdue)
			.sort((a, b) => criticalFirst(a, b) || b.daysOverdue - a.daysOverdue || a.reference.localeCompare(b.reference))
			.slice(0, BOARD_OVERDUE),
		phishingExercises: phishingRows(r).map(({ groups: _groups, ...exercise }) => exercise)
	};
}

export function toRegulatorAssurance(r: AssuranceRegister): RegulatorAssurance {
	const summary = assuranceSummary(r);
	const after = summary.window.after;
	const inPeriod = (f: AssuranceFindingRow) => f.status === 'open' || f.raisedOn > after || (f.closedOn !== null && f.closedOn > after);
	const apps: MessagingAppRow[] = r.messagingApps
		.map((a) => ({ appName: a.appName, matched: a.matched, approved: a.cls === 'approved', devices: a.deviceCount }))
		.sort((a, b) => Number(a.approved) - Number(b.approved) || b.devices - a.devices || a.appName.localeCompare(b.appName));
	return {
		...summary,
		activities: inWindowActivities(r, after)
			.sort(latestFirst)
			.map((a) => activityRow(a, r.findings)),
		register: r.findings
			.map((f) => findingRow(f, r.asOf))
			.filter(inPeriod)
			.sort(registerOrder),
		phishingExercises: phishingRows(r),
		messagingApps: apps
	};
}
