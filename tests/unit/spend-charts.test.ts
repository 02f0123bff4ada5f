import { describe, expect, it } from 'vitest';
import { SERIES_COLOURS } from '../../src/lib/charts/palette';
import { categorySeries, MAX_CATEGORY_SERIES, SPEND_CATEGORY_LABELS, spendCategoryLabel, spendCharts, type SpendYear } from '../../src/lib/charts/spend-charts';
import { SPEND_CATEGORIES } from '../../src/lib/schemas/spend';

function year(y: number, byCategory: Record<string, number>, capex = 0): SpendYear {
	const totalPence = Object.values(byCategory).reduce((a, b) => a + b, 0);
	return { year: y, label: `${y}-${String((y + 1) % 100).padStart(2, '0')}`, totalPence, byCategory, byExpenseType: { capex, opex: totalPence - capex } };
}

describe('spend charts', () => {
	const years = [year(2023, { mdm: 0, training: 50_000, staff: 200_000 }, 50_000), year(2024, { mdm: 120_000, training: 60_000, staff: 210_000 }, 120_000)];

	it('stacks each year by category, largest category first, leaving out categories with no spend', () => {
		const [byCategory] = spendCharts(years);
		expect(byCategory!.id).toBe('spend-by-category');
		expect(byCategory!.config).toMatchObject({ type: 'bar', stacked: true, unit: 'pence' });
		expect(byCategory!.config.data.labels).toEqual(['2023-24', '2024-25']);
		expect(byCategory!.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
			['Security staff', [200_000, 210_000]],
			['Mobile device management', [0, 120_000]],
			['Training', [50_000, 60_000]]
		]);
		expect(byCategory!.table.columns).toEqual(['Financial year', 'Security staff', 'Mobile device management', 'Training', 'Total']);
		expect(byCategory!.table.rows).toEqual([
			{ label: '2023-24', cells: ['£2,000', '£0', '£500', '£2,500'] },
			{ label: '2024-25', cells: ['£2,100', '£1,200', '£600', '£3,900'] }
		]);
		expect(byCategory!.summary).toBe('Security spend by category and financial year: 2023-24 £2,500; 2024-25 £3,900.');
	});

	it('splits each year into capital and operating spend', () => {
		const [, byType] = spendCharts(years);
		expect(byType!.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
			['Capital (capex)', [50_000, 120_000]],
			['Operating (opex)', [200_000, 270_000]]
		]);
	});

	it('merges the smallest categories into one series when there are more than colours, so no two series share one', () => {
		const many = Object.fromEntries(SPEND_CATEGORIES.map((c, i) => [c, (i + 1) * 1000]));
		const series = categorySeries([year(2024, many)]);
		expect(series).toHaveLength(MAX_CATEGORY_SERIES);
		expect(series[0]).toEqual({ label: 'Other', categories: ['other'] }); // 12,000: the largest
		expect(series.at(-1)!.label).toBe('All other categories');
		expect(series.at(-1)!.categories.sort()).toEqual(['assurance', 'mdm', 'secure_messaging', 'training', 'penetration_testing'].sort());
		const [chart] = spendCharts([year(2024, many)]);
		const colours = chart!.config.data.datasets.map((d) => d.backgroundColor);
		expect(new Set(colours).size).toBe(colours.length);
		expect(colours).toEqual(SERIES_COLOURS.slice(0, MAX_CATEGORY_SERIES));
		// Every pound is still in the total.
		expect(chart!.table.rows[0]!.cells.at(-1)).toBe('£780');
		// Exactly as many categories as colours: none merged.
		const eight = Object.fromEntries(SPEND_CATEGORIES.slice(0, MAX_CATEGORY_SERIES).map((c) => [c, 100]));
		expect(categorySeries([year(2024, eight)]).map((s) => s.categories.length)).toEqual(Array(MAX_CATEGORY_SERIES).fill(1));
	});

	it('has no series and a zero total for years with no spend, and names every category', () => {
		const [chart] = spendCharts([year(2024, { mdm: 0 })]);
		expect(chart!.config.data.datasets).toEqual([]);
		expect(chart!.table.rows).toEqual([{ label: '2024-25', cells: ['£0'] }]);
		expect(Object.keys(SPEND_CATEGORY_LABELS).sort()).toEqual([...SPEND_CATEGORIES].sort());
		expect(spendCategoryLabel('quantum')).toBe('quantum');
	});
});
