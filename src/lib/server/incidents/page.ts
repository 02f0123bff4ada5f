import { z } from 'zod';
import type { IncidentChartData, NotificationStatus } from '../../charts/incident-charts';
import { BREACH_TYPES, INCIDENT_CATEGORIES } from '../../schemas/incident';
import { parseAsOf } from '../as-of';
import type { ServiceContext } from '../context';
import { parseInput } from '../errors';
import type { GradingRules } from './grading';
import { gradingPeriodOn, type GradingSource } from './grading-periods';
import * as q from './page-queries';
import { loadGradingPeriods } from './regrade';
import type { IncidentMetrics } from '../metrics/incident-metrics';
import { instantsOf, twelveMonthsBefore } from '../metrics/periods';
import { getOrganisationMetrics, type StaffCount } from '../metrics/service';
import { requireOrganisation } from '../auth/organisation-access';
import { monthInWindow, monthsBefore, notificationStatus, summariseIncidents, type GradeGrid } from './page-summary';
import { freshnessOf } from '../freshness/service';
import { sourceOf, type SourceFreshness } from '../freshness/sources';
import { calendarDayOf } from '../db/day';
import { resolvePageDate } from '../freshness/page-date';

/** The incidents table shows this many rows a page (newest first), says how many matched, and links the pages. */
export const INCIDENT_PAGE_SIZE = 50;
/** A page number from the URL: 1 onwards; one past the last page shows the last. */
const pageNumber = z.coerce
	.number({ message: 'a page is a whole number from 1' })
	.int('a page is a whole number from 1')
	.min(1, 'a page is a whole number from 1')
	.max(1_000_000);
export const LESSON_LIMIT = 8;

/**
 * The incidents table's filters, as they come from the URL. A month must be one of the 12 months before
 * the date (the months the charts show).
 */
function incidentQuery(asOf: string) {
	const months = monthsBefore(asOf);
	return z.object({
		category: z.enum(INCIDENT_CATEGORIES).optional(),
		breachType: z.enum(BREACH_TYPES).optional(),
		reportable: z.enum(['ico', 'dhsc', 'none']).optional(),
		month: z
			.string()
			.refine((m) => months.includes(m), `a month is written YYYY-MM and must be one of the 12 months shown (${months[0]} to ${months.at(-1)})`)
			.optional()
	});
}
export type IncidentFilters = z.infer<ReturnType<typeof incidentQuery>>;

export interface IncidentTableRow {
	reference: string;
	detectedAt: string;
	category: string;
	breachType: string;
	likelihood: number;
	severity: number;
	icoReportable: boolean;
	dhscReportable: boolean;
	/** Against the 72-hour rule as of the date; null when not ICO-reportable. */
	notification: NotificationStatus | null;
	/** Detection to containment, when contained by the date. */
	hoursToContain: number | null;
	/** As of the date: closed when closed by then, else the recorded open / investigating (a later closure reads as open). */
	status: 'open' | 'investigating' | 'closed';
	/** Root-cause analysis, for incidents closed by the date. */
	rcaCompleted: boolean | null;
}

export interface IncidentsPage {
	org: { ods: string; name: string };
	asOf: string;
	/** Set when the address named no date and the page opened at the organisation's data end (freshness/page-date.ts). */
	opensAtDataEnd: string | null;
	/** How old the incident data is on the date (freshness/sources.ts). */
	source: SourceFreshness;
	window: { after: string; through: string };
	staff: StaffCount;
	/** The headline figures: the same service (and numbers) as the `metrics` command. */
	metrics: IncidentMetrics;
	/** Incidents the organisation has recorded at all, to tell "nothing imported" from "none this year". */
	recordedIncidents: number;
	months: string[];
	chart: IncidentChartData;
	grid: { counts: GradeGrid; rules: GradingRules; source: GradingSource | null };
	lessons: { text: string; category: string; incidents: number; lastClosedOn: string }[];
	/** One page of the matching incidents: `page` of `pages`, `pageSize` rows a page (pages is 1 when none match). */
	table: { filters: IncidentFilters; rows: IncidentTableRow[]; matched: number; page: number; pages: number; pageSize: number };
}

/**
 * Everything the incidents page shows as of a date (default: the organisation's data end when it has passed, else today; freshness/page-date.ts): the metrics of the 12 months
 * before it, the counts behind the charts and the likelihood × severity grid, recent lessons, and a page
 * of incidents matching the filters. Lessons are shown because they are written in Beacon to be shared
 * (DSPT D2.b); descriptions, root causes and actions may name people and never leave the server.
 */
export async function getIncidentsPage(
	ctx: ServiceContext,
	ods: string,
	input: { asOf?: string; page?: string } & Partial<Record<keyof IncidentFilters, string>> = {}
): Promise<IncidentsPage> {
	parseAsOf('incidents page', input.asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	const { asOf, opensAtDataEnd } = await resolvePageDate(ctx, org.id, 'incidents page', input.asOf);
	const filters = parseInput(incidentQuery(asOf), 'incidents page', {
		category: input.category,
		breachType: input.breachType,
		reportable: input.reportable,
		month: input.month
	});
	const wantedPage = input.page === undefined || input.page === '' ? 1 : parseInput(pageNumber, 'incidents page', input.page);
	const window = twelveMonthsBefore(asOf);
	const { start, end } = instantsOf(window);
	const months = monthsBefore(asOf);
	const rowRange = filters.month ? monthInWindow(filters.month, window) : { start, end };
	const rowFilter: q.IncidentRowFilter = {
		...rowRange,
		category: filters.category,
		breachType: filters.breachType,
		reportable: filters.reportable
	};
	const pageOf = (n: number) => q.selectIncidentRows(ctx.db, org.id, rowFilter, { limit: INCIDENT_PAGE_SIZE, offset: (n - 1) * INCIDENT_PAGE_SIZE });
	const [metrics, cube, wantedRows, matched, recordedIncidents, lessons, periods, freshness] = await Promise.all([
		getOrganisationMetrics(ctx, org.ods_code, asOf),
		q.selectIncidentCube(ctx.db, org.id, start, end),
		pageOf(wantedPage),
		q.countIncidentRows(ctx.db, org.id, rowFilter),
		q.countAllIncidents(ctx.db, org.id),
		q.selectRecentLessons(ctx.db, org.id, start, end, LESSON_LIMIT),
		loadGradingPeriods(ctx),
		freshnessOf(ctx, org.id, asOf)
	]);
	// A bookmarked page past the end (incidents deleted, filters narrowed) shows the last page instead.
	const pages = Math.max(1, Math.ceil(matched / INCIDENT_PAGE_SIZE));
	const page = Math.min(wantedPage, pages);
	const rows = page === wantedPage ? wantedRows : await pageOf(page);
	const { chart, grid } = summariseIncidents(cube, months);
	const period = gradingPeriodOn(periods, asOf);
	return {
		org: { ods: org.ods_code, name: org.name },
		asOf,
		opensAtDataEnd,
		source: sourceOf(freshness, 'incidents'),
		window,
		staff: metrics.staff,
		metrics: metrics.incidents,
		recordedIncidents,
		months,
		chart,
		grid: { counts: grid, rules: period.rules, source: period.source },
		lessons: lessons.map((l) => ({
			text: l.lessons,
			category: l.category,
			incidents: l.incidents,
			lastClosedOn: calendarDayOf(new Date(l.last_closed_at))
		})),
		table: { filters, rows: rows.map((r) => toTableRow(r, end)), matched, page, pages, pageSize: INCIDENT_PAGE_SIZE }
	};
}

function toTableRow(r: Awaited<ReturnType<typeof q.selectIncidentRows>>[number], end: Date): IncidentTableRow {
	const detectedAt = new Date(r.detected_at);
	const asOfThen = (t: Date | string | null) => (t === null ? null : new Date(t) < end ? new Date(t) : null);
	const contained = asOfThen(r.contained_at);
	const closed = asOfThen(r.closed_at);
	return {
		reference: r.reference,
		detectedAt: detectedAt.toISOString(),
		category: r.category,
		breachType: r.breach_type,
		likelihood: r.likelihood,
		severity: r.severity,
		icoReportable: r.is_ico_reportable,
		dhscReportable: r.is_dhsc_reportable,
		notification: notificationStatus(
			{ icoReportable: r.is_ico_reportable, detectedAt, notifiedAt: r.notified_at === null ? null : new Date(r.notified_at) },
			end
		),
		hoursToContain: contained ? (contained.getTime() - detectedAt.getTime()) / 3_600_000 : null,
		status: closed ? 'closed' : r.status === 'investigating' ? 'investigating' : 'open',
		rcaCompleted: closed ? r.is_rca_completed : null
	};
}
