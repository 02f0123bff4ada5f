import { assuranceCharts, openFindingsByAge, SEVERITY_ORDER, type OpenFindingsByAge } from '../../charts/assurance-charts';
import type { ChartSpec } from '../../charts/chart-spec';
import type { AssuranceMetrics } from './assurance-metrics';
import { isCriticalOrHigh } from './finding-dates';
import { listApprovedApps, type ApprovedApp } from './messaging';
import { getAssuranceRegister, type ActivityView, type AssuranceRegister, type FindingView, type PhishingExerciseView } from './service';
import { can } from '../auth/capabilities';
import type { ServiceContext } from '../context';
import { twelveMonthsBefore } from '../metrics/periods';
import { requireOrganisation } from '../auth/organisation-access';
import { parseAsOf, today as todayInLondon } from '../as-of';
import { freshnessOf } from '../freshness/service';
import { sourceOf, type SourceFreshness } from '../freshness/sources';
import { resolvePageDate } from '../freshness/page-date';

/** A finding closed by the date, and whether that was after its due date. */
export type ClosedFinding = FindingView & { late: boolean };

export interface UnapprovedAppRow {
	/** The listed consumer app (WhatsApp for "WhatsApp Business"). */
	name: string;
	/** As the metrics count them: exact per app, summed over the names and versions it was found as. */
	devices: number;
	foundAs: { appName: string; deviceCount: number }[];
}

export interface ApprovedAppRow {
	id: number;
	name: string;
	activeUsers: number | null;
	activeUsersOn: string | null;
	/** Devices the latest discovered-apps export found it on; null without an export. */
	devices: number | null;
}

/**
 * The Assurance page as of a date: the headline metrics, activities latest first, findings (open ones with
 * the overdue first, standing risk acceptances, remediations in the 12 months), open findings by severity
 * and age, the phishing exercises, and the messaging apps of the latest discovered-apps export beside the
 * organisation's approved apps.
 */
export interface AssurancePage {
	org: string;
	name: string;
	asOf: string;
	/** Set when the address named no date and the page opened at the organisation's data end (freshness/page-date.ts). */
	opensAtDataEnd: string | null;
	/** How old the assurance data is on the date (freshness/sources.ts). */
	source: SourceFreshness;
	/** Whether the reader may record and change assurance data (the manage page). */
	canEdit: boolean;
	metrics: AssuranceMetrics;
	/** Latest first. */
	activities: ActivityView[];
	/** How many of them (the first) started in the 12 months to the date. */
	activitiesInYear: number;
	findings: {
		open: FindingView[];
		openCriticalHighOverdue: number;
		riskAccepted: FindingView[];
		remediated: ClosedFinding[];
	};
	openByAge: OpenFindingsByAge;
	/** Latest first. */
	phishing: PhishingExerciseView[];
	messaging: { snapshotOn: string | null; unapproved: UnapprovedAppRow[]; approved: ApprovedAppRow[] };
	charts: ChartSpec[];
	/** Nothing recorded or imported up to the date. */
	empty: boolean;
}

export async function getAssurancePage(ctx: ServiceContext, ods: string, asOf?: string): Promise<AssurancePage> {
	parseAsOf('assurance page', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	const { asOf: date, opensAtDataEnd } = await resolvePageDate(ctx, org.id, 'assurance page', asOf);
	const [register, approvedApps, freshness] = await Promise.all([
		getAssuranceRegister(ctx, org.ods_code, date),
		listApprovedApps(ctx, org.ods_code, date),
		freshnessOf(ctx, org.id, date)
	]);
	const window = twelveMonthsBefore(date);
	const open = overdueFirst(register.findings.filter((f) => f.status === 'open'));
	const byClosedLatest = (a: FindingView, b: FindingView) =>
		(b.remediatedOn ?? b.acceptedOn ?? '').localeCompare(a.remediatedOn ?? a.acceptedOn ?? '') || a.reference.localeCompare(b.reference);
	return {
		org: org.ods_code,
		name: org.name,
		asOf: date,
		opensAtDataEnd,
		source: sourceOf(freshness, 'assurance'),
		canEdit: can(ctx.actor, { id: org.id, parentId: org.parent_id }, 'edit'),
		metrics: register.metrics,
		activities: register.activities,
		activitiesInYear: register.activities.filter((a) => a.startedOn > window.after).length,
		findings: {
			open,
			openCriticalHighOverdue: open.filter((f) => f.overdue && isCriticalOrHigh(f.severity)).length,
			riskAccepted: register.findings.filter((f) => f.status === 'risk_accepted').sort(byClosedLatest),
			remediated: register.findings
				.filter((f) => f.status === 'remediated' && f.remediatedOn !== null && f.remediatedOn > window.after)
				.sort(byClosedLatest)
				.map((f) => ({ ...f, late: (f.remediatedOn ?? '') > f.dueOn }))
		},
		openByAge: openFindingsByAge(register.findings),
		phishing: [...register.phishing].reverse(),
		messaging: messaging(register, approvedApps),
		charts: assuranceCharts(register),
		empty:
			register.activities.length === 0 &&
			register.findings.length === 0 &&
			register.phishing.length === 0 &&
			register.messagingSnapshotOn === null &&
			approvedApps.length === 0
	};
}

const rank = (f: FindingView) => SEVERITY_ORDER.indexOf(f.severity);

/**
 * Open findings in the order they need attention: the overdue first (most severe, then longest overdue),
 * then the rest by severity and due date.
 */
export function overdueFirst<T extends FindingView>(findings: readonly T[]): T[] {
	return [...findings].sort(
		(a, b) =>
			Number(b.overdue) - Number(a.overdue) ||
			rank(a) - rank(b) ||
			b.daysOverdue - a.daysOverdue ||
			a.dueOn.localeCompare(b.dueOn) ||
			a.reference.localeCompare(b.reference)
	);
}

function messaging(register: AssuranceRegister, approvedApps: Awaited<ReturnType<typeof listApprovedApps>>): AssurancePage['messaging'] {
	const found = register.messagingApps;
	const unapproved = register.metrics.unapprovedApps.map((app) => ({
		name: app.name,
		devices: app.devices,
		foundAs: found.filter((a) => a.cls === 'unapproved' && a.matched === app.name).map((a) => ({ appName: a.appName, deviceCount: a.deviceCount }))
	}));
	const snapshotOn = register.messagingSnapshotOn;
	const approved = approvedApps.map((app) => ({
		...app,
		devices: snapshotOn === null ? null : found.filter((a) => a.cls === 'approved' && a.matched === app.name).reduce((s, a) => s + a.deviceCount, 0)
	}));
	return { snapshotOn, unapproved, approved };
}

/**
 * What the assurance management page edits, as things stand today: the activities (to link findings to,
 * or remove one recorded in error), every finding (open ones overdue first; the closed, latest first)
 * and the approved messaging apps. Only those who may change the organisation's data get it.
 */
export interface AssuranceManagePage {
	org: string;
	name: string;
	today: string;
	activities: ActivityView[];
	/** Open findings, overdue first. */
	openFindings: FindingView[];
	/** Remediated or risk-accepted findings, latest first, to reopen or correct. */
	closedFindings: FindingView[];
	approvedApps: ApprovedApp[];
}

export async function getAssuranceManagePage(ctx: ServiceContext, ods: string): Promise<AssuranceManagePage> {
	const org = await requireOrganisation(ctx, ods, 'edit');
	const today = todayInLondon();
	const [register, approvedApps] = await Promise.all([getAssuranceRegister(ctx, org.ods_code, today), listApprovedApps(ctx, org.ods_code)]);
	const closedOn = (f: FindingView) => f.remediatedOn ?? f.acceptedOn ?? '';
	const closed = register.findings
		.filter((f) => f.status !== 'open')
		.sort((a, b) => closedOn(b).localeCompare(closedOn(a)) || a.reference.localeCompare(b.reference));
	return {
		org: org.ods_code,
		name: org.name,
		today,
		activities: register.activities,
		openFindings: overdueFirst(register.findings.filter((f) => f.status === 'open')),
		closedFindings: closed,
		approvedApps
	};
}
