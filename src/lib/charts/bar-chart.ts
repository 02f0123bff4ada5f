import type { ChartSpec, ValueUnit } from './chart-spec';
import { formatValue } from './format-value';
import { SERIES_COLOURS } from './palette';

export interface BarInput {
	id: string;
	title: string;
	/** The bars along the axis (years, categories, staff groups). */
	labels: string[];
	/** What the first table column holds, e.g. "Financial year". */
	labelHeading: string;
	series: { label: string; values: (number | null)[]; colour?: string }[];
	unit: ValueUnit;
	/** Stack the series on one bar per label (spend by category per year) rather than side by side. */
	stacked?: boolean;
	/** A value axis maximum; rates default to 1 (100 %). */
	max?: number;
}

/** Bars, grouped or stacked; the table lists every value, with a total column when stacked. */
export function barChart(input: BarInput): ChartSpec {
	const datasets = input.series.map((s, i) => ({
		label: s.label,
		data: s.values,
		backgroundColor: s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length],
		borderColor: '#ffffff',
		borderWidth: 1,
		...(input.stacked ? { stack: 'total' } : {})
	}));
	const totals = input.labels.map((_, i) => input.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
	const columns = [input.labelHeading, ...input.series.map((s) => s.label), ...(input.stacked ? ['Total'] : [])];
	const rows = input.labels.map((label, i) => ({
		label,
		cells: [...input.series.map((s) => formatValue(input.unit, s.values[i] ?? null)), ...(input.stacked ? [formatValue(input.unit, totals[i] ?? 0)] : [])]
	}));
	const summary = input.stacked
		? `${input.title}: ${input.labels.map((l, i) => `${l} ${formatValue(input.unit, totals[i] ?? 0)}`).join('; ')}.`
		: `${input.title}: ${input.labels.map((l, i) => `${l} ${input.series.map((s) => formatValue(input.unit, s.values[i] ?? null)).join(' / ')}`).join('; ')}.`;
	const max = input.max ?? (input.unit === 'rate' ? 1 : undefined);
	return {
		id: input.id,
		title: input.title,
		summary,
		config: { type: 'bar', data: { labels: input.labels, datasets }, unit: input.unit, stacked: input.stacked ?? false, ...(max !== undefined ? { max } : {}) },
		table: { caption: input.title, columns, rows }
	};
}
