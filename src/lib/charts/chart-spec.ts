/**
 * A chart as Beacon draws it: the chart.js configuration plus what stands in for it without sight or
 * without a canvas: a one-sentence summary and a table of every number plotted. Built by the pure
 * functions in this folder, so the screen (chart.js in the browser) and the PDF (chart.js on a server
 * canvas) draw the same numbers from the same specification.
 */
export interface ChartTable {
	caption: string;
	/** Header of the first column (what each row is, e.g. "Month"), then one per series. */
	columns: string[];
	rows: { label: string; cells: string[] }[];
}

/** The plain-data subset of a chart.js configuration Beacon uses (it must survive JSON to the browser). */
export interface ChartConfig {
	type: 'line' | 'bar';
	data: {
		labels: string[];
		datasets: {
			/** A line over bars (a target, say); otherwise the chart's own type. */
			type?: 'line';
			label: string;
			data: (number | null)[];
			borderColor?: string;
			backgroundColor?: string;
			borderDash?: number[];
			borderWidth?: number;
			pointRadius?: number;
			pointStyle?: string;
			stack?: string;
			spanGaps?: boolean;
			fill?: boolean;
			order?: number;
		}[];
	};
	/** How the value axis is shown: the attachment turns this into tick and tooltip formatters. */
	unit: ValueUnit;
	stacked?: boolean;
	/** Bars run across the page, for long category names (staff groups, departments) that would not fit beneath. */
	horizontal?: boolean;
	/** The value axis runs 0–max (0–1 for rates) unless said otherwise. */
	max?: number;
}

export type ValueUnit = 'rate' | 'count' | 'pence' | 'hours';

export interface ChartSpec {
	id: string;
	title: string;
	/** The text alternative: what the chart shows, in one or two sentences, with the latest figures. */
	summary: string;
	config: ChartConfig;
	table: ChartTable;
}
