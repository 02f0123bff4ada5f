import { EXPENSE_TYPES, SPEND_CATEGORIES, type ExpenseType, type SpendCategory } from '../../schemas/spend';
import { financialYearBounds, financialYearLabel, financialYearOf } from './periods';
import type { SpendTotalsRow } from './queries';
import { growth, perUnit, type Rate } from './rate';

/** How many financial years before the current one growth is measured against (five years in all). */
export const PREVIOUS_YEARS = 4;

/**
 * Security spend as of a date: the ledger lines dated from 1 April of the financial year containing the date
 * up to the date itself, whole pence. A line dated after the date does not count, whatever year it is in.
 * While the year runs (the date is before 31 March) the figure is **year to date**, and says so (`period`).
 *
 * - totalPence, byCategory (every category listed, 0 when none), byExpenseType (capex / opex): year to date.
 * - perStaffPence: totalPence ÷ staff (see StaffCount); perManagedDevicePence: totalPence ÷ managed
 *   devices in the latest snapshot on or before the date. Both year to date when the total is.
 * - previousYears: the four financial years before, newest first, each with its whole-year total and its
 *   total to the same point of its year (1 April to the same day and month: `samePeriodPence`). Growth is
 *   like for like: a complete year against each earlier whole year, a year to date against the same
 *   months of each earlier year, (this − that) ÷ that (null when that had no spend); `comparedPence` is the
 *   figure it was measured against.
 */
export interface SpendMetrics {
	financialYear: { year: number; label: string; from: string; to: string };
	/** The lines counted: 1 April to `through` (the date, or 31 March once the year is over). */
	period: { from: string; through: string; yearToDate: boolean; label: string };
	totalPence: number;
	byCategory: Record<SpendCategory, number>;
	byExpenseType: Record<ExpenseType, number>;
	perStaffPence: Rate;
	perManagedDevicePence: Rate;
	previousYears: { year: number; label: string; totalPence: number; samePeriodPence: number; comparedPence: number; growth: Rate }[];
}

/** The lines a spend figure as of `asOf` counts, and how to name them ("2025-26 year to date" or "2025-26"). */
export function spendPeriodOf(asOf: string): SpendMetrics['period'] {
	const year = financialYearOf(asOf);
	const { from, to } = financialYearBounds(year);
	const yearToDate = asOf < to;
	return { from, through: yearToDate ? asOf : to, yearToDate, label: `${financialYearLabel(year)}${yearToDate ? ' year to date' : ''}` };
}

/** `rows`: selectSpendTotals from the earliest year's start to `asOf` (so nothing after the date). */
export function toSpendMetrics(rows: SpendTotalsRow[], asOf: string, staff: number, managedDevices: number): SpendMetrics {
	const year = financialYearOf(asOf);
	const period = spendPeriodOf(asOf);
	const byCategory = Object.fromEntries(SPEND_CATEGORIES.map((c) => [c, 0])) as Record<SpendCategory, number>;
	const byExpenseType = Object.fromEntries(EXPENSE_TYPES.map((t) => [t, 0])) as Record<ExpenseType, number>;
	const totals = new Map<number, { whole: number; samePeriod: number }>();
	for (const r of rows) {
		const t = totals.get(r.financial_year) ?? { whole: 0, samePeriod: 0 };
		t.whole += Number(r.pence);
		t.samePeriod += Number(r.same_period_pence);
		totals.set(r.financial_year, t);
		if (r.financial_year !== year) continue;
		byCategory[r.category] = (byCategory[r.category] ?? 0) + Number(r.pence);
		byExpenseType[r.expense_type] = (byExpenseType[r.expense_type] ?? 0) + Number(r.pence);
	}
	const totalPence = totals.get(year)?.whole ?? 0;
	const previousYears = Array.from({ length: PREVIOUS_YEARS }, (_, i) => {
		const earlier = year - 1 - i;
		const t = totals.get(earlier) ?? { whole: 0, samePeriod: 0 };
		const comparedPence = period.yearToDate ? t.samePeriod : t.whole;
		return {
			year: earlier,
			label: financialYearLabel(earlier),
			totalPence: t.whole,
			samePeriodPence: t.samePeriod,
			comparedPence,
			growth: growth(totalPence, comparedPence)
		};
	});
	return {
		financialYear: { year, label: financialYearLabel(year), ...financialYearBounds(year) },
		period,
		totalPence,
		byCategory,
		byExpenseType,
		perStaffPence: perUnit(totalPence, staff),
		perManagedDevicePence: perUnit(totalPence, managedDevices),
		previousYears
	};
}
