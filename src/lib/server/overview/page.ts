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
import { cached, trustRowCache } from './cache';
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
	const version = await q.selectOverviewVersion(ctx.db, org.id);
	const own = await cached(`${org.id}|${date}|${version}`, () => buildOwnOverview(ctx, org, date));
	if (org.kind !== 'icb') return own.overview;
	return { ...own.overview, trusts: await icbTrustRows(ctx, org.id, own.edition, date) };
}

type OrganisationRow = { id: number; ods_code: string; name: string; kind: string };

/** The overview without an ICB's trusts (the same whoever reads it), and the edition its scorecards are of. */
interface OwnOverview {
	overview: Overview;
	edition: string | null;
}

async function buildOwnOverview(ctx: ServiceContext, org: OrganisationRow, date: string): Promise<OwnOverview> {
	const edition = (await selectEditions(ctx.db, DSPT_CAF_CODE)).at(-1)?.edition ?? null;
	const month = date.slice(0, 7);
	const lastPack = await q.findLastBoardPack(ctx.db, org.id, date);
	const since = lastPack?.period_end ?? addMonths(date, -3);
	// Each date's metrics once: the scorecard is built from the same figures the page shows.
	const [[now, earlier], trends, plan, freshness] = await Promise.all([
		getScorecardsWithMetrics(ctx, org.ods_code, edition, [date, since]) as Promise<[ScorecardWithMetrics, ScorecardWithMetrics]>,
		getMonthlyTrends(ctx, org.ods_code, { from: addMonths(`${month}-01`, -23).slice(0, 7), to: month }, date),
		edition ? getImprovementPlan(ctx, org.ods_code, edition, date) : null,
		freshnessOf(ctx, org.id, date)
	]);
	const { metrics, scorecard: card } = now;
	const { metrics: before, scorecard: earlierCard } = earlier;
	const overview: Overview = {
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
		trusts: [],
		freshness
	};
	return { overview, edition };
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

/**
 * An ICB's trusts that the actor may read (an ICB grant reads its trusts): the list is made for each reader.
 * Each trust's row is the same whoever reads it, so it is kept by date and the trust's data fingerprint:
 * only trusts whose data changed are read again, and those together.
 */
async function icbTrustRows(ctx: ServiceContext, icbId: number, edition: string | null, date: string): Promise<TrustRow[]> {
	// Every trust's fingerprint comes with the list (a handful of trusts; one statement, not two).
	const children = await q.selectChildrenWithVersions(ctx.db, icbId);
	const readable = children.filter((c) => can(ctx.actor, { id: c.id, parentId: c.parent_id }, 'read'));
	if (readable.length === 0) return [];
	const keyOf = (c: { id: number; version: string }) => `${c.id}|${edition}|${date}|${c.version}`;
	const figures = new Map(readable.map((c) => [c.id, trustRowCache.get(keyOf(c)) as TrustFigures | undefined]));
	const missing = readable.filter((c) => figures.get(c.id) === undefined);
	if (missing.length > 0) {
		const cards = await getManyScorecardsWithMetrics(ctx, missing, edition, date);
		cards.forEach((card, i) => {
			const c = missing[i] as (typeof missing)[number];
			const row = trustFigures(card);
			trustRowCache.set(keyOf(c), row);
			figures.set(c.id, row);
		});
	}
	// Codes and names from the register as it is now: a trust's fingerprint does not cover its name.
	return readable.map((c) => ({ ods: c.ods_code, name: c.name, ...(figures.get(c.id) as TrustFigures) }));
}

type TrustFigures = Omit<TrustRow, 'ods' | 'name'>;

function trustFigures({ metrics: m, scorecard: card }: ScorecardWithMetrics): TrustFigures {
	return {
		status: card?.status ?? null,
		gaps: card ? card.outcomes.filter((o) => o.gap).length : null,
		unplannedGaps: card ? card.outcomes.filter((o) => o.gap && !o.planned).length : null,
		flags: card ? card.outcomes.filter((o) => o.disagreement).length : null,
		trainingRate: m.training.completionRate.value,
		compliantRate: m.devices.compliantRate?.value ?? null,
		incidents: m.incidents.total,
		icoReportable: m.incidents.icoReportable,
		devicesAsOf: m.devices.snapshot?.asOf ?? null
	};
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
 * record counts change only with the data the fingerprint covers). An ICB's page is kept the same way; the
 * trusts this actor may read are added each time, from rows kept per trust (icbTrustRows).
 */
export async function getOverviewPage(ctx: ServiceContext, ods: string, asOf?: string): Promise<OverviewPage> {
	parseAsOf('overview page', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	// With no date asked, an organisation whose data is known to end (the demo) opens at that end, and says so.
	const { asOf: date, opensAtDataEnd } = await resolvePageDate(ctx, org.id, 'overview page', asOf);
	const build = async () => {
		const [own, organisation] = await Promise.all([buildOwnOverview(ctx, org, date), getOrganisationSummary(ctx, org.ods_code, date)]);
		const page: OverviewPage = { overview: { ...own.overview, metrics: headlineMetrics(own.overview.metrics) }, organisation, opensAtDataEnd };
		return { page, edition: own.edition };
	};
	const version = await q.selectOverviewVersion(ctx.db, org.id);
	const { page, edition } = await cached(`page|${org.id}|${date}|${opensAtDataEnd}|${version}`, build);
	if (org.kind !== 'icb') return page;
	return { ...page, overview: { ...page.overview, trusts: await icbTrustRows(ctx, org.id, edition, date) } };
}
