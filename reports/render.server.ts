import pdfmakeModule from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { FONT_DIR, ROBOTO } from './fonts.server';

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

/** Render a document definition to PDF bytes: the only place Beacon calls pdfmake. */
export async function renderPdf(doc: TDocumentDefinitions): Promise<RenderedPdf> {
	configure();
	let pages = 0;
	const counted: TDocumentDefinitions = {
		...doc,
		// The footer is called once per page with the page count: the cheapest way to learn it.
		footer: (current, count, size) => {
			pages = count;
			return typeof doc.footer === 'function' ? doc.footer(current, count, size) : (doc.footer ?? null);
		}
	};
	const bytes = Buffer.from(await pdfmake.createPdf(counted).getBuffer());
	return { bytes, pages };
}
