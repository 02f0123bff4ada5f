import type { ChartConfig, ChartSpec, ValueUnit } from './chart-spec';
import { formatValue, monthLabel } from './format-value';
import { SERIES_COLOURS, TARGET_COLOUR } from './palette';

export interface TrendSeries {
	label: string;
	/** One value per month, in the order of `months`; null where there is no data. */
	values: (number | null)[];
	colour?: string;
}

export interface TrendInput {
	id: string;
	title: string;
	/** 'YYYY-MM' months, oldest first. */
	months: string[];
	series: TrendSeries[];
	unit: ValueUnit;
	/** A target drawn as a dashed line (e.g. 0.95 for training), named in the legend and the table. */
	target?: { label: string; value: number };
	/** Set when the last month had not ended by the as-of date: its point is labelled "to" this date. */
	toDate?: string | null;
}

/** "Dec 2026", or for a month drawn to a date inside it, "Dec 2026 (to 7 Dec)". */
export function trendMonthLabel(month: string, toDate?: string | null): string {
	if (!toDate || toDate.slice(0, 7) !== month.slice(0, 7)) return monthLabel(month);
	const [day, mon] = [Number(toDate.slice(8, 10)), monthLabel(toDate).slice(0, 3)];
	return `${monthLabel(month)} (to ${day} ${mon})`;
}

/** The latest month with a value, for the summary sentence. */
function latest(months: string[], values: (number | null)[]): { month: string; value: number } | null {
	// months[i] is the month's label here.
	for (let i = values.length - 1; i >= 0; i--) {
		const value = values[i];
		if (value !== null && value !== undefined) return { month: months[i] as string, value };
	}
	return null;
}

/** A monthly trend: one line per series, an optional dashed target, gaps where a month has no data. */
export function trendChart(input: TrendInput): ChartSpec {
	const labels = input.months.map((m) => trendMonthLabel(m, input.toDate));
	const datasets: ChartConfig['data']['datasets'] = input.series.map((s, i) => ({
		label: s.label,
		data: s.values,
		borderColor: s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length],
		backgroundColor: s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length],
		borderWidth: 2,
		pointRadius: 3,
		pointStyle: ['circle', 'rect', 'triangle', 'rectRot'][i % 4],
		spanGaps: false
	}));
	if (input.target) {
		datasets.push({
			label: input.target.label,
			data: input.months.map(() => input.target!.value),
			borderColor: TARGET_COLOUR,
			backgroundColor: TARGET_COLOUR,
			borderDash: [6, 4],
			borderWidth: 2,
			pointRadius: 0
		});
	}
	const parts = input.series.map((s) => {
		const last = latest(labels, s.values);
		return last ? `${s.label} ${formatValue(input.unit, last.value)} in ${last.month}` : `${s.label}: no data`;
	});
	const range = input.months.length > 0 ? `${labels[0]} to ${labels.at(-1)}` : 'no months';
	const target = input.target ? ` Target: ${formatValue(input.unit, input.target.value)}.` : '';
	return {
		id: input.id,
		title: input.title,
		summary: `${input.title}, monthly, ${range}. Latest: ${parts.join('; ')}.${target}`,
		config: { type: 'line', data: { labels, datasets }, unit: input.unit, ...(input.unit === 'rate' ? { max: 1 } : {}) },
		table: {
			caption: input.title,
			columns: ['Month', ...input.series.map((s) => s.label)],
			rows: labels.map((label, i) => ({ label, cells: input.series.map((s) => formatValue(input.unit, s.values[i] ?? null)) }))
		}
	};
}
