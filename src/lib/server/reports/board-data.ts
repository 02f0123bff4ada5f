import type { BoardPackData, PackGroupCompletion, PackRate } from '../../../../reports/board-pack-data';
import type { CoverSheetValue } from '../../schemas/report';
import { outcomesWithoutEvidence } from '../assessment/evidence-held';
import { getInvestmentReturns } from '../roi/service';
import { getEditionAssumptions } from '../scorecard/assumptions';
import { getImprovementPlan } from '../assessment/page';
import { getAssuranceRegister } from '../assurance/service';
import type { ServiceContext } from '../context';
import { getDevicesPage } from '../devices/page';
import { cellState } from '../overview/heat-map';
import { getIncidentsPage } from '../incidents/page';
import { getOverview } from '../overview/page';
import { getPeoplePage } from '../training/page';
import { getSpendPage } from '../spend/page';
import { overdueActions } from '../overview/top-risks';
import type { Rate } from '../metrics/rate';
import { getScorecard } from '../scorecard/service';
import { toPackAssurance } from './assurance-data';
import type { ReportPeriod } from './period';
import { toPackReturns } from './returns-data';

export type { BoardPackData } from '../../../../reports/board-pack-data';

/** The pack prints at most this many overdue actions (the plan table counts them all). */
const OVERDUE_LIMIT = 15;
const RISK_LIMIT = 5;

const rate = (r: Rate): PackRate => ({ value: r.value, numerator: r.numerator, denominator: r.denominator });
const maybeRate = (r: Rate | null): PackRate | null => (r === null ? null : rate(r));
const group = (name: string, c: { requiredStaff: number; completed12m: number; completionRate: Rate }): PackGroupCompletion => ({
	name,
	requiredStaff: c.requiredStaff,
	completed12m: c.completed12m,
	completionRate: rate(c.completionRate)
});

/**
 * Everything a board pack prints for an organisation and period, read as of the period's as-of date
 * through the same read models as the dashboard pages (overview, people, devices, incidents, spend,
 * assurance register, improvement plan, scorecard), so a figure in the pack is the figure on the screen for
 * that date. The scorecard, heat map and plan are for the edition the overview shows (the newest loaded).
 * Authorization is the read models' own: each requires read access to the organisation.
 */
export async function gatherBoardPackData(
	ctx: ServiceContext,
	ods: string,
	period: ReportPeriod,
	options: { coverSheet?: CoverSheetValue | null } = {}
): Promise<BoardPackData> {
	const asOf = period.asOf;
	const overview = await getOverview(ctx, ods, asOf);
	const org = overview.org.ods;
	const edition = overview.scorecard?.edition ?? null;
	const [people, devices, incidents, spend, assurance, plan, card, returns, assumed, noEvidence] = await Promise.all([
		getPeoplePage(ctx, org, { asOf }),
		getDevicesPage(ctx, org, { asOf }),
		getIncidentsPage(ctx, org, { asOf }),
		getSpendPage(ctx, org, { asOf }),
		getAssuranceRegister(ctx, org, asOf),
		edition ? getImprovementPlan(ctx, org, edition, asOf) : null,
		edition ? getScorecard(ctx, org, edition, asOf) : null,
		getInvestmentReturns(ctx, org, asOf),
		edition ? getEditionAssumptions(ctx, edition) : null,
		edition ? outcomesWithoutEvidence(ctx, org, edition, asOf) : null
	]);
	const t = people.training;
	const d = devices.devices;
	const i = incidents.metrics;
	const live = plan?.actions.filter((a) => a.status === 'open' || a.status === 'in_progress') ?? [];
	return {
		version: 3,
		coverSheet: options.coverSheet ?? null,
		freshness: overview.freshness,
		org: overview.org,
		period: { label: period.label, from: period.from, to: period.to, asOf },
		edition,
		status: overview.scorecard && {
			label: overview.scorecard.status,
			localRule: overview.scorecard.localRule,
			outcomes: overview.scorecard.outcomes,
			meeting: overview.scorecard.meeting,
			gaps: overview.scorecard.gaps,
			unplanned: overview.scorecard.unplanned
		},
		outcomes: (card?.outcomes ?? []).map((o) => ({
			id: o.id,
			title: o.title,
			profile: o.profile,
			self: o.self,
			data: o.data,
			judged: o.judged,
			state: cellState(o),
			gap: o.gap,
			planned: o.planned,
			flagged: o.disagreement,
			hardGate: o.hardGate,
			hardGateHeld: o.hardGateHeld
		})),
		changes: {
			since: overview.changes.since,
			reportId: overview.changes.reportId,
			scorecard: overview.changes.scorecard && { ...overview.changes.scorecard, changes: overview.changes.scorecard.changes.map((c) => ({ ...c })) },
			figures: overview.changes.figures.map((f) => ({ ...f }))
		},
		risks: { gaps: overview.risks.gaps.slice(0, RISK_LIMIT), veracity: overview.risks.veracity },
		people: {
			target: people.target,
			window: { after: t.window.after, through: t.window.through },
			requiredStaff: t.requiredStaff,
			completed12m: t.completed12m,
			completionRate: rate(t.completionRate),
			boardMembers: group('Board members', t.boardMembers),
			byStaffGroup: t.byStaffGroup.map((g) => group(g.staffGroup, g)),
			trend: { months: people.trend.months, completionRate: [...people.trend.completionRate], toDate: people.trend.toDate }
		},
		devices: {
			snapshot: d.snapshot,
			total: d.total,
			managed: d.managed,
			compliantRate: maybeRate(d.compliantRate),
			encryptedRate: maybeRate(d.encryptedRate),
			supportedOsRate: maybeRate(d.supportedOsRate),
			staleRate: maybeRate(d.staleRate),
			trend: {
				months: devices.trend.months,
				toDate: devices.trend.toDate,
				total: [...devices.trend.total],
				compliant: [...devices.trend.compliant],
				encrypted: [...devices.trend.encrypted],
				supportedOs: [...devices.trend.supportedOs],
				stale: [...devices.trend.stale]
			}
		},
		incidents: {
			window: { after: incidents.window.after, through: incidents.window.through },
			recorded: incidents.recordedIncidents,
			total: i.total,
			icoReportable: i.icoReportable,
			dhscReportable: i.dhscReportable,
			notifiedWithin72h: i.notifiedWithin72h,
			notifiedLate: i.notifiedLate,
			notNotifiedOverdue: i.notNotifiedOverdue,
			notNotifiedPending: i.notNotifiedPending,
			notifiedWithin72hRate: rate(i.notifiedWithin72hRate),
			medianHoursToContain: { ...i.medianHoursToContain },
			rcaCompletedRate: rate(i.rcaCompletedRate),
			per1000Staff: rate(i.per1000Staff),
			byCategory: incidents.chart.byCategory.map((c) => ({ category: c.category, total: c.total })),
			months: incidents.chart.months.map((mo) => ({ month: mo.month, total: mo.total, icoReportable: mo.icoReportable, byBreachType: { ...mo.byBreachType } })),
			lessons: incidents.lessons
		},
		spend: {
			// "2025-26 year to date" while the year runs: the figures stop at the pack's date.
			financialYear: spend.metrics.period.label,
			totalPence: spend.metrics.totalPence,
			perStaffPence: rate(spend.metrics.perStaffPence),
			perManagedDevicePence: rate(spend.metrics.perManagedDevicePence),
			years: spend.years.map((y) => ({
				year: y.year,
				label: y.label,
				totalPence: y.totalPence,
				byCategory: { ...y.byCategory },
				byExpenseType: { ...y.byExpenseType }
			})),
			investments: spend.investments.map((v) => ({
				name: v.name,
				category: v.category,
				goLiveOn: v.goLiveOn,
				live: v.live,
				annualCostPence: v.annualCostPence,
				targetedCategories: v.targetedCategories,
				spentThisYearPence: v.spentThisYearPence,
				spentToDatePence: v.spentToDatePence
			}))
		},
		assurance: toPackAssurance(assurance),
		returns: toPackReturns(returns),
		assumptions: assumed && {
			outcomes: assumed.outcomes,
			assumedProfiles: assumed.assumedProfiles,
			publishedProfiles: assumed.publishedProfiles,
			assumedThresholds: assumed.assumedThresholds,
			noEvidence: noEvidence ?? []
		},
		plan: {
			rollUp: plan?.rollUp ?? [],
			overdue: plan
				? overdueActions(plan.actions, asOf, OVERDUE_LIMIT).map((o) => ({
						outcome: o.outcome,
						title: o.title,
						owner: o.owner,
						dueOn: o.dueOn,
						daysOverdue: o.daysOverdue,
						status: plan.actions.find((a) => a.id === o.id)?.status ?? 'open'
					}))
				: [],
			unassigned: live.filter((a) => (a.owner?.trim() ?? '') === '' || a.dueOn === null).length
		},
		signOff: null
	};
}
