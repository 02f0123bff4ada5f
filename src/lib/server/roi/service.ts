import { formatCount, formatDate, formatPence } from '../../format';
import { isIncidentCategory, type IncidentCategory } from '../../schemas/incident';
import type { SpendCategory } from '../../schemas/spend';
import type { WhatIf } from '../../schemas/roi';
import { parseAsOf } from '../as-of';
import type { ServiceContext } from '../context';
import { addDays, financialYearLabel, instantsOf, twelveMonthsBefore } from '../metrics/periods';
import { requireOrganisation } from '../auth/organisation-access';
import * as sq from '../spend/queries';
import { DEFAULT_SLE_BY_INCIDENT_CATEGORY, MIN_COSTED_INCIDENTS_FOR_SLE, MITIGATION_BY_INVESTMENT_CATEGORY } from './assumptions';
import { compareBeforeAfter, observedWindowDates, type ObservedIncident, type ObservedReturn } from './observed';
import * as q from './queries';
import { calculateRosi, roundPence, type RosiInputs, type RosiResult } from './rosi';
import { resolvePageDate } from '../freshness/page-date';

/** Where one ENISA input came from, in words a board member can check. */
export interface InputSource {
	kind: 'observed' | 'assumption' | 'recorded' | 'what-if';
	text: string;
}

export interface ModelledReturn {
	/** The inputs used (defaults, or what-if values where given); null fields could not be set. */
	inputs: { slePence: number; aro: number; mitigation: number; annualCostPence: number };
	sources: Record<keyof RosiInputs, InputSource>;
	/** The incidents the default SLE and ARO were read from: the observed before window, or the 12 months to the date when not live. */
	baseline: { from: string; through: string; incidents: number; costedIncidents: number };
	/** Null when ROSI cannot be worked out (no annual cost recorded): `problem` says why. */
	result: RosiResult | null;
	problem: string | null;
	whatIf: boolean;
}

export interface InvestmentReturn {
	name: string;
	category: string;
	description: string | null;
	goLiveOn: string | null;
	live: boolean;
	annualCostPence: number;
	targetedCategories: string[];
	spend: { toDatePence: number; firstOn: string | null; lastOn: string | null; byYear: { year: number; label: string; pence: number }[] };
	modelled: ModelledReturn;
	observed: ObservedReturn | null;
	/** Why there is no observed comparison, when there is none. */
	observedNote: string | null;
}

export interface InvestmentReturns {
	org: { ods: string; name: string };
	asOf: string;
	/** Set when the address named no date and the page opened at the organisation's data end (freshness/page-date.ts). */
	opensAtDataEnd: string | null;
	investments: InvestmentReturn[];
}

const toObserved = (rows: { detected_at: Date; category: string; cost_pence: number | null }[]): ObservedIncident[] =>
	rows.map((r) => ({ detectedAt: new Date(r.detected_at), category: r.category, costPence: r.cost_pence === null ? null : Number(r.cost_pence) }));

/**
 * Each investment of an organisation as of a date (incidents and spend up to the end of that day): what
 * the ledger shows was spent on it, its modelled ENISA return from default inputs (or the what-if values
 * given for it) and its observed before/after comparison. Assumptions live in ./assumptions.
 */
export async function getInvestmentReturns(ctx: ServiceContext, ods: string, asOf: string | undefined, whatIf?: WhatIf): Promise<InvestmentReturns> {
	parseAsOf('investment returns', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	const { asOf: date, opensAtDataEnd } = await resolvePageDate(ctx, org.id, 'investment returns', asOf);
	const [investments, spendRows, dataFrom] = await Promise.all([
		sq.selectInvestments(ctx.db, org.id),
		q.selectInvestmentSpendByYear(ctx.db, org.id, date),
		q.selectFirstIncidentDay(ctx.db, org.id, instantsOf(twelveMonthsBefore(date)).end)
	]);
	const result: InvestmentReturn[] = [];
	for (const inv of investments) {
		const id = Number(inv.id);
		const targeted = inv.targeted_categories;
		// The before window starts no earlier than the incident records do (observed.ts).
		const windows = inv.go_live_on ? observedWindowDates(inv.go_live_on, date, undefined, dataFrom) : null;
		const yearToDate = twelveMonthsBefore(date);
		const baselineDates = windows ? windows.before : { from: addDays(yearToDate.after, 1), through: date };
		const { start, end } = windows ? { start: windows.beforeStart, end: windows.afterEnd } : instantsOf(yearToDate);
		// Only incident categories can match an incident (its CHECK constraint).
		const incidents = toObserved(await q.selectIncidentsInCategories(ctx.db, org.id, targeted.filter(isIncidentCategory), start, end));
		const observed =
			inv.go_live_on && targeted.length > 0
				? compareBeforeAfter({ goLiveOn: inv.go_live_on, asOf: date, targetedCategories: targeted, incidents, dataFrom })
				: null;
		const baselineIncidents = windows ? incidents.filter((i) => i.detectedAt < windows.goLive) : incidents;
		const years = observed?.beforeYears ?? 1;
		const spend = spendRows.filter((r) => r.investment_id === id);
		result.push({
			name: inv.name,
			category: inv.category,
			description: inv.description,
			goLiveOn: inv.go_live_on,
			live: windows !== null,
			annualCostPence: Number(inv.annual_cost_pence),
			targetedCategories: targeted,
			spend: {
				toDatePence: spend.reduce((sum, r) => sum + r.pence, 0),
				firstOn: spend.map((r) => r.first_on).sort()[0] ?? null,
				lastOn:
					spend
						.map((r) => r.last_on)
						.sort()
						.at(-1) ?? null,
				byYear: spend.map((r) => ({ year: r.financial_year, label: financialYearLabel(r.financial_year), pence: r.pence }))
			},
			modelled: modelReturn({
				category: inv.category,
				annualCostPence: Number(inv.annual_cost_pence),
				targeted,
				baseline: { ...baselineDates, incidents: baselineIncidents, years },
				whatIf: whatIf && whatIf.investment === inv.name ? whatIf : undefined
			}),
			observed,
			observedNote: observed ? null : observedNote(inv.go_live_on, targeted, date)
		});
	}
	return { org: { ods: org.ods_code, name: org.name }, asOf: date, opensAtDataEnd, investments: result };
}

function observedNote(goLiveOn: string | null, targeted: string[], asOf: string): string {
	if (!goLiveOn) return 'No go-live date is recorded, so there is no before and after to compare.';
	if (targeted.length === 0) return 'No incident categories are recorded as its targets, so there are no incidents to compare.';
	return `It goes live on ${formatDate(goLiveOn)}, after ${formatDate(asOf)}: there is no after window yet.`;
}

interface ModelInput {
	category: SpendCategory;
	annualCostPence: number;
	targeted: string[];
	baseline: { from: string; through: string; incidents: ObservedIncident[]; years: number };
	whatIf?: WhatIf;
}

/** The default ENISA inputs for one investment, overridden by what-if values, and the result. Exported for tests. */
export function modelReturn(m: ModelInput): ModelledReturn {
	const { incidents, years, from, through } = m.baseline;
	const span = `${formatDate(from)} to ${formatDate(through)}`;
	const costed = incidents.filter((i) => i.costPence !== null);
	const sle: { value: number; source: InputSource } =
		costed.length >= MIN_COSTED_INCIDENTS_FOR_SLE
			? {
					value: roundPence(costed.reduce((sum, i) => sum + (i.costPence ?? 0), 0) / costed.length),
					source: { kind: 'observed', text: `Average cost of the ${formatCount(costed.length)} costed incidents of the targeted kinds, ${span}` }
				}
			: defaultSle(m.targeted, incidents, costed.length);
	// Annual rate to two decimals: a whole window of 12 months gives the count itself.
	const aro = Math.round((incidents.length / years) * 100) / 100;
	const mitigation = MITIGATION_BY_INVESTMENT_CATEGORY[m.category] ?? MITIGATION_BY_INVESTMENT_CATEGORY.other;
	const w = m.whatIf;
	const inputs = {
		slePence: w?.slePence ?? sle.value,
		aro: w?.aro ?? aro,
		mitigation: w?.mitigation ?? mitigation.value,
		annualCostPence: w?.annualCostPence ?? m.annualCostPence
	};
	const whatIfSource: InputSource = { kind: 'what-if', text: 'Your what-if value' };
	const sources: Record<keyof RosiInputs, InputSource> = {
		slePence: w?.slePence !== undefined ? whatIfSource : sle.source,
		aro:
			w?.aro !== undefined
				? whatIfSource
				: {
						kind: 'observed',
						text: `${formatCount(incidents.length)} incidents of the targeted kinds, ${span}${years === 1 ? '' : `, over ${years.toFixed(2)} years`}`
					},
		mitigation: w?.mitigation !== undefined ? whatIfSource : { kind: 'assumption', text: mitigation.source },
		annualCostPence: w?.annualCostPence !== undefined ? whatIfSource : { kind: 'recorded', text: 'The annual running cost recorded for the investment' }
	};
	const costMissing = inputs.annualCostPence <= 0;
	return {
		inputs,
		sources,
		baseline: { from, through, incidents: incidents.length, costedIncidents: costed.length },
		result: costMissing ? null : calculateRosi(inputs),
		problem: costMissing ? 'No annual cost is recorded, and ROSI divides by it: enter one in the what-if form.' : null,
		whatIf: w !== undefined && [w.slePence, w.aro, w.mitigation, w.annualCostPence].some((v) => v !== undefined)
	};
}

/** The documented per-category SLE, weighted by how often each targeted kind happened in the baseline (equally when none did). */
function defaultSle(targeted: string[], incidents: ObservedIncident[], costedCount: number): { value: number; source: InputSource } {
	const kinds = (targeted.length > 0 ? targeted : ['other']).map((c) => ({
		category: c,
		sle: (DEFAULT_SLE_BY_INCIDENT_CATEGORY[c as IncidentCategory] ?? DEFAULT_SLE_BY_INCIDENT_CATEGORY.other).value,
		count: incidents.filter((i) => i.category === c).length
	}));
	const total = kinds.reduce((sum, k) => sum + k.count, 0);
	const value = roundPence(total > 0 ? kinds.reduce((sum, k) => sum + k.sle * k.count, 0) / total : kinds.reduce((sum, k) => sum + k.sle, 0) / kinds.length);
	const each = kinds.map((k) => `${k.category.replaceAll('_', ' ')} ${formatPence(k.sle)}`).join(', ');
	return {
		value,
		source: {
			kind: 'assumption',
			text: `Beacon's default cost per incident (${each}): only ${formatCount(costedCount)} costed incident${costedCount === 1 ? '' : 's'} of the targeted kinds, fewer than ${MIN_COSTED_INCIDENTS_FOR_SLE}`
		}
	};
}
