import type { Content, ContextPageSize, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ChartSpec } from '../src/lib/charts/chart-spec';
import { CHECKPOINT_KEYWORD, checkpointToken, type AuditCheckpoint } from '../src/lib/server/audit/checkpoint';

/**
 * The one look of Beacon's paper: A4, margins, type, the classification marking on every page, and the
 * footer that makes a copy verifiable (page X of Y, report id, a short form of the data hash, when it was
 * made). Report builders put content in; they never set page furniture themselves.
 */
export const CLASSIFICATION = 'OFFICIAL-SENSITIVE';

export const COLOURS = {
	text: '#212b32',
	secondary: '#4c6272',
	rule: '#d8dde0',
	blue: '#005eb8',
	paleBlue: '#e8f1f8',
	green: '#007f3b',
	red: '#d5281b',
	yellow: '#ffb81c',
	grey: '#768692'
} as const;

export interface FrameInput {
	/** e.g. "Board assurance pack". */
	title: string;
	organisation: { ods: string; name: string };
	/** e.g. "2025-26". */
	period: string;
	reportId: string;
	/** SHA-256 (hex) of the frozen data the report was made from. */
	dataSha256: string;
	/** ISO instant the report was generated. */
	generatedAt: string;
	/**
	 * The audit trail's checkpoint when the pack was made: every copy of the pack then holds it outside the
	 * database, so `audit verify --checkpoint` can show the trail was not cut back below it.
	 */
	auditCheckpoint?: AuditCheckpoint | null;
}

/** The report id and data hash as the footer and /verify print them: the hash shortened to 12 characters. */
export function shortHash(sha256: string): string {
	return sha256.slice(0, 12);
}

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });

export function generatedLabel(iso: string): string {
	return when.format(new Date(iso));
}

/** Thin horizontal rules, a shaded header row, generous padding: the one table layout. */
export const TABLE_LAYOUT: CustomTableLayout = {
	hLineWidth: (i, node) => (i === 0 || i === (node.table.headerRows ?? 0) || i === node.table.body.length ? 0.8 : 0.4),
	vLineWidth: () => 0,
	hLineColor: () => COLOURS.rule,
	fillColor: (row, node) => (row < (node.table.headerRows ?? 0) ? COLOURS.paleBlue : null),
	paddingLeft: () => 4,
	paddingRight: () => 4,
	paddingTop: () => 3,
	paddingBottom: () => 3
};

/** Characters in one cell beyond which its row may be too tall to keep whole on a page. */
const LONG_CELL = 1_200;

export interface TableColumn {
	header: string;
	/** pdfmake width: '*', 'auto' or points. */
	width?: number | string;
	align?: 'left' | 'right' | 'center';
}

/**
 * A table that repeats its header row on every page and never splits a row across pages (unless a cell is
 * so long the row might not fit on one). Cells are text (or pdfmake content for the rare cell that needs more).
 */
export function table(columns: readonly TableColumn[], rows: readonly (readonly (string | Content)[])[], options: { fontSize?: number } = {}): Content {
	const header: TableCell[] = columns.map((c) => ({ text: c.header, style: 'tableHeader', alignment: c.align ?? 'left' }));
	const body: TableCell[][] = rows.map((row) =>
		row.map((cell, i) => (typeof cell === 'string' ? { text: cell, alignment: columns[i]?.align ?? 'left' } : (cell as TableCell)))
	);
	// pdfmake drops a row kept whole that is taller than a page (and prints the next one twice): a table
	// with a cell long enough to risk that lets its rows break instead.
	const keepRowsWhole = !rows.some((row) => row.some((cell) => typeof cell === 'string' && cell.length > LONG_CELL));
	return {
		table: { headerRows: 1, dontBreakRows: keepRowsWhole, keepWithHeaderRows: 1, widths: columns.map((c) => c.width ?? '*'), body: [header, ...body] },
		layout: TABLE_LAYOUT,
		fontSize: options.fontSize ?? 9,
		margin: [0, 4, 0, 10]
	} as Content;
}

/** A heading; a section's (level 1) starts a page and is a bookmark in the PDF's outline. */
export function heading(text: string, level: 1 | 2 | 3 = 2): Content {
	return { text, style: `h${level}`, ...(level === 1 ? { pageBreak: 'before' as const, outline: true } : {}) } as Content;
}

export function paragraph(text: string | Content[], style?: string): Content {
	return { text, ...(style ? { style } : {}), margin: [0, 0, 0, 6] } as Content;
}

/** Key figures in a row of boxes: label, value, and what it is made of. */
export function keyFigures(figures: readonly { label: string; value: string; detail?: string }[]): Content {
	const cells: TableCell[] = figures.map((f) => ({
		stack: [{ text: f.label, style: 'figureLabel' }, { text: f.value, style: 'figureValue' }, ...(f.detail ? [{ text: f.detail, style: 'small' }] : [])],
		margin: [6, 6, 6, 6] as [number, number, number, number]
	}));
	const perRow = 3;
	const rows: TableCell[][] = [];
	for (let i = 0; i < cells.length; i += perRow) {
		const row: TableCell[] = cells.slice(i, i + perRow);
		while (row.length < perRow) row.push({ text: '' });
		rows.push(row);
	}
	return {
		table: { widths: Array(perRow).fill('*'), body: rows, dontBreakRows: true },
		layout: { hLineWidth: () => 0.6, vLineWidth: () => 0.6, hLineColor: () => COLOURS.rule, vLineColor: () => COLOURS.rule },
		margin: [0, 4, 0, 10]
	} as Content;
}

export interface ChartImageSize {
	/** Printed size in PDF points (1/72 inch). */
	width: number;
	height: number;
}

/** A dashboard chart specification to draw for paper, at this size. */
export interface ChartDrawing {
	spec: ChartSpec;
	size: ChartImageSize;
}

/**
 * A chart in a document definition: render.server.ts draws it (chart-image.server.ts) and puts the image
 * in its place before pdfmake sees the document, so the builders stay pure.
 */
export interface ChartNode {
	chart: ChartDrawing;
	width: number;
}

/** A chart drawn for paper, with its caption and its one-sentence summary beneath. */
export function figure(chart: ChartDrawing, caption: string, summary: string, width = 515): Content {
	const node: ChartNode = { chart, width };
	return {
		stack: [{ text: caption, style: 'h3' }, node, { text: summary, style: 'small', margin: [0, 2, 0, 0] }],
		unbreakable: true,
		margin: [0, 0, 0, 10]
	} as Content;
}

/** Put content in the frame: page size, margins, header and footer, styles, document metadata. */
export function framed(input: FrameInput, content: Content[]): TDocumentDefinitions {
	return {
		pageSize: 'A4',
		pageMargins: [40, 56, 40, 56],
		info: {
			title: `${input.title}: ${input.organisation.name}, ${input.period}`,
			author: 'Beacon',
			subject: `${input.title} for ${input.organisation.ods} ${input.organisation.name}, ${input.period}`,
			// /verify reads this back from a copy to say which report a file claims to be.
			keywords: [
				`beacon-report-id:${input.reportId} beacon-data-sha256:${input.dataSha256}`,
				...(input.auditCheckpoint ? [`${CHECKPOINT_KEYWORD}${checkpointToken(input.auditCheckpoint)}`] : [])
			].join(' '),
			creator: 'Beacon',
			producer: 'Beacon (pdfmake)',
			creationDate: new Date(input.generatedAt)
		},
		header: (_page: number, _count: number, size: ContextPageSize) => ({
			columns: [
				{ text: `${input.organisation.name} (${input.organisation.ods})`, style: 'furniture' },
				{ text: CLASSIFICATION, style: 'classification', alignment: 'right' }
			],
			margin: [40, 22, 40, 0],
			width: size.width
		}),
		footer: (page: number, count: number) => ({
			columns: [
				{ text: `Page ${page} of ${count}`, style: 'furniture', width: 'auto' },
				{
					text: `Report ${input.reportId} · data ${shortHash(input.dataSha256)} · generated ${generatedLabel(input.generatedAt)} · ${CLASSIFICATION}`,
					style: 'furniture',
					alignment: 'right'
				}
			],
			margin: [40, 18, 40, 0]
		}),
		content,
		defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2, color: COLOURS.text },
		styles: {
			title: { fontSize: 24, bold: true, color: COLOURS.blue, margin: [0, 120, 0, 8] },
			subtitle: { fontSize: 14, color: COLOURS.secondary, margin: [0, 0, 0, 4] },
			h1: { fontSize: 16, bold: true, color: COLOURS.blue, margin: [0, 0, 0, 8] },
			h2: { fontSize: 12.5, bold: true, margin: [0, 10, 0, 4] },
			h3: { fontSize: 10.5, bold: true, margin: [0, 6, 0, 3] },
			small: { fontSize: 8, color: COLOURS.secondary },
			furniture: { fontSize: 7.5, color: COLOURS.secondary },
			classification: { fontSize: 8, bold: true },
			tableHeader: { bold: true },
			figureLabel: { fontSize: 8, color: COLOURS.secondary },
			figureValue: { fontSize: 16, bold: true }
		}
	};
}
