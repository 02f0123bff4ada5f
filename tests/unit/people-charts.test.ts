import { describe, expect, it } from 'vitest';
import {
	describeCompletion,
	overdueByDepartment,
	overdueByStaffGroup,
	peopleCharts,
	targetVerdict,
	totalOverdue,
	TRAINING_TARGET,
	type GroupCompletion,
	type TrainingCell
} from '../../src/lib/charts/people-charts';
import { toChartJs } from '../../src/lib/charts/to-chartjs';

const rate = (numerator: number, denominator: number) => ({ value: denominator > 0 ? numerator / denominator : null, numerator, denominator });
const group = (name: string, completed12m: number, requiredStaff: number): GroupCompletion => ({
	name,
	completed12m,
	requiredStaff,
	completionRate: rate(completed12m, requiredStaff)
});

const cells: TrainingCell[] = [
	{ staffGroup: 'Medical', department: 'Surgery', requiredStaff: 10, completed12m: 9 },
	{ staffGroup: 'Medical', department: 'Wards', requiredStaff: 4, completed12m: 4 },
	{ staffGroup: 'Nursing', department: 'Wards', requiredStaff: 20, completed12m: 15 },
	{ staffGroup: 'Nursing', department: 'Theatres', requiredStaff: 6, completed12m: 6 },
	{ staffGroup: 'Admin', department: 'Board', requiredStaff: 3, completed12m: 1 }
];

describe('people charts', () => {
	const [groups, departments, trend] = peopleCharts({
		target: TRAINING_TARGET,
		byStaffGroup: [group('Admin', 1, 3), group('Medical', 19, 20), group('Nursing', 21, 26)],
		byDepartment: [group('Board', 1, 3), group('Empty', 0, 0)],
		trend: { months: ['2025-04', '2025-05', '2025-06'], completionRate: [null, 0.8, 0.81] }
	});

	it('draws completion by staff group as horizontal bars with a dashed 95 % target line, and says how many fall below it', () => {
		expect(groups.id).toBe('training-by-staff-group');
		expect(groups.config).toMatchObject({ type: 'bar', horizontal: true, max: 1, unit: 'rate' });
		expect(groups.config.data.labels).toEqual(['Admin', 'Medical', 'Nursing']);
		expect(groups.config.data.datasets[0]!.data).toEqual([1 / 3, 0.95, 21 / 26]);
		expect(groups.config.data.datasets[1]).toMatchObject({ type: 'line', label: 'Target 95.0 %', data: [0.95, 0.95, 0.95], borderDash: [6, 4] });
		// Drawn over the bars (chart.js draws the lowest order last).
		expect(groups.config.data.datasets[1]!.order).toBeLessThan(groups.config.data.datasets[0]!.order!);
		expect(groups.summary).toBe('Training completion by staff group: Admin 33.3 %; Medical 95.0 %; Nursing 80.8 %. Target 95.0 %: 2 of 3 below it.');
		expect(groups.table.columns).toEqual(['Staff group', 'Completion', 'Trained of required', 'Overdue', 'Against target 95.0 %']);
		expect(groups.table.rows[1]).toEqual({ label: 'Medical', cells: ['95.0 %', '19 of 20', '1', 'Meets target'] });
		expect(groups.table.rows[2]).toEqual({ label: 'Nursing', cells: ['80.8 %', '21 of 26', '5', 'Below target'] });
	});

	it('shows a department with no required staff as "no data", never 0 %, and does not count it below target', () => {
		expect(departments.config.data.datasets[0]!.data).toEqual([1 / 3, null]);
		expect(departments.table.rows[1]).toEqual({ label: 'Empty', cells: ['no data', '0 of 0', '0', 'No data'] });
		expect(departments.summary).toContain('Empty no data');
		expect(departments.summary).toContain('1 of 2 below it');
	});

	it('draws the 12-month trend against the target with gaps for months without data', () => {
		expect(trend.config.type).toBe('line');
		expect(trend.config.data.datasets[0]!.data).toEqual([null, 0.8, 0.81]);
		expect(trend.config.data.datasets[1]).toMatchObject({ label: 'Target 95.0 %', data: [0.95, 0.95, 0.95] });
		expect(trend.table.rows.map((r) => r.cells[0])).toEqual(['no data', '80.0 %', '81.0 %']);
		expect(trend.summary).toContain('81.0 % in Jun 2025');
	});

	it('becomes a horizontal chart.js bar chart whose value axis, tooltips and clicks run along y', () => {
		let selected = -1;
		const js = toChartJs(groups.config, { onSelect: (i) => (selected = i) });
		expect(js.options).toMatchObject({ indexAxis: 'y', interaction: { mode: 'index', axis: 'y' } });
		const x = js.options!.scales!.x as { max?: number; ticks: { callback: (v: number) => string } };
		expect(x.max).toBe(1);
		expect(x.ticks.callback(0.25)).toBe('25.0 %');
		expect((js.options!.scales!.y as { ticks: { autoSkip: boolean } }).ticks.autoSkip).toBe(false);
		(js.options!.onClick as (e: unknown, elements: { index: number }[]) => void)({}, [{ index: 2 }]);
		expect(selected).toBe(2);
		const vertical = toChartJs(trend.config);
		expect(vertical.options).not.toHaveProperty('indexAxis');
		expect((vertical.options!.scales!.y as { max?: number }).max).toBe(1);
	});
});

describe('completion in words', () => {
	it('gives the rate with its numerator and denominator, or "no data"', () => {
		expect(describeCompletion(rate(4_562, 5_003))).toBe('91.2 % (4,562 of 5,003)');
		expect(describeCompletion(rate(0, 0))).toBe('no data');
	});

	it('meets the target at exactly 95 % and not at 94.99 %', () => {
		expect(targetVerdict(rate(19, 20), 0.95)).toBe('Meets target');
		expect(targetVerdict(rate(9_499, 10_000), 0.95)).toBe('Below target');
		expect(targetVerdict(rate(0, 0), 0.95)).toBe('No data');
	});
});

describe('who is overdue, as counts', () => {
	it('sums staff groups, most overdue first', () => {
		expect(overdueByStaffGroup(cells).map((r) => [r.name, r.requiredStaff, r.completed12m, r.overdue])).toEqual([
			['Nursing', 26, 21, 5],
			['Admin', 3, 1, 2],
			['Medical', 14, 13, 1]
		]);
	});

	it('sums departments across every group, or within the group drilled into', () => {
		expect(overdueByDepartment(cells, null).map((r) => [r.name, r.requiredStaff, r.overdue])).toEqual([
			['Wards', 24, 5],
			['Board', 3, 2],
			['Surgery', 10, 1],
			['Theatres', 6, 0]
		]);
		const medical = overdueByDepartment(cells, 'Medical');
		expect(medical.map((r) => [r.name, r.requiredStaff, r.overdue])).toEqual([
			['Surgery', 10, 1],
			['Wards', 4, 0]
		]);
		expect(medical[0]!.completionRate).toEqual({ value: 0.9, numerator: 9, denominator: 10 });
		expect(overdueByDepartment(cells, 'Nobody')).toEqual([]);
	});

	it('totals a table, with no rate when nobody is required', () => {
		expect(totalOverdue(overdueByDepartment(cells, 'Medical'))).toEqual({ requiredStaff: 14, completed12m: 13, overdue: 1, completionRate: rate(13, 14) });
		expect(totalOverdue([]).completionRate.value).toBeNull();
	});
});
