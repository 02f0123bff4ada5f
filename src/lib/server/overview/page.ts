import { compareScorecards } from '../assessment/compare';
import { getImprovementPlan } from '../assessment/page';
import type { ChartSpec } from '../../charts/chart-spec';
import { overviewCharts } from '../../charts/overview-charts';
import type { ServiceContext } from '../context';
import { addMonths } from '../metrics/periods';
import type { OrganisationMetrics } from '../metrics/service';
import { getMonthlyTrends } from '../metrics/trends';
import { requireOrganisation } from '../auth/organisation-access';
import { getOrganisationSummary, type OrganisationSummary } from '../organisations/service';
import { parseAsOf } from '../as-of';
import type { Scorecard } from '../scorecard/build';
import { getManyScorecardsWithMetrics, getScorecardsWithMetrics, type ScorecardWithMetrics } from '../scorecard/with-metrics';
import { can } from '../auth/capabilities';
import { selectEditions } from '../assessment/queries';
import { DSPT_CAF_CODE } from '../scorecard/service';
import { heatMap, type HeatMapRow } from './heat-map';
import { cached } from './cache';
import { figureChanges, type ChangesSince, type HeadlineFigures } from './changes';
import * as q from './queries';
import { largestGaps, overdueActions, type GapRisk, type OverdueRisk } from './top-risks';
import { describeHardGateGaps, gapNotes, type GapNote } from '../scorecard/gaps';
import { resolvePageDate } from '../freshness/page-date';
import { freshnessOf } from '../freshness/service';
import type { Freshness } from '../freshness/sources';

export interface Overview {
	org: { ods: string; name: string; kind: string };
	asOf: string;
	metrics: OrganisationMetrics;
	scorecard: {
		edition: string;
		status: string;
		localRule: string | null;
		outcomes: number;
		meeting: number;
		gaps: number;
		unplanned: number;
		/** Gaps that are (or include) a hard gate not confirmed met, named in the status line. */
		hardGateGaps: GapNote[];
		/** Those in words ("B2.a's hard gate is not confirmed met"), or null. */
		hardGateText: string | null;
	} | null;
	heatMap: HeatMapRow[];
	charts: ChartSpec[];
	risks: { gaps: GapRisk[]; veracity: { id: string; title: string; self: string | null; data: string | null }[]; overdue: OverdueRisk[] };
	changes: ChangesSince;
	/** For an ICB: its trusts side by side. */
	trusts: TrustRow[];
	/** How old each source's data is on the date, and which are older than expected. */
	freshness: Freshness;
}

export interface TrustRow {
	ods: string;
	name: string;
	status: string | null;
	/** Outcomes short of their profile, and of those the ones with no planned action; null without an edition. */
	gaps: number | null;
	unplannedGaps: number | null;
	/** Veracity flags: outcomes self-assessed above what the data shows. */
	flags: number | null;
	trainingRate: number | null;
	compliantRate: number | null;
	incidents: number;
	icoReportable: number;
	/** How old the device figures are: the date of the snapshot they come from (null: none held). */
	devicesAsOf: string | null;
}

function headline(m: OrganisationMetrics): HeadlineFigures {
	return {
		trainingRate: m.training.completionRate.value,
		compliantRate: m.devices.compliantRate?.value ?? null,
		encryptedRate: m.devices.encryptedRate?.value ?? null,
		staleDevices: m.devices.snapshot ? m.devices.stale : null,
		incidents: m.incidents.total,
		icoReportable: m.incidents.icoReportable
	};
}

/**
 * The overview: DSPT status and heat map for the newest edition loaded, headline metrics with their
 * twelve-month trends, the top risks, and what changed since the last board pack (or, with none yet,
 * since three months earlier). For an ICB, its trusts side by side.
 */
export async function getOverview(ctx: ServiceContext, ods: string, asOf?: string): Promise<Overview> {
	const date = parseAsOf('overview', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	// An ICB's overview lists the trusts this actor may read: built each time, not shared.
	if (org.kind === 'icb') return buildOverview(ctx, org, date);
	const version = await q.selectOverviewVersion(ctx.db, org.id);
	return cached(`${org.id}|${date}|${version}`, () => buildOverview(ctx, org, date));
}

/** The overview, built now (getOverview and the overview page keep what they build). */
export async function buildOverview(ctx: ServiceContext, org: { id: number; ods_code: string; name: string; kind: string }, date: string): Promise<Overview> {
	const edition = (await selectEditions(ctx.db, DSPT_CAF_CODE)).at(-1)?.edition ?? null;
	const month = date.slice(0, 7);
	const lastPack = await q.findLastBoardPack(ctx.db, org.id, date);
	const since = lastPack?.period_end ?? addMonths(date, -3);
	// Each date's metrics once: the scorecard is built from the same figures the page shows.
	const [[now, earlier], trends, plan, children, freshness] = await Promise.all([
		getScorecardsWithMetrics(ctx, org.ods_code, edition, [date, since]) as Promise<[ScorecardWithMetrics, ScorecardWithMetrics]>,
		getMonthlyTrends(ctx, org.ods_code, { from: addMonths(`${month}-01`, -23).slice(0, 7), to: month }, date),
		edition ? getImprovementPlan(ctx, org.ods_code, edition, date) : null,
		org.kind === 'icb' ? q.selectChildren(ctx.db, org.id) : [],
		freshnessOf(ctx, org.id, date)
	]);
	const { metrics, scorecard: card } = now;
	const { metrics: before, scorecard: earlierCard } = earlier;
	return {
		org: { ods: org.ods_code, name: org.name, kind: org.kind },
		asOf: date,
		metrics,
		scorecard: card && summarise(card),
		heatMap: card ? heatMap(card.outcomes) : [],
		charts: overviewCharts(trends, month),
		risks: {
			gaps: card ? largestGaps(card.outcomes) : [],
			veracity: card ? card.outcomes.filter((o) => o.disagreement).map((o) => ({ id: o.id, title: o.title, self: o.self, data: o.data })) : [],
			overdue: plan ? overdueActions(plan.actions, date) : []
		},
		changes: {
			since,
			reportId: lastPack?.report_id ?? null,
			scorecard: card && earlierCard ? compareScorecards(earlierCard, card) : null,
			figures: figureChanges(headline(before), headline(metrics))
		},
		trusts: await trustRows(ctx, children, edition, date),
		freshness
	};
}

function summarise(card: Scorecard): NonNullable<Overview['scorecard']> {
	const notes = gapNotes(card.outcomes);
	return {
		edition: card.edition,
		status: card.status,
		localRule: card.localRule,
		outcomes: card.outcomes.length,
		meeting: card.outcomes.filter((o) => o.meetsProfile).length,
		gaps: card.outcomes.filter((o) => o.gap).length,
		unplanned: card.outcomes.filter((o) => o.gap && !o.planned).length,
		hardGateGaps: notes.filter((n) => n.reason !== 'below profile'),
		hardGateText: describeHardGateGaps(notes)
	};
}

/** An ICB's trusts that the actor may read (an ICB grant reads its trusts), their metrics read together. */
async function trustRows(
	ctx: ServiceContext,
	children: { id: number; ods_code: string; name: string; parent_id: number | null }[],
	edition: string | null,
	date: string
): Promise<TrustRow[]> {
	const readable = children.filter((c) => can(ctx.actor, { id: c.id, parentId: c.parent_id }, 'read'));
	if (readable.length === 0) return [];
	const cards = await getManyScorecardsWithMetrics(ctx, readable, edition, date);
	return cards.map(({ metrics: m, scorecard: card }) => ({
		ods: m.org,
		name: m.name,
		status: card?.status ?? null,
		gaps: card ? card.outcomes.filter((o) => o.gap).length : null,
		unplannedGaps: card ? card.outcomes.filter((o) => o.gap && !o.planned).length : null,
		flags: card ? card.outcomes.filter((o) => o.disagreement).length : null,
		trainingRate: m.training.completionRate.value,
		compliantRate: m.devices.compliantRate?.value ?? null,
		incidents: m.incidents.total,
		icoReportable: m.incidents.icoReportable,
		devicesAsOf: m.devices.snapshot?.asOf ?? null
	}));
}

/**
 * Only the metrics the overview page shows. The page's data is serialised into its HTML for the browser,
 * and the full metrics (every department and staff group, every category) would be most of it.
 */
export function headlineMetrics(m: OrganisationMetrics) {
	const { training: t, devices: d, incidents: i, spend: s, assurance: a } = m;
	return {
		training: { completionRate: t.completionRate, completed12m: t.completed12m },
		devices: { compliantRate: d.compliantRate, encryptedRate: d.encryptedRate, staleRate: d.staleRate, stale: d.stale, snapshot: d.snapshot },
		incidents: { total: i.total, icoReportable: i.icoReportable, dhscReportable: i.dhscReportable },
		spend: { financialYear: s.financialYear, period: s.period, totalPence: s.totalPence, perStaffPence: s.perStaffPence },
		assurance: {
			openCriticalHigh: a.openCriticalHigh,
			overdueFindings: a.overdueFindings,
			phishingClickRate: a.phishingClickRate,
			latestPhishingOn: a.latestPhishingOn,
			devicesWithUnapprovedMessaging: a.devicesWithUnapprovedMessaging,
			unapprovedMessagingExact: a.unapprovedMessagingExact,
			unapprovedMessagingRate: a.unapprovedMessagingRate,
			messagingSnapshotOn: a.messagingSnapshotOn
		}
	};
}

export type HeadlineMetrics = ReturnType<typeof headlineMetrics>;

export interface OverviewPage {
	overview: Omit<Overview, 'metrics'> & { metrics: HeadlineMetrics };
	organisation: OrganisationSummary;
	/** Set when the URL named no date and the page opened at the organisation's recorded data end (the demo). */
	opensAtDataEnd: string | null;
}

/**
 * The overview page: the overview with its headline metrics, and how much data Beacon holds for the
 * organisation. Built once per organisation, date and data fingerprint, like the overview itself (the
 * record counts change only with the data the fingerprint covers); an ICB's page lists the trusts this
 * actor may read, so it is built each time.
 */
export async function getOverviewPage(ctx: ServiceContext, ods: string, asOf?: string): Promise<OverviewPage> {
	parseAsOf('overview page', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	// With no date asked, an organisation whose data is known to end (the demo) opens at that end, and says so.
	const { asOf: date, opensAtDataEnd } = await resolvePageDate(ctx, org.id, 'overview page', asOf);
	const build = async (): Promise<OverviewPage> => {
		const [overview, organisation] = await Promise.all([buildOverview(ctx, org, date), getOrganisationSummary(ctx, org.ods_code, date)]);
		return { overview: { ...overview, metrics: headlineMetrics(overview.metrics) }, organisation, opensAtDataEnd };
	};
	if (org.kind === 'icb') return build();
	const version = await q.selectOverviewVersion(ctx.db, org.id);
	return cached(`page|${org.id}|${date}|${opensAtDataEnd}|${version}`, build);
}
