import { createHash } from 'node:crypto';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, type Plugin } from 'chart.js';
import type { ChartSpec } from '../src/lib/charts/chart-spec';
import { toChartJs } from '../src/lib/charts/to-chartjs';
import type { ChartImageSize } from './frame';
import { ROBOTO } from './fonts.server';

/**
 * Charts for paper: the dashboard's chart specifications drawn by chart.js on a server canvas, at a fixed
 * size, on white, in the report's typeface, with nothing animated or interactive. The same numbers as the
 * screen, because it is the same specification. Images are cached by a hash of what they show.
 */
Chart.register(LineController, BarController, LineElement, PointElement, BarElement, CategoryScale, LinearScale, Legend);
GlobalFonts.registerFromPath(ROBOTO.normal, 'Roboto');
Chart.defaults.font.family = 'Roboto';
Chart.defaults.font.size = 8;

const whiteBackground: Plugin = {
	id: 'beaconWhiteBackground',
	beforeDraw: (chart) => {
		const { ctx, width, height } = chart;
		ctx.save();
		ctx.fillStyle = '#ffffff';
		ctx.fillRect(0, 0, width, height);
		ctx.restore();
	}
};

/** Drawn at twice the printed size, so lines stay sharp on paper. */
const SCALE = 2;
const CACHE_LIMIT = 200;
const cache = new Map<string, Buffer>();

export function chartImage(spec: ChartSpec, size: ChartImageSize = { width: 515, height: 220 }): Buffer {
	const key = createHash('sha256')
		.update(JSON.stringify([spec.config, size]))
		.digest('hex');
	const hit = cache.get(key);
	if (hit) return hit;
	// chart.js lays out at the printed size and draws at devicePixelRatio times it.
	const canvas = createCanvas(size.width, size.height);
	const config = toChartJs(spec.config, { interactive: false });
	config.options = { ...config.options, devicePixelRatio: SCALE, font: { family: 'Roboto' } } as typeof config.options;
	config.plugins = [whiteBackground];
	const chart = new Chart(canvas as unknown as HTMLCanvasElement, config);
	const png = canvas.toBuffer('image/png');
	chart.destroy();
	if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
	cache.set(key, png);
	return png;
}
