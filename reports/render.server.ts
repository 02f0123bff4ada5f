import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import pdfmakeModule from 'pdfmake';
import { SIGNATURE_BYTES } from '../src/lib/server/signing/seal';
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

/** A file carried inside the PDF as a PDF/A-3 associated file: the pack's machine-readable evidence. */
export interface EmbeddedFile {
	name: string;
	bytes: Uint8Array;
	/** MIME type, e.g. application/json. */
	type: string;
	description: string;
	/** PDF/A-3 AFRelationship: Data for the data the report shows, Supplement for the manifest. */
	relationship: 'Data' | 'Source' | 'Supplement' | 'Alternative' | 'Unspecified';
}

/** The signature dictionary's text; the signature itself is made over the finished bytes (src/lib/server/signing). */
export interface SignatureSlot {
	reason: string;
	name: string;
	location: string;
	contactInfo: string;
	signingTime: Date;
}

export interface RenderOptions {
	files?: readonly EmbeddedFile[];
	/** Leave an empty signature field (a placeholder) for the seal; without it the PDF is unsigned. */
	signature?: SignatureSlot;
}

/** What render.server needs of the pdfkit document pdfmake laid out (pdfmake types it as an opaque stream). */
interface PdfKitDocument {
	info: Record<string, unknown>;
	_addInfo(): void;
	file(src: Buffer, options: Record<string, unknown>): unknown;
	ref(data: Record<string, unknown>): unknown;
	on(event: 'data', listener: (chunk: Buffer) => void): void;
	on(event: 'end' | 'error', listener: (e?: Error) => void): void;
	end(): void;
}

/**
 * The associated files and the signature field, added to the laid-out document before pdfkit writes its
 * last objects, so the one revision holds them and the signature later covers all of it.
 */
function addFilesAndSignatureField(doc: PdfKitDocument, options: RenderOptions, when: Date): void {
	for (const f of options.files ?? [])
		doc.file(Buffer.from(f.bytes), {
			name: f.name,
			type: f.type,
			description: f.description,
			relationship: f.relationship,
			creationDate: when,
			modifiedDate: when
		});
	if (!options.signature) return;
	// PDF/A wants every annotation printable (F 4); @signpdf's pdfkit placeholder leaves F out, so its widget gets it here.
	const ref = doc.ref.bind(doc);
	doc.ref = (data) => ref(data.Subtype === 'Widget' ? { ...data, F: 4 } : data);
	try {
		pdfkitAddPlaceholder({
			pdf: doc,
			pdfBuffer: Buffer.alloc(0),
			...options.signature,
			signatureLength: SIGNATURE_BYTES,
			subFilter: SUBFILTER_ETSI_CADES_DETACHED,
			appName: 'Beacon'
		} as Parameters<typeof pdfkitAddPlaceholder>[0]);
	} finally {
		doc.ref = ref;
	}
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * pdfkit copies the title, author, subject and keywords into the XMP metadata as they are, unescaped: an
 * organisation called "Chelsea & Westminster …" would make the XMP malformed XML, and the file no longer
 * PDF/A. The XMP is written from an escaped copy; the document information dictionary keeps the real text.
 */
function escapeXmpInfo(doc: PdfKitDocument): void {
	const addInfo = doc._addInfo.bind(doc);
	doc._addInfo = () => {
		const info = doc.info;
		doc.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/[&<>"]/g, (c) => XML_ESCAPES[c] ?? c) : v]));
		try {
			addInfo();
		} finally {
			doc.info = info;
		}
	};
}

function collect(doc: PdfKitDocument): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (chunk) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', (e) => reject(e ?? new Error('PDF output failed')));
		doc.end();
	});
}

/**
 * Render a document definition to PDF bytes, its charts drawn first: the only place Beacon calls pdfmake.
 * The PDF is PDF/A-3b (archival: fonts embedded, sRGB output intent, XMP metadata), in British English,
 * with its title shown and any associated files embedded.
 */
export async function renderPdf(doc: TDocumentDefinitions, options: RenderOptions = {}): Promise<RenderedPdf> {
	configure();
	let pages = 0;
	const counted: TDocumentDefinitions = {
		...doc,
		version: '1.7',
		subset: 'PDF/A-3b',
		language: 'en-GB',
		displayTitle: true,
		content: drawCharts(doc.content) as Content,
		// The footer is called once per page with the page count: the cheapest way to learn it.
		footer: (current, count, size) => {
			pages = count;
			return typeof doc.footer === 'function' ? doc.footer(current, count, size) : (doc.footer ?? null);
		}
	};
	const pdfkit = (await pdfmake.createPdf(counted).getStream()) as unknown as PdfKitDocument;
	escapeXmpInfo(pdfkit);
	addFilesAndSignatureField(pdfkit, options, doc.info?.creationDate ?? new Date());
	const bytes = await collect(pdfkit);
	return { bytes, pages };
}
