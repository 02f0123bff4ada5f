import type { ChartConfiguration } from 'chart.js';
import type { ChartConfig } from './chart-spec';
import { formatValue } from './format-value';
import { PALETTE } from './palette';

export interface DrawOptions {
	/** Called with the index of the label (month, year, category) a person clicked or tapped. */
	onSelect?: (index: number) => void;
	/** Off for the PDF: a still image has nothing to animate or hover. */
	interactive?: boolean;
}

/** A Beacon chart as a chart.js configuration: axes, tooltips and legend formatted in the chart's unit. */
export function toChartJs(config: ChartConfig, draw: DrawOptions = {}): ChartConfiguration {
	const interactive = draw.interactive ?? true;
	const format = (value: number | string | null) => formatValue(config.unit, typeof value === 'number' ? value : value === null ? null : Number(value));
	const horizontal = config.horizontal ?? false;
	const categoryAxis = { stacked: config.stacked ?? false, ticks: { color: PALETTE.text, autoSkip: true, maxRotation: 0 }, grid: { display: false } };
	const valueAxis = {
		stacked: config.stacked ?? false,
		beginAtZero: true,
		...(config.max !== undefined ? { max: config.max } : {}),
		// Counts step in whole numbers: half steps would print as repeated labels (4, 4, 3, 3 …).
		ticks: { color: PALETTE.text, ...(config.unit === 'count' ? { precision: 0 } : {}), callback: (value: number | string) => format(value as number) },
		grid: { color: PALETTE.paleGrey }
	};
	return {
		type: config.type,
		data: structuredClone(config.data) as ChartConfiguration['data'],
		options: {
			responsive: interactive,
			maintainAspectRatio: false,
			animation: false,
			color: PALETTE.text,
			interaction: { mode: 'index', intersect: false, axis: horizontal ? 'y' : 'x' },
			plugins: {
				legend: { position: 'bottom', labels: { usePointStyle: true, color: PALETTE.text } },
				tooltip: { enabled: interactive, callbacks: { label: (item) => `${item.dataset.label}: ${format(horizontal ? item.parsed.x : item.parsed.y)}` } }
			},
			...(horizontal ? { indexAxis: 'y' as const } : {}),
			scales: horizontal ? { x: valueAxis, y: { ...categoryAxis, ticks: { color: PALETTE.text, autoSkip: false } } } : { x: categoryAxis, y: valueAxis },
			...(draw.onSelect
				? {
						onClick: (_event, elements) => {
							const first = elements[0];
							if (first) draw.onSelect?.(first.index);
						}
					}
				: {})
		}
	};
}
