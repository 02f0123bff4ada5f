import type { ActivityType, FindingStatus, Opinion, Severity, VeracityConfidence } from '../../src/lib/schemas/assurance';
import { toAssuranceMetrics, type AssuranceFacts } from '../../src/lib/server/assurance/assurance-metrics';
import { daysBetween, daysOverdue, isOpenOn, isOverdueOn } from '../../src/lib/server/assurance/finding-dates';
import { approvedAppMatcher, classifyMessagingApp } from '../../src/lib/server/assurance/messaging-apps';
import type { ActivityView, AssuranceRegister, FindingView, PhishingExerciseView } from '../../src/lib/server/assurance/service';

/**
 * An assurance register as getAssuranceRegister would return it, built from a few plain rows, with its
 * metrics computed by the real metric function from the same rows, so the figures and the rows agree.
 */
export const ASSURANCE_AS_OF = '2026-03-31';

interface ActivityRow {
	id: number;
	type: ActivityType;
	title: string;
	provider?: string;
	startedOn: string;
	completedOn?: string;
	opinion?: Opinion;
	confidence?: VeracityConfidence;
	scope?: string;
	note?: string;
	report?: string;
}

interface FindingRow {
	reference: string;
	title: string;
	severity: Severity;
	raisedOn: string;
	dueOn: string;
	owner?: string;
	activityId?: number;
	status?: FindingStatus;
	remediatedOn?: string;
	accepted?: { on: string; by: string; reason: string };
}

export interface RegisterInput {
	asOf?: string;
	activities?: ActivityRow[];
	findings?: FindingRow[];
	phishing?: PhishingExerciseView[];
	apps?: { asOf: string; apps: { appName: string; deviceCount: number }[] } | null;
	approved?: { name: string; activeUsers: number | null }[];
	managedDevices?: number | null;
	staffCount?: number;
}

export function buildRegister(input: RegisterInput): AssuranceRegister {
	const asOf = input.asOf ?? ASSURANCE_AS_OF;
	const activities = [...(input.activities ?? [])].sort((a, b) => b.startedOn.localeCompare(a.startedOn) || b.id - a.id);
	const done = (a: ActivityRow) => a.completedOn !== undefined && a.completedOn <= asOf;
	const findings = input.findings ?? [];
	const dates = (f: FindingRow) => ({
		severity: f.severity,
		status: f.status ?? (f.accepted ? 'risk_accepted' : f.remediatedOn ? 'remediated' : 'open'),
		raisedOn: f.raisedOn,
		dueOn: f.dueOn,
		remediatedOn: f.remediatedOn ?? null,
		acceptedOn: f.accepted?.on ?? null
	});
	const phishing = input.phishing ?? [];
	const approved = input.approved ?? [];
	const facts: AssuranceFacts = {
		findings: findings.map(dates),
		activities: activities.map((a) => ({
			type: a.type,
			provider: a.provider ?? null,
			startedOn: a.startedOn,
			completedOn: a.completedOn ?? null,
			opinion: a.opinion ?? null,
			veracityConfidence: a.confidence ?? null
		})),
		phishing: phishing.map((p) => ({ activityId: p.activityId, startedOn: p.startedOn, emailsSent: p.emailsSent, clicked: p.clicked, reported: p.reported })),
		appSnapshot: input.apps ? { asOf: input.apps.asOf, devicesTotal: null, apps: input.apps.apps, devices: null } : null,
		managedDevices: input.managedDevices ?? null,
		approvedApps: approved,
		staffCount: input.staffCount ?? 0
	};
	const matcher = approvedAppMatcher(approved.map((a) => a.name));
	const title = new Map(activities.map((a) => [a.id, a.title]));
	return {
		org: 'ZT1',
		asOf,
		metrics: toAssuranceMetrics(facts, asOf),
		activities: activities
			.filter((a) => a.startedOn <= asOf)
			.map((a): ActivityView => ({
				id: a.id,
				type: a.type,
				title: a.title,
				provider: a.provider ?? null,
				startedOn: a.startedOn,
				completedOn: done(a) ? a.completedOn! : null,
				scope: a.scope ?? null,
				opinion: done(a) ? (a.opinion ?? null) : null,
				veracityConfidence: done(a) ? (a.confidence ?? null) : null,
				opinionNote: a.note ?? null,
				reportFileName: a.report ?? null
			})),
		findings: findings
			.filter((f) => f.raisedOn <= asOf)
			.map((f): FindingView => {
				const d = dates(f);
				const open = isOpenOn(d, asOf);
				const closed = open ? null : (d.remediatedOn ?? d.acceptedOn);
				return {
					id: 0,
					reference: f.reference,
					title: f.title,
					severity: f.severity,
					raisedOn: f.raisedOn,
					dueOn: f.dueOn,
					owner: f.owner ?? null,
					status: open ? 'open' : d.status,
					remediatedOn: open ? null : d.remediatedOn,
					acceptedBy: open ? null : (f.accepted?.by ?? null),
					acceptedReason: open ? null : (f.accepted?.reason ?? null),
					acceptedOn: open ? null : d.acceptedOn,
					activityId: f.activityId ?? null,
					activityTitle: f.activityId === undefined ? null : (title.get(f.activityId) ?? null),
					overdue: isOverdueOn(d, asOf),
					daysOverdue: daysOverdue(d, asOf),
					ageDays: daysBetween(f.raisedOn, closed ?? asOf)
				};
			}),
		phishing: phishing.filter((p) => p.startedOn <= asOf),
		messagingApps: (input.apps?.apps ?? []).flatMap((a) => {
			const c = classifyMessagingApp(a.appName, matcher);
			return c ? [{ appName: a.appName, deviceCount: a.deviceCount, cls: c.cls, matched: c.name }] : [];
		}),
		messagingSnapshotOn: input.apps?.asOf ?? null
	};
}

const exercise = (
	activityId: number,
	startedOn: string,
	sent: number,
	clicked: number,
	reported: number,
	groups: PhishingExerciseView['groups'] = []
): PhishingExerciseView => ({
	activityId,
	title: `Phishing exercise ${startedOn.slice(0, 7)}`,
	startedOn,
	emailsSent: sent,
	clicked,
	credentialsEntered: groups.length ? groups.reduce((s, g) => s + (g.credentialsEntered ?? 0), 0) : null,
	reported,
	groups
});

/** A trust with a year of assurance: an assessment, two penetration tests, an audit, findings in every state, phishing and messaging apps. */
export function sampleRegister(): AssuranceRegister {
	return buildRegister({
		activities: [
			{
				id: 1,
				type: 'dspt_independent_assessment',
				title: 'DSPT 2025-26 independent assessment',
				provider: 'Audit One LLP',
				startedOn: '2026-01-10',
				completedOn: '2026-02-20',
				opinion: 'moderate',
				confidence: 'high',
				scope: 'The DSPT 2025-26 submission',
				note: 'Two outcomes over-claimed.',
				report: 'ia-report.pdf'
			},
			{
				id: 2,
				type: 'penetration_test',
				title: 'External and internal penetration test',
				provider: 'Red Team Ltd',
				startedOn: '2025-10-01',
				completedOn: '2025-10-15'
			},
			{
				id: 3,
				type: 'internal_audit',
				title: 'Internal audit: access management',
				provider: 'Internal Audit',
				startedOn: '2025-06-01',
				completedOn: '2025-06-30',
				opinion: 'limited'
			},
			{ id: 4, type: 'penetration_test', title: 'Penetration test 2024', provider: 'Red Team Ltd', startedOn: '2024-09-01', completedOn: '2024-09-20' },
			{ id: 5, type: 'cyber_essentials_plus', title: 'Cyber Essentials Plus renewal', startedOn: '2026-03-20' }
		],
		findings: [
			{
				reference: 'PT-01',
				title: 'Unpatched VPN appliance',
				severity: 'critical',
				raisedOn: '2025-10-15',
				dueOn: '2025-10-29',
				owner: 'Network manager',
				activityId: 2,
				remediatedOn: '2025-10-25'
			},
			{
				reference: 'PT-02',
				title: 'Default credentials on a printer',
				severity: 'high',
				raisedOn: '2025-10-15',
				dueOn: '2025-10-29',
				owner: 'Service desk',
				activityId: 2,
				remediatedOn: '2025-11-20'
			},
			{
				reference: 'PT-03',
				title: 'Legacy PACS server on an unsupported OS',
				severity: 'high',
				raisedOn: '2025-10-15',
				dueOn: '2025-10-29',
				activityId: 2,
				accepted: { on: '2025-10-28', by: 'Jane Doe, SIRO', reason: 'Isolated on its own network segment; replaced in 2026-27.' }
			},
			{
				reference: 'PT-04',
				title: 'TLS 1.0 enabled on the intranet',
				severity: 'medium',
				raisedOn: '2025-10-15',
				dueOn: '2026-01-13',
				owner: 'Web team',
				activityId: 2
			},
			{
				reference: 'IA-01',
				title: 'Board training records incomplete',
				severity: 'high',
				raisedOn: '2026-02-20',
				dueOn: '2026-03-06',
				owner: 'IG lead',
				activityId: 1
			},
			{ reference: 'IA-02', title: 'Asset register out of date', severity: 'low', raisedOn: '2026-02-20', dueOn: '2026-08-19', activityId: 1 },
			{ reference: 'IA-03', title: 'Privileged accounts without MFA', severity: 'critical', raisedOn: '2026-03-25', dueOn: '2026-04-08', activityId: 1 },
			{
				reference: 'OLD-01',
				title: 'Old finding long closed',
				severity: 'high',
				raisedOn: '2024-09-20',
				dueOn: '2024-10-04',
				activityId: 4,
				remediatedOn: '2024-10-01'
			}
		],
		phishing: [
			exercise(10, '2024-03-10', 1000, 250, 80),
			exercise(11, '2024-06-10', 1000, 200, 100),
			exercise(12, '2025-06-10', 1000, 150, 200),
			exercise(13, '2025-09-10', 1000, 120, 260),
			exercise(14, '2026-01-15', 1000, 90, 310, [
				{ staffGroup: 'Nursing', emailsSent: 600, clicked: 60, credentialsEntered: 10, reported: 170 },
				{ staffGroup: 'Medical and Dental', emailsSent: 400, clicked: 30, credentialsEntered: 5, reported: 140 }
			])
		],
		apps: {
			asOf: '2026-03-01',
			apps: [
				{ appName: 'WhatsApp Business', deviceCount: 40 },
				{ appName: 'whatsapp', deviceCount: 80 },
				{ appName: 'Telegram', deviceCount: 4 },
				{ appName: 'Microsoft Teams', deviceCount: 1900 },
				{ appName: 'Calculator', deviceCount: 2000 }
			]
		},
		approved: [{ name: 'Microsoft Teams', activeUsers: 3000 }],
		managedDevices: 2000,
		staffCount: 5000
	});
}

/** An organisation with nothing recorded. */
export function emptyRegister(): AssuranceRegister {
	return buildRegister({});
}
