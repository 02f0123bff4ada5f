import type { Attachment } from 'svelte/attachments';
import type { ChartConfig } from '$lib/charts/chart-spec';
import { toChartJs, type DrawOptions } from '$lib/charts/to-chartjs';

/** chart.js with only the parts Beacon draws: loaded on first use, so pages without charts never fetch it. */
async function loadChart() {
	const c = await import('chart.js');
	c.Chart.register(c.LineController, c.BarController, c.LineElement, c.PointElement, c.BarElement, c.CategoryScale, c.LinearScale, c.Tooltip, c.Legend);
	return c.Chart;
}

/**
 * `{@attach chart(config, options)}` on a canvas: draws the chart when the canvas is in the page and
 * destroys it when the canvas goes (or the config changes), so no chart outlives its element.
 */
export function chart(config: ChartConfig, options: DrawOptions = {}): Attachment<HTMLCanvasElement> {
	return (canvas) => {
		let instance: { destroy(): void } | null = null;
		let gone = false;
		void loadChart().then((Chart) => {
			if (!gone) instance = new Chart(canvas, toChartJs(config, options));
		});
		return () => {
			gone = true;
			instance?.destroy();
		};
	};
}
