import type { Content } from 'pdfmake/interfaces';
import type { TableColumn } from './frame';

/**
 * Keeping a heading with what follows it, on paper. pdfmake has no "keep with next": a heading block is
 * marked with a headline level and the document's pageBreakBefore (keepHeadingsWithContent) moves it to the
 * next page when nothing follows it on its own. A short table is simply kept whole with its heading (a
 * longer one flows, rather than leave most of a page blank); pdfmake silently drops unbreakable content
 * taller than a page, so "short" is a generous estimate of its height, well within one page.
 */
export const KEEP_WHOLE_MAX_PT = 320;

const TEXT_WIDTH_PT = 515;
/** Roboto's average character is about half an em; 0.55 errs towards more lines. */
const CHAR_EM = 0.55;
const LINE = 1.25;

const FURNITURE = new Set(['furniture', 'classification']);

/** pdfmake's pageBreakBefore: a node marked headlineLevel 1 with nothing after it on its page starts the next one. */
export function keepHeadingsWithContent(
	node: { headlineLevel?: number },
	queries: { getFollowingNodesOnPage: () => { style?: unknown; columns?: unknown }[] }
): boolean {
	if (node.headlineLevel !== 1) return false;
	return !queries.getFollowingNodesOnPage().some((n) => n.columns === undefined && !FURNITURE.has(n.style as string));
}

/** The strings a node prints, each paragraph (stack item) separately. */
function paragraphs(node: unknown): string[] {
	if (typeof node === 'string') return [node];
	if (Array.isArray(node)) return [node.map((n) => paragraphs(n).join('')).join('')];
	if (node && typeof node === 'object') {
		const n = node as { text?: unknown; stack?: unknown[] };
		if (n.stack) return n.stack.flatMap(paragraphs);
		if (n.text !== undefined) return [paragraphs(n.text).join('')];
	}
	return [];
}

function lines(node: unknown, widthPt: number, fontSize: number): number {
	const perLine = Math.max(1, Math.floor(widthPt / (fontSize * CHAR_EM)));
	return paragraphs(node).reduce((sum, text) => sum + Math.max(1, Math.ceil(text.length / perLine)), 0);
}

/** A generous height of a table made with frame.ts's table(): every row's tallest cell, plus padding. */
export function estimateTableHeight(columns: readonly TableColumn[], rows: readonly (readonly unknown[])[], fontSize: number): number {
	const fixed = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0);
	const stars = columns.filter((c) => typeof c.width !== 'number').length;
	const star = stars === 0 ? 0 : (TEXT_WIDTH_PT - fixed) / stars;
	const widths = columns.map((c) => (typeof c.width === 'number' ? c.width : star) - 8);
	const rowHeight = (row: readonly unknown[]) => Math.max(...row.map((cell, i) => lines(cell, widths[i] ?? star, fontSize))) * fontSize * LINE + 6;
	return rowHeight(columns.map((c) => c.header)) + rows.reduce((sum, row) => sum + rowHeight(row), 0) + 14;
}

/** A generous height of headings and paragraphs across the text column. */
export function estimateBlockHeight(nodes: readonly Content[]): number {
	return nodes.reduce<number>((sum, node) => {
		const style = (node as { style?: string }).style;
		const size = style === 'h1' ? 16 : style === 'h2' ? 12.5 : style === 'h3' ? 10.5 : style === 'small' ? 8 : 9.5;
		return sum + lines(node, TEXT_WIDTH_PT, size) * size * LINE + 12;
	}, 0);
}

/**
 * A heading and its lead paragraphs, then a table: kept whole when the estimate says the lot fits well
 * within a page; otherwise the lead is kept together and marked to move with the table's first rows.
 */
export function keepWithTable(lead: readonly Content[], table: Content, tableHeight: number): Content[] {
	if (estimateBlockHeight(lead) + tableHeight <= KEEP_WHOLE_MAX_PT) return [{ stack: [...lead, table], unbreakable: true } as Content];
	return [{ stack: [...lead], unbreakable: true, headlineLevel: 1 } as Content, table];
}
