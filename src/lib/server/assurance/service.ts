import type { ActivityType, FindingStatus, Opinion, Severity, VeracityConfidence } from '../../schemas/assurance';
import { isoDate } from '../../schemas/common';
import type { ServiceContext } from '../context';
import { parseInput } from '../errors';
import { getOrganisationMetrics } from '../metrics/service';
import { requireOrganisation } from '../auth/organisation-access';
import type { AssuranceMetrics } from './assurance-metrics';
import { daysBetween, daysOverdue, isOpenOn, isOverdueOn } from './finding-dates';
import { approvedAppMatcher, classifyMessagingApp, type MessagingClass } from './messaging-apps';
import * as q from './queries';

export interface ActivityView {
	id: number;
	type: ActivityType;
	title: string;
	provider: string | null;
	startedOn: string;
	completedOn: string | null;
	scope: string | null;
	opinion: Opinion | null;
	veracityConfidence: VeracityConfidence | null;
	opinionNote: string | null;
	reportFileName: string | null;
}

export interface FindingView {
	id: number;
	reference: string;
	title: string;
	severity: Severity;
	raisedOn: string;
	dueOn: string;
	owner: string | null;
	/** The status on the as-of date (a finding remediated later is still open then). */
	status: FindingStatus;
	remediatedOn: string | null;
	acceptedBy: string | null;
	acceptedReason: string | null;
	acceptedOn: string | null;
	activityId: number | null;
	activityTitle: string | null;
	overdue: boolean;
	daysOverdue: number;
	/** Days since raised, to the as-of date while open, to the day it closed otherwise. */
	ageDays: number;
}

export interface PhishingExerciseView {
	activityId: number;
	title: string;
	startedOn: string;
	emailsSent: number;
	clicked: number;
	credentialsEntered: number | null;
	reported: number;
	groups: { staffGroup: string; emailsSent: number; clicked: number; credentialsEntered: number | null; reported: number }[];
}

export interface DiscoveredAppView {
	appName: string;
	deviceCount: number;
	cls: MessagingClass;
	/** The listed app it matched (WhatsApp for "WhatsApp Business"). */
	matched: string;
}

export interface AssuranceRegister {
	org: string;
	asOf: string;
	metrics: AssuranceMetrics;
	activities: ActivityView[];
	findings: FindingView[];
	phishing: PhishingExerciseView[];
	messagingApps: DiscoveredAppView[];
	messagingSnapshotOn: string | null;
}

/**
 * Everything recorded about an organisation's assurance as of a date: activities and phishing exercises
 * started by then, findings raised by then as they stood at the end of the date (their history) with their status then, and the messaging apps of the
 * latest discovered-apps export, with the metrics computed from them.
 */
export async function getAssuranceRegister(ctx: ServiceContext, ods: string, asOf: string): Promise<AssuranceRegister> {
	const date = parseInput(isoDate, 'as-of date', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	const [metrics, activityRows, findingRows, phishingRows, approvedRows, snapshots] = await Promise.all([
		getOrganisationMetrics(ctx, org.ods_code, date),
		q.selectActivities(ctx.db, [org.id]),
		q.selectFindingsAsOf(ctx.db, [org.id], date),
		q.selectPhishingResults(ctx.db, [org.id]),
		q.selectApprovedAppsAsOf(ctx.db, [org.id], date),
		q.selectLatestAppSnapshots(ctx.db, [org.id], date)
	]);
	const snapshot = snapshots[0];
	const apps = snapshot ? await q.selectSnapshotApps(ctx.db, [snapshot.id]) : [];
	const approved = approvedAppMatcher(approvedRows.map((a) => a.name));
	return {
		org: org.ods_code,
		asOf: date,
		metrics: metrics.assurance,
		activities: activityRows
			.filter((a) => a.started_on <= date)
			.map((a) => ({
				id: a.id,
				type: a.activity_type,
				title: a.title,
				provider: a.provider,
				startedOn: a.started_on,
				completedOn: a.completed_on !== null && a.completed_on <= date ? a.completed_on : null,
				scope: a.scope,
				opinion: a.completed_on !== null && a.completed_on <= date ? a.overall_opinion : null,
				veracityConfidence: a.completed_on !== null && a.completed_on <= date ? a.veracity_confidence : null,
				opinionNote: a.opinion_note,
				reportFileName: a.report_file_name
			})),
		findings: findingRows.filter((f) => f.raised_on <= date).map((f) => findingAsOf(f, date)),
		phishing: exercises(phishingRows.filter((p) => p.started_on <= date)),
		messagingApps: apps.flatMap((a) => {
			const c = classifyMessagingApp(a.app_name, approved);
			return c ? [{ appName: a.app_name, deviceCount: a.device_count, cls: c.cls, matched: c.name }] : [];
		}),
		messagingSnapshotOn: snapshot?.as_of ?? null
	};
}

type FindingRow = Awaited<ReturnType<typeof q.selectFindingsAsOf>>[number];

function findingAsOf(f: FindingRow, date: string): FindingView {
	const dates = {
		severity: f.severity,
		status: f.status,
		raisedOn: f.raised_on,
		dueOn: f.due_on,
		remediatedOn: f.remediated_on,
		acceptedOn: f.accepted_on
	};
	const open = isOpenOn(dates, date);
	const closed = open ? null : (f.remediated_on ?? f.accepted_on);
	return {
		id: f.id,
		reference: f.reference,
		title: f.title,
		severity: dates.severity,
		raisedOn: f.raised_on,
		dueOn: f.due_on,
		owner: f.owner,
		status: open ? 'open' : dates.status,
		remediatedOn: open ? null : f.remediated_on,
		acceptedBy: open ? null : f.accepted_by,
		acceptedReason: open ? null : f.accepted_reason,
		acceptedOn: open ? null : f.accepted_on,
		activityId: f.activity_id,
		activityTitle: f.activity_title,
		overdue: isOverdueOn(dates, date),
		daysOverdue: daysOverdue(dates, date),
		ageDays: daysBetween(f.raised_on, closed ?? date)
	};
}

function exercises(rows: Awaited<ReturnType<typeof q.selectPhishingResults>>): PhishingExerciseView[] {
	const byActivity = new Map<number, PhishingExerciseView>();
	for (const r of rows) {
		let e = byActivity.get(r.activity_id);
		if (!e) {
			e = { activityId: r.activity_id, title: r.title, startedOn: r.started_on, emailsSent: 0, clicked: 0, credentialsEntered: 0, reported: 0, groups: [] };
			byActivity.set(r.activity_id, e);
		}
		e.emailsSent += r.emails_sent;
		e.clicked += r.clicked;
		e.reported += r.reported;
		// Credentials entered is known for the exercise only when every row gives it.
		e.credentialsEntered = e.credentialsEntered === null || r.credentials_entered === null ? null : e.credentialsEntered + r.credentials_entered;
		if (r.staff_group !== '') {
			e.groups.push({
				staffGroup: r.staff_group,
				emailsSent: r.emails_sent,
				clicked: r.clicked,
				credentialsEntered: r.credentials_entered,
				reported: r.reported
			});
		}
	}
	return [...byActivity.values()];
}
