import { describe, expect, it } from 'vitest';
import { barChart } from '../../src/lib/charts/bar-chart';
import { formatValue, monthLabel } from '../../src/lib/charts/format-value';
import { toChartJs } from '../../src/lib/charts/to-chartjs';
import { trendChart } from '../../src/lib/charts/trend-chart';

describe('chart specifications', () => {
	const training = trendChart({
		id: 'training',
		title: 'Training completion',
		months: ['2025-01', '2025-02', '2025-03'],
		series: [{ label: 'Completed in 12 months', values: [0.9, null, 0.912] }],
		unit: 'rate',
		target: { label: 'Target 95 %', value: 0.95 }
	});

	it('draws a trend with gaps for months without data and a dashed target, and says so in words', () => {
		expect(training.config.type).toBe('line');
		expect(training.config.data.labels).toEqual(['Jan 2025', 'Feb 2025', 'Mar 2025']);
		expect(training.config.data.datasets[0]!.data).toEqual([0.9, null, 0.912]);
		expect(training.config.data.datasets[1]).toMatchObject({ label: 'Target 95 %', data: [0.95, 0.95, 0.95], borderDash: [6, 4] });
		expect(training.config.max).toBe(1);
		expect(training.summary).toBe('Training completion, monthly, Jan 2025 to Mar 2025. Latest: Completed in 12 months 91.2 % in Mar 2025. Target: 95.0 %.');
		expect(training.table.rows).toEqual([
			{ label: 'Jan 2025', cells: ['90.0 %'] },
			{ label: 'Feb 2025', cells: ['no data'] },
			{ label: 'Mar 2025', cells: ['91.2 %'] }
		]);
	});

	it('says "no data" for a series with none, never 0', () => {
		const empty = trendChart({ id: 'e', title: 'Stale devices', months: ['2025-01'], series: [{ label: 'Stale', values: [null] }], unit: 'count' });
		expect(empty.summary).toContain('Stale: no data');
		expect(empty.table.rows[0]!.cells).toEqual(['no data']);
	});

	it('stacks bars with a total column, and groups them otherwise', () => {
		const spend = barChart({
			id: 'spend',
			title: 'Spend by category',
			labels: ['2023-24', '2024-25'],
			labelHeading: 'Financial year',
			unit: 'pence',
			stacked: true,
			series: [
				{ label: 'MDM', values: [100_000, 150_000] },
				{ label: 'Training', values: [50_000, null] }
			]
		});
		expect(spend.config).toMatchObject({ type: 'bar', stacked: true });
		expect(spend.config.data.datasets.every((d) => d.stack === 'total')).toBe(true);
		expect(spend.table.columns).toEqual(['Financial year', 'MDM', 'Training', 'Total']);
		expect(spend.table.rows[1]).toEqual({ label: '2024-25', cells: ['£1,500', 'no data', '£1,500'] });
		expect(spend.summary).toBe('Spend by category: 2023-24 £1,500; 2024-25 £1,500.');
		const grouped = barChart({
			id: 'g',
			title: 'Completion by group',
			labels: ['Nursing'],
			labelHeading: 'Staff group',
			unit: 'rate',
			series: [{ label: 'Completed', values: [0.5] }]
		});
		expect(grouped.config.max).toBe(1);
		expect(grouped.table.columns).toEqual(['Staff group', 'Completed']);
	});

	it('formats values by unit and months by name', () => {
		expect(formatValue('rate', 0.95)).toBe('95.0 %');
		expect(formatValue('pence', 123_456)).toBe('£1,235');
		expect(formatValue('count', 12_345)).toBe('12,345');
		expect(formatValue('hours', 3.25)).toBe('3.3 h');
		expect(formatValue('count', null)).toBe('no data');
		expect(formatValue('count', Number.NaN)).toBe('no data');
		expect(monthLabel('2024-12-31')).toBe('Dec 2024');
	});

	it('becomes a chart.js configuration whose axis and tooltip speak the unit, and reports the clicked index', () => {
		let selected = -1;
		const js = toChartJs(training.config, { onSelect: (i) => (selected = i) });
		const y = js.options!.scales!.y as { max?: number; ticks: { callback: (v: number) => string } };
		expect(y.max).toBe(1);
		expect(y.ticks.callback(0.5)).toBe('50.0 %');
		(js.options!.onClick as (e: unknown, elements: { index: number }[]) => void)({}, [{ index: 2 }]);
		expect(selected).toBe(2);
		// The specification is not changed by drawing it (chart.js mutates its data).
		expect(js.data).not.toBe(training.config.data);
		expect((y.ticks as { precision?: number }).precision).toBeUndefined();
		const counts = toChartJs({ type: 'bar', data: { labels: ['a'], datasets: [{ label: 'n', data: [3] }] }, unit: 'count' });
		expect((counts.options!.scales!.y as { ticks: { precision?: number } }).ticks.precision).toBe(0);
		const still = toChartJs(training.config, { interactive: false });
		expect(still.options!.responsive).toBe(false);
		expect(still.options!.onClick).toBeUndefined();
	});
});
