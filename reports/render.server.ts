import pdfmakeModule from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { chartImage } from './chart-image.server';
import { FONT_DIR, ROBOTO } from './fonts.server';
import type { ChartNode } from './frame';

type PdfMake = typeof import('pdfmake');
// pdfmake 0.3 is one configured object (CommonJS default export), not a constructor.
const pdfmake = ((pdfmakeModule as unknown as { default?: PdfMake }).default ?? pdfmakeModule) as PdfMake;

let configured = false;

/** Fonts from the project's own packages only; no URL is ever fetched and no other file is ever read. */
function configure(): void {
	if (configured) return;
	pdfmake.setFonts({ Roboto: ROBOTO });
	pdfmake.setUrlAccessPolicy(() => false);
	pdfmake.setLocalAccessPolicy((file) => file.startsWith(FONT_DIR + '/'));
	configured = true;
}

export interface RenderedPdf {
	bytes: Buffer;
	pages: number;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

const isChartNode = (value: Record<string, unknown>): value is Record<string, unknown> & ChartNode =>
	isPlainObject(value.chart) && isPlainObject(value.chart.spec) && isPlainObject(value.chart.size) && typeof value.width === 'number';

/** The content with each chart the builders placed (frame.ts `figure`) drawn as a PNG image in its place. */
function drawCharts(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(drawCharts);
	if (!isPlainObject(node)) return node;
	if (isChartNode(node)) return { image: `data:image/png;base64,${chartImage(node.chart.spec, node.chart.size).toString('base64')}`, width: node.width };
	return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, drawCharts(value)]));
}

/** Render a document definition to PDF bytes, its charts drawn first: the only place Beacon calls pdfmake. */
export async function renderPdf(doc: TDocumentDefinitions): Promise<RenderedPdf> {
	configure();
	let pages = 0;
	const counted: TDocumentDefinitions = {
		...doc,
		content: drawCharts(doc.content) as Content,
		// The footer is called once per page with the page count: the cheapest way to learn it.
		footer: (current, count, size) => {
			pages = count;
			return typeof doc.footer === 'function' ? doc.footer(current, count, size) : (doc.footer ?? null);
		}
	};
	const bytes = Buffer.from(await pdfmake.createPdf(counted).getBuffer());
	return { bytes, pages };
}
