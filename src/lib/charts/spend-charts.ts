import type { SpendCategory } from '../schemas/spend';
import { barChart } from './bar-chart';
import type { ChartSpec } from './chart-spec';
import { PALETTE, SERIES_COLOURS } from './palette';

/**
 * The charts of the spend and investment page, as pure specifications: the screen draws them with
 * chart.js and the PDF packs reuse them, so both show the same numbers. Type-only imports keep zod and
 * the server out of the browser bundle.
 */

export const SPEND_CATEGORY_LABELS: Record<SpendCategory, string> = {
	mdm: 'Mobile device management',
	secure_messaging: 'Secure messaging',
	training: 'Training',
	assurance: 'Assurance and audit',
	penetration_testing: 'Penetration testing',
	endpoint_protection: 'Endpoint protection',
	network_security: 'Network security',
	identity_access: 'Identity and access',
	backup_recovery: 'Backup and recovery',
	monitoring: 'Monitoring',
	staff: 'Security staff',
	other: 'Other'
};

export const EXPENSE_TYPE_LABELS = { capex: 'Capital (capex)', opex: 'Operating (opex)' } as const;

/** A category key as a reader sees it; an unknown key (a category added later) shows as itself. */
export function spendCategoryLabel(category: string): string {
	return SPEND_CATEGORY_LABELS[category as SpendCategory] ?? category;
}

/** One financial year's spend, whole pence; every category listed, 0 when none. */
export interface SpendYear {
	/** The year it starts in: 2025 is 2025-26. */
	year: number;
	label: string;
	totalPence: number;
	byCategory: Record<string, number>;
	byExpenseType: { capex: number; opex: number };
}

/** At most this many series in a stacked bar: more colours than this stop being told apart. */
export const MAX_CATEGORY_SERIES = 8;

/**
 * Which categories get their own series: those with any spend in the years shown, largest total first;
 * when there are more than MAX_CATEGORY_SERIES, the smallest are merged into "All other categories" so
 * no two series share a colour. (The page's category table still lists every category.)
 */
export function categorySeries(years: readonly SpendYear[]): { label: string; categories: string[] }[] {
	const totals = new Map<string, number>();
	for (const y of years) for (const [c, pence] of Object.entries(y.byCategory)) totals.set(c, (totals.get(c) ?? 0) + pence);
	const spent = [...totals.entries()].filter(([, pence]) => pence > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	if (spent.length <= MAX_CATEGORY_SERIES) return spent.map(([c]) => ({ label: spendCategoryLabel(c), categories: [c] }));
	const own = spent.slice(0, MAX_CATEGORY_SERIES - 1);
	const rest = spent.slice(MAX_CATEGORY_SERIES - 1).map(([c]) => c);
	return [...own.map(([c]) => ({ label: spendCategoryLabel(c), categories: [c] })), { label: 'All other categories', categories: rest }];
}

export const SPEND_CHART_IDS = { byCategory: 'spend-by-category', byExpenseType: 'spend-by-expense-type' } as const;

/**
 * Spend by category per financial year (stacked, oldest year first) and capital against operating spend
 * per year. A bar's index is the index of its year in `years`, for drill-down.
 */
export function spendCharts(years: readonly SpendYear[]): ChartSpec[] {
	const labels = years.map((y) => y.label);
	const byCategory = barChart({
		id: SPEND_CHART_IDS.byCategory,
		title: 'Security spend by category and financial year',
		labels,
		labelHeading: 'Financial year',
		unit: 'pence',
		stacked: true,
		series: categorySeries(years).map((s, i) => ({
			label: s.label,
			values: years.map((y) => s.categories.reduce((sum, c) => sum + (y.byCategory[c] ?? 0), 0)),
			colour: SERIES_COLOURS[i % SERIES_COLOURS.length]
		}))
	});
	const byExpenseType = barChart({
		id: SPEND_CHART_IDS.byExpenseType,
		title: 'Capital and operating spend by financial year',
		labels,
		labelHeading: 'Financial year',
		unit: 'pence',
		stacked: true,
		series: [
			{ label: EXPENSE_TYPE_LABELS.capex, values: years.map((y) => y.byExpenseType.capex), colour: PALETTE.darkBlue },
			{ label: EXPENSE_TYPE_LABELS.opex, values: years.map((y) => y.byExpenseType.opex), colour: PALETTE.aquaGreen }
		]
	});
	return [byCategory, byExpenseType];
}
