import { EXPENSE_TYPES, SPEND_CATEGORIES, type ExpenseType, type SpendCategory } from '../../schemas/spend';
import { financialYearBounds, financialYearLabel } from './periods';
import type { SpendTotalsRow } from './queries';
import { growth, perUnit, type Rate } from './rate';

/** How many financial years before the current one growth is measured against (five years in all). */
export const PREVIOUS_YEARS = 4;

/**
 * Security spend in the financial year containing the date: every ledger line dated 1 April to 31 March
 * of that year, whole pence.
 *
 * - totalPence, byCategory (every category listed, 0 when none), byExpenseType (capex / opex).
 * - perStaffPence: totalPence ÷ staff (see StaffCount).
 * - perManagedDevicePence: totalPence ÷ managed devices in the latest snapshot on or before the date.
 * - previousYears: the four financial years before, newest first, each with its total and the growth of
 *   this year's total against it, (this − that) ÷ that (null when that year had no spend).
 */
export interface SpendMetrics {
	financialYear: { year: number; label: string; from: string; to: string };
	totalPence: number;
	byCategory: Record<SpendCategory, number>;
	byExpenseType: Record<ExpenseType, number>;
	perStaffPence: Rate;
	perManagedDevicePence: Rate;
	previousYears: { year: number; label: string; totalPence: number; growth: Rate }[];
}

export function toSpendMetrics(rows: SpendTotalsRow[], year: number, staff: number, managedDevices: number): SpendMetrics {
	const byCategory = Object.fromEntries(SPEND_CATEGORIES.map((c) => [c, 0])) as Record<SpendCategory, number>;
	const byExpenseType = Object.fromEntries(EXPENSE_TYPES.map((t) => [t, 0])) as Record<ExpenseType, number>;
	const totals = new Map<number, number>();
	for (const r of rows) {
		totals.set(r.financial_year, (totals.get(r.financial_year) ?? 0) + r.pence);
		if (r.financial_year !== year) continue;
		byCategory[r.category] = (byCategory[r.category] ?? 0) + r.pence;
		byExpenseType[r.expense_type] = (byExpenseType[r.expense_type] ?? 0) + r.pence;
	}
	const totalPence = totals.get(year) ?? 0;
	const previousYears = Array.from({ length: PREVIOUS_YEARS }, (_, i) => {
		const earlier = year - 1 - i;
		const earlierPence = totals.get(earlier) ?? 0;
		return { year: earlier, label: financialYearLabel(earlier), totalPence: earlierPence, growth: growth(totalPence, earlierPence) };
	});
	return {
		financialYear: { year, label: financialYearLabel(year), ...financialYearBounds(year) },
		totalPence,
		byCategory,
		byExpenseType,
		perStaffPence: perUnit(totalPence, staff),
		perManagedDevicePence: perUnit(totalPence, managedDevices),
		previousYears
	};
}
