import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../reports/render.server';
import { hasPdfTools, pdfInfo, pdfXmp, qpdfCheck } from '../helpers/pdf-tools';

describe.skipIf(!hasPdfTools)('the archival PDF render.server makes', () => {
	it('writes well-formed XMP for a title with XML’s special characters, and keeps the real title in the document information', async () => {
		const title = 'Board pack: Chelsea & Westminster <Hospital> "NHS" Trust';
		const { bytes } = await renderPdf({
			info: { title, subject: 'A & B', keywords: 'x<y', creationDate: new Date('2026-03-31T12:00:00Z') },
			content: [{ text: 'Section', outline: true } as never]
		});
		expect(pdfInfo(bytes).Title).toBe(title);
		const xmp = pdfXmp(bytes);
		expect(xmp).toContain('Board pack: Chelsea &amp; Westminster &lt;Hospital&gt; &quot;NHS&quot; Trust');
		expect(xmp).toContain('<pdf:Keywords>x&lt;y</pdf:Keywords>');
		expect(xmp).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
		expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
		expect(qpdfCheck(bytes).ok).toBe(true);
	});
});
