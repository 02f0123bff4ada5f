import { describe, expect, it } from 'vitest';
import { chartImage } from '../../reports/chart-image.server';
import { figure, framed, heading, keyFigures, paragraph, shortHash, table } from '../../reports/frame';
import { renderPdf } from '../../reports/render.server';
import { trendChart } from '../../src/lib/charts/trend-chart';
import { hasPdfTools, pdfFonts, pdfInfo, pdfText, qpdfCheck } from '../helpers/pdf-tools';

const FRAME = {
	title: 'Board assurance pack',
	organisation: { ods: 'ZT1', name: 'Frame Test Trust' },
	period: '2025-26',
	reportId: '0b9c1e2a-3f4d-4a5b-8c6d-7e8f90a1b2c3',
	dataSha256: 'c0ffee'.padEnd(64, '0'),
	generatedAt: '2026-04-20T09:30:00Z'
};
const spec = trendChart({
	id: 't',
	title: 'Training completion',
	months: ['2025-01', '2025-02'],
	series: [{ label: 'Trained', values: [0.9, 0.93] }],
	unit: 'rate'
});

describe('the report frame', () => {
	it('puts the classification, organisation, page numbers, report id and short hash on every page', () => {
		const doc = framed(FRAME, [paragraph('x')]);
		const header = (doc.header as (p: number, c: number, s: unknown) => { columns: { text: string }[] })(1, 3, { width: 595 });
		expect(header.columns.map((c) => c.text)).toEqual(['Frame Test Trust (ZT1)', 'OFFICIAL-SENSITIVE']);
		const footer = (doc.footer as (p: number, c: number) => { columns: { text: string }[] })(2, 3);
		expect(footer.columns[0]!.text).toBe('Page 2 of 3');
		expect(footer.columns[1]!.text).toBe(`Report ${FRAME.reportId} · data c0ffee000000 · generated 20 April 2026 at 10:30 · OFFICIAL-SENSITIVE`);
		expect(doc.pageSize).toBe('A4');
		expect(doc.info?.keywords).toContain(`beacon-report-id:${FRAME.reportId}`);
		expect(shortHash('abcdef0123456789')).toBe('abcdef012345');
	});

	it('makes tables that repeat their header and never split a row', () => {
		const t = table([{ header: 'A' }, { header: 'B', align: 'right' }], [['1', '2']]) as {
			table: { headerRows: number; dontBreakRows: boolean; body: { text: string; alignment: string }[][] };
		};
		expect(t.table).toMatchObject({ headerRows: 1, dontBreakRows: true });
		expect(t.table.body[1]![1]).toEqual({ text: '2', alignment: 'right' });
		// A cell long enough to outgrow a page lets its rows break rather than vanish.
		const long = table([{ header: 'A' }], [['x'.repeat(5_000)]]) as { table: { dontBreakRows: boolean } };
		expect(long.table.dontBreakRows).toBe(false);
	});

	it('draws a dashboard chart specification as a PNG of the asked size, the same bytes for the same chart', () => {
		const png = chartImage(spec, { width: 300, height: 150 });
		expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
		// Width and height in the IHDR chunk: twice the printed size.
		expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([600, 300]);
		expect(chartImage(spec, { width: 300, height: 150 })).toBe(png);
	});
});

describe.skipIf(!hasPdfTools)('a rendered framed report', () => {
	it('is a valid A4 PDF with embedded fonts, extractable text and the page count in every footer', async () => {
		const rows = Array.from({ length: 120 }, (_, i) => [`Row ${i + 1}`, `${i * 7}`]);
		const doc = framed(FRAME, [
			heading('Summary', 1),
			paragraph('Standards Met — £1,234 spent.'),
			keyFigures([{ label: 'Staff trained', value: '98.5 %', detail: '4,962 of 5,039' }]),
			figure({ spec, size: { width: 515, height: 220 } }, spec.title, spec.summary),
			table([{ header: 'Item' }, { header: 'Value', align: 'right' }], rows)
		]);
		const { bytes, pages } = await renderPdf(doc);
		expect(qpdfCheck(bytes).ok).toBe(true);
		const info = pdfInfo(bytes);
		expect(Number(info.Pages)).toBe(pages);
		expect(pages).toBeGreaterThanOrEqual(3);
		expect(info['Page size']).toMatch(/^595\.\d* x 841\.\d* pts \(A4\)/);
		expect(info.Keywords).toContain(FRAME.reportId);
		const fonts = pdfFonts(bytes);
		expect(fonts.length).toBeGreaterThan(0);
		expect(fonts.every((f) => f.embedded && f.name.includes('Roboto'))).toBe(true);
		// The chart the document asked for is drawn in it.
		expect(Buffer.from(bytes).toString('latin1')).toContain('/Subtype /Image');
		const text = pdfText(bytes);
		expect(text).toContain('Standards Met — £1,234 spent.');
		expect(text).toContain(`Page ${pages} of ${pages}`);
		// The header row comes back on every page of the long table.
		expect(text.match(/Item\s+Value/g)!.length).toBeGreaterThanOrEqual(pages - 1);
		expect(text.match(/OFFICIAL-SENSITIVE/g)!.length).toBeGreaterThanOrEqual(pages * 2);
	});
});
