import type { Rate } from '../server/metrics/rate';
import { formatCount, formatRate } from '../format';
import { barChart } from './bar-chart';
import type { ChartSpec } from './chart-spec';
import { formatValue } from './format-value';
import { PALETTE, TARGET_COLOUR } from './palette';
import { trendChart } from './trend-chart';

/** The DSPT expectation for data security training: 95 % of staff trained in the last 12 months. */
export const TRAINING_TARGET = 0.95;

export const PEOPLE_CHART_IDS = { byStaffGroup: 'training-by-staff-group', byDepartment: 'training-by-department', trend: 'training-trend' } as const;

export interface GroupCompletion {
	name: string;
	requiredStaff: number;
	completed12m: number;
	completionRate: Rate;
}

/** What the People charts draw: the same figures the page states in words. */
export interface PeopleChartData {
	target: number;
	byStaffGroup: GroupCompletion[];
	byDepartment: GroupCompletion[];
	trend: { months: string[]; completionRate: (number | null)[]; toDate?: string | null };
}

/** Required staff in one staff group and department, and how many are trained (counts only, never people). */
export interface TrainingCell {
	staffGroup: string;
	department: string;
	requiredStaff: number;
	completed12m: number;
}

/** One row of an "overdue" table: required staff not trained in the 12 months before the date. */
export interface OverdueRow {
	name: string;
	requiredStaff: number;
	completed12m: number;
	overdue: number;
	completionRate: Rate;
}

/** "91.2 % (4,562 of 5,003)", or "no data" when no one is required to train. */
export function describeCompletion(rate: Rate): string {
	return rate.value === null ? 'no data' : `${formatRate(rate.value)} (${formatCount(rate.numerator)} of ${formatCount(rate.denominator)})`;
}

/** Whether a rate meets the target, in words (never colour alone). */
export function targetVerdict(rate: Rate, target: number): 'Meets target' | 'Below target' | 'No data' {
	if (rate.value === null) return 'No data';
	return rate.value >= target ? 'Meets target' : 'Below target';
}

/** Completion by group as horizontal bars (long names read across), with the target as a dashed line. */
function completionBars(id: string, title: string, labelHeading: string, groups: GroupCompletion[], target: number): ChartSpec {
	const spec = barChart({
		id,
		title,
		labels: groups.map((g) => g.name),
		labelHeading,
		unit: 'rate',
		series: [{ label: 'Completed in the last 12 months', values: groups.map((g) => g.completionRate.value), colour: PALETTE.blue }]
	});
	const targetLabel = `Target ${formatValue('rate', target)}`;
	spec.config.horizontal = true;
	// chart.js draws the lowest order last: the target line goes over the bars, not hidden behind them.
	for (const dataset of spec.config.data.datasets) dataset.order = 1;
	spec.config.data.datasets.push({
		type: 'line',
		label: targetLabel,
		data: groups.map(() => target),
		borderColor: TARGET_COLOUR,
		backgroundColor: TARGET_COLOUR,
		borderDash: [6, 4],
		borderWidth: 2,
		pointRadius: 0,
		order: 0
	});
	const below = groups.filter((g) => g.completionRate.value !== null && g.completionRate.value < target).length;
	spec.summary = `${spec.summary} ${targetLabel}: ${formatCount(below)} of ${formatCount(groups.length)} below it.`;
	spec.table = {
		caption: title,
		columns: [labelHeading, 'Completion', 'Trained of required', 'Overdue', `Against ${targetLabel.toLowerCase()}`],
		rows: groups.map((g) => ({
			label: g.name,
			cells: [
				formatValue('rate', g.completionRate.value),
				`${formatCount(g.completed12m)} of ${formatCount(g.requiredStaff)}`,
				formatCount(g.requiredStaff - g.completed12m),
				targetVerdict(g.completionRate, target)
			]
		}))
	};
	return spec;
}

/** The People page's charts, in page order: by staff group, by department, the monthly trend. */
export function peopleCharts(data: PeopleChartData): [ChartSpec, ChartSpec, ChartSpec] {
	const targetLabel = `Target ${formatValue('rate', data.target)}`;
	return [
		completionBars(PEOPLE_CHART_IDS.byStaffGroup, 'Training completion by staff group', 'Staff group', data.byStaffGroup, data.target),
		completionBars(PEOPLE_CHART_IDS.byDepartment, 'Training completion by department', 'Department', data.byDepartment, data.target),
		trendChart({
			id: PEOPLE_CHART_IDS.trend,
			title: 'Training completion, last 12 months',
			months: data.trend.months,
			toDate: data.trend.toDate,
			series: [{ label: 'Completed in the 12 months to each month end', values: data.trend.completionRate, colour: PALETTE.blue }],
			unit: 'rate',
			target: { label: targetLabel, value: data.target }
		})
	];
}

/** Rows for an overdue table, most overdue first (then by name), so the board sees where the gap is. */
function toOverdueRows(groups: Map<string, { requiredStaff: number; completed12m: number }>): OverdueRow[] {
	return [...groups]
		.map(([name, c]) => ({ name, ...c, overdue: c.requiredStaff - c.completed12m, completionRate: rateOf(c.completed12m, c.requiredStaff) }))
		.sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name));
}

function rateOf(numerator: number, denominator: number): Rate {
	return { value: denominator > 0 ? numerator / denominator : null, numerator, denominator };
}

function sumBy(cells: TrainingCell[], key: (c: TrainingCell) => string) {
	const groups = new Map<string, { requiredStaff: number; completed12m: number }>();
	for (const c of cells) {
		const g = groups.get(key(c)) ?? { requiredStaff: 0, completed12m: 0 };
		g.requiredStaff += c.requiredStaff;
		g.completed12m += c.completed12m;
		groups.set(key(c), g);
	}
	return groups;
}

/** Overdue counts per staff group. */
export function overdueByStaffGroup(cells: TrainingCell[]): OverdueRow[] {
	return toOverdueRows(sumBy(cells, (c) => c.staffGroup));
}

/** Overdue counts per department, within one staff group when one is chosen (the drill-down), else across all. */
export function overdueByDepartment(cells: TrainingCell[], staffGroup: string | null): OverdueRow[] {
	return toOverdueRows(sumBy(staffGroup === null ? cells : cells.filter((c) => c.staffGroup === staffGroup), (c) => c.department));
}

/** The sum of an overdue table, for its total row. */
export function totalOverdue(rows: OverdueRow[]): Omit<OverdueRow, 'name'> {
	const requiredStaff = rows.reduce((n, r) => n + r.requiredStaff, 0);
	const completed12m = rows.reduce((n, r) => n + r.completed12m, 0);
	return { requiredStaff, completed12m, overdue: requiredStaff - completed12m, completionRate: rateOf(completed12m, requiredStaff) };
}
