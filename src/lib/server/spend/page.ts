import { z } from 'zod';
import type { SpendYear } from '../../charts/spend-charts';
import { EXPENSE_TYPES, SPEND_CATEGORIES, type ExpenseType } from '../../schemas/spend';
import { parseAsOf } from '../as-of';
import type { ServiceContext } from '../context';
import { parseInput } from '../errors';
import type { DeviceMetrics } from '../metrics/device-metrics';
import { financialYearBounds, financialYearLabel, financialYearOf } from '../metrics/periods';
import { selectSpendTotals, type SpendTotalsRow } from '../metrics/queries';
import { getOrganisationMetrics, type StaffCount } from '../metrics/service';
import { PREVIOUS_YEARS, type SpendMetrics } from '../metrics/spend-metrics';
import { requireOrganisation } from '../auth/organisation-access';
import * as q from './queries';
import { can } from '../auth/capabilities';
import { growthMultiple, type ComparableYear, type GrowthMultiple } from '../../spend-growth';
import { freshnessOf } from '../freshness/service';
import { sourceOf, type SourceFreshness } from '../freshness/sources';
import { resolvePageDate } from '../freshness/page-date';

/** The spend-lines table shows at most this many lines of the chosen year (newest first) and says how many there are. */
export const SPEND_LINE_LIMIT = 200;

/** The financial years the page shows: the one containing the date and the four before it, oldest first. */
export function yearsShown(asOf: string): number[] {
	const year = financialYearOf(asOf);
	return Array.from({ length: PREVIOUS_YEARS + 1 }, (_, i) => year - PREVIOUS_YEARS + i);
}

/** The page's query from the URL: `year` (the year a financial year starts in) must be one of the years shown. */
function spendQuery(asOf: string) {
	const years = yearsShown(asOf);
	return z.object({
		year: z
			.string()
			.regex(/^[0-9]{4}$/, 'a financial year is written as the year it starts in, e.g. 2025 for 2025-26')
			.transform(Number)
			.refine((y) => years.includes(y), `the financial year must be one of those shown (${years[0]} to ${years.at(-1)})`)
			.optional()
	});
}

export interface InvestmentRow {
	name: string;
	category: string;
	description: string | null;
	goLiveOn: string | null;
	/** Gone live on or before the as-of date. */
	live: boolean;
	annualCostPence: number;
	/** Incident categories it is meant to reduce. */
	targetedCategories: string[];
	/** Ledger lines linked to it in the financial year containing the date, and in all up to the date. */
	spentThisYearPence: number;
	spentToDatePence: number;
}

export interface SpendLineRow {
	spentOn: string;
	category: string;
	expenseType: ExpenseType;
	supplier: string | null;
	investment: string | null;
	amountPence: number;
}

export interface SpendPage {
	org: { ods: string; name: string };
	asOf: string;
	/** Set when the address named no date and the page opened at the organisation's data end (freshness/page-date.ts). */
	opensAtDataEnd: string | null;
	/** How old the ledger data is on the date (freshness/sources.ts). */
	source: SourceFreshness;
	staff: StaffCount;
	/** The managed devices per-device spend divides by, and the snapshot they come from. */
	devices: Pick<DeviceMetrics, 'snapshot' | 'managed'>;
	/** The headline figures: the same service (and numbers) as the `metrics` command. */
	metrics: SpendMetrics;
	/** The years shown, oldest first, each with every category. */
	years: SpendYear[];
	investments: InvestmentRow[];
	lines: { year: number; label: string; from: string; to: string; rows: SpendLineRow[]; count: number; totalPence: number; limit: number };
	/** This financial year's spend against the earliest year shown with spend. */
	growth: GrowthMultiple | null;
	/** The whole IT budget entered for this financial year, and the security spend's share of it. */
	itBudget: { financialYear: number; label: string; budgetPence: number | null; share: number | null };
	/** Whether the viewer may enter the IT budget. */
	canEdit: boolean;
}

function minDate(a: string, b: string): string {
	return a < b ? a : b;
}

/**
 * The years the growth multiple may compare, like for like: whole years once the current year is over;
 * while it runs, each earlier year's spend to the same day and month, beside this year's to date.
 */
function comparableYears(spend: SpendMetrics, years: readonly SpendYear[]): ComparableYear[] {
	const earlier = new Map(spend.previousYears.map((y) => [y.year, y.comparedPence]));
	const basis = spend.period.yearToDate ? { from: spend.period.from, through: spend.period.through } : null;
	return years.map((y) => ({ year: y.year, label: financialYearLabel(y.year), totalPence: earlier.get(y.year) ?? spend.totalPence, samePeriod: basis }));
}

/** Per-year totals by category and capex/opex from the metrics' spend aggregate, for each year asked (none missing). */
export function toSpendYears(rows: readonly SpendTotalsRow[], years: readonly number[]): SpendYear[] {
	const byYear = new Map<number, SpendYear>(
		years.map((year) => [
			year,
			{
				year,
				label: financialYearLabel(year),
				totalPence: 0,
				byCategory: Object.fromEntries(SPEND_CATEGORIES.map((c) => [c, 0])),
				byExpenseType: Object.fromEntries(EXPENSE_TYPES.map((t) => [t, 0])) as SpendYear['byExpenseType']
			}
		])
	);
	for (const r of rows) {
		const y = byYear.get(r.financial_year);
		if (!y) continue;
		const pence = Number(r.pence);
		y.totalPence += pence;
		y.byCategory[r.category] = (y.byCategory[r.category] ?? 0) + pence;
		y.byExpenseType[r.expense_type] += pence;
	}
	return [...byYear.values()];
}

/**
 * Everything the spend and investment page shows as of a date (default today, UTC): the spend metrics,
 * five financial years by category, the investments with the spend linked to them, and a page of one
 * year's ledger lines (the year containing the date unless another is asked). Descriptions and cost
 * centres of ledger lines stay on the server: free text there can name people (salary lines).
 */
export async function getSpendPage(ctx: ServiceContext, ods: string, input: { asOf?: string; year?: string } = {}): Promise<SpendPage> {
	parseAsOf('spend page', input.asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	const { asOf, opensAtDataEnd } = await resolvePageDate(ctx, org.id, 'spend page', input.asOf);
	const { year: chosen } = parseInput(spendQuery(asOf), 'spend page', { year: input.year });
	const years = yearsShown(asOf);
	const current = financialYearBounds(years.at(-1)!);
	const lineYear = chosen ?? years.at(-1)!;
	// Nothing dated after the as-of date: the current year's lines stop at it.
	const lineBounds = { from: financialYearBounds(lineYear).from, to: minDate(financialYearBounds(lineYear).to, asOf) };
	const [metrics, totals, investments, investmentSpend, lines, summary, budget, freshness] = await Promise.all([
		getOrganisationMetrics(ctx, org.ods_code, asOf),
		selectSpendTotals(ctx.db, org.id, financialYearBounds(years[0]!).from, asOf),
		q.selectInvestments(ctx.db, org.id),
		q.selectInvestmentSpend(ctx.db, org.id, current.from, asOf, asOf),
		q.selectSpendLines(ctx.db, org.id, { ...lineBounds, limit: SPEND_LINE_LIMIT }),
		q.selectSpendLineSummary(ctx.db, org.id, lineBounds.from, lineBounds.to),
		q.findItBudget(ctx.db, org.id, years.at(-1)!),
		freshnessOf(ctx, org.id, asOf)
	]);
	const spendYears = toSpendYears(totals, years);
	const period = metrics.spend.period;
	if (period.yearToDate) spendYears.at(-1)!.label = period.label;
	const spentBy = new Map(investmentSpend.map((r) => [r.investment_id, r]));
	return {
		org: { ods: org.ods_code, name: org.name },
		asOf,
		opensAtDataEnd,
		source: sourceOf(freshness, 'spend'),
		staff: metrics.staff,
		devices: { snapshot: metrics.devices.snapshot, managed: metrics.devices.managed },
		metrics: metrics.spend,
		years: spendYears,
		investments: investments.map((i) => ({
			name: i.name,
			category: i.category,
			description: i.description,
			goLiveOn: i.go_live_on,
			live: i.go_live_on !== null && i.go_live_on <= asOf,
			annualCostPence: Number(i.annual_cost_pence),
			targetedCategories: i.targeted_categories,
			spentThisYearPence: spentBy.get(Number(i.id))?.year_pence ?? 0,
			spentToDatePence: spentBy.get(Number(i.id))?.to_date_pence ?? 0
		})),
		lines: {
			year: lineYear,
			label: financialYearLabel(lineYear),
			...lineBounds,
			rows: lines.map((l) => ({
				spentOn: l.spent_on,
				category: l.category,
				expenseType: l.expense_type,
				supplier: l.supplier,
				investment: l.investment_name,
				amountPence: Number(l.amount_pence)
			})),
			count: summary.lines,
			totalPence: summary.pence,
			limit: SPEND_LINE_LIMIT
		},
		growth: growthMultiple(comparableYears(metrics.spend, spendYears)),
		itBudget: {
			financialYear: years.at(-1)!,
			label: financialYearLabel(years.at(-1)!),
			budgetPence: budget,
			share: budget === null ? null : metrics.spend.totalPence / budget
		},
		canEdit: can(ctx.actor, { id: org.id, parentId: org.parent_id }, 'edit')
	};
}
