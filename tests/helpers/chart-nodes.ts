import type { ChartDrawing } from '../../reports/frame';

/** The charts a document definition asks render.server.ts to draw (frame.ts `figure`), in document order. */
export function chartsIn(node: unknown, out: ChartDrawing[] = []): ChartDrawing[] {
	if (Array.isArray(node)) for (const n of node) chartsIn(n, out);
	else if (node && typeof node === 'object') {
		if ('chart' in node) out.push(node.chart as ChartDrawing);
		else for (const value of Object.values(node)) chartsIn(value, out);
	}
	return out;
}
