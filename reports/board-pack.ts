import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatValue } from '../src/lib/charts/format-value';
import { formatCount, formatDate } from '../src/lib/format';
import { ASSURANCE_TITLE, assuranceSection } from './board-pack-assurance';
import type { BoardPackData } from './board-pack-data';
import { heatMapSection, incidentsSection, peopleSection, technologySection } from './board-pack-sections';
import { investmentSection, planSection } from './board-pack-plan';
import { boardDecisions, changesSentence, describeChange, largestRisks, rateOnly, statusSentence } from './board-pack-words';
import { freshnessSentence, freshnessTable } from './freshness-table';
import { keepHeadingsWithContent } from './keep-whole';
import { COLOURS, framed, heading, keyFigures, paragraph, table, type FrameInput } from './frame';
import { assumptionsSection } from './board-pack-assumptions';
import { BOARD_PACK_TITLE, COMMENTARY_TITLE, commentarySection, coverPage } from './board-pack-cover';

export type { BoardPackData } from './board-pack-data';
export { boardDecisions, largestRisks } from './board-pack-words';
export { BOARD_PACK_TITLE } from './board-pack-cover';

/** The sections after the cover page, in order, as the contents list names them. */
export const BOARD_PACK_SECTIONS = [
	COMMENTARY_TITLE,
	'Executive summary',
	'DSPT outcomes A–E',
	'People: data security training',
	'Technology: devices',
	'Incidents',
	ASSURANCE_TITLE,
	'Investment and return',
	'Improvement plan',
	'Board sign-off'
] as const;

/**
 * The board pack: a cover page with the board paper's cover sheet, the IT lead's commentary, executive
 * summary, DSPT outcomes (with what is assumed and what evidence is held), people, technology, incidents,
 * assurance, investment and return, improvement plan and a sign-off page, from frozen data alone (pure: the
 * same data and meta give the same document). The frame owns the page furniture. After the cover, sections
 * follow one another on the page (a section starting every page left many pages half empty); the sign-off,
 * a form to complete, starts its own.
 */
export function boardPack(data: BoardPackData, meta: FrameInput): TDocumentDefinitions {
	const sections = [
		coverPage(data, meta, BOARD_PACK_SECTIONS),
		commentarySection(data),
		summary(data),
		[...heatMapSection(data), ...assumptionsSection(data)],
		peopleSection(data),
		technologySection(data),
		incidentsSection(data),
		assuranceSection(data),
		investmentSection(data),
		planSection(data),
		signOff(data)
	];
	for (const section of sections) {
		const last = section.at(-1);
		if (last !== undefined) trimEnd(last);
	}
	// The commentary opens page 2 and the sign-off its own page; every other section follows on.
	for (const section of sections.slice(2, -1)) flowOn(section[0]);
	const content = sections.flat();
	return { ...framed({ ...meta, title: meta.title || BOARD_PACK_TITLE }, content.map(keepable)), pageBreakBefore: keepHeadingsWithContent };
}

/**
 * No bottom margin at a section's end: pdfmake starts a new page when a margin does not fit, and the next
 * section's own page break then leaves that page blank.
 */
function trimEnd(node: Content): void {
	if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
	const n = node as { margin?: number[]; stack?: Content[]; ul?: Content[]; ol?: Content[] };
	const [left = 0, top = 0, right = 0] = Array.isArray(n.margin) ? n.margin : [];
	n.margin = [left, top, right, 0];
	const last = (n.stack ?? n.ul ?? n.ol)?.at(-1);
	if (last !== undefined) trimEnd(last);
}

/** A section heading that follows on from the section before, with space above it, instead of starting a page. */
function flowOn(node: Content | undefined): void {
	if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
	const n = node as { style?: string; pageBreak?: string; margin?: number[] };
	if (n.style !== 'h1') return;
	delete n.pageBreak;
	n.margin = [0, 18, 0, 8];
}

/**
 * Headings (h1, h2, h3) keep with what follows them: a sub-heading left alone at the foot of a page moves
 * to the next one (keep-whole.ts). pdfmake asks about every node (the page header and footer too, which are
 * not content) and lays the document out again after each break added.
 */
function keepable(node: Content): Content {
	const style = (node as { style?: unknown }).style;
	return style === 'h1' || style === 'h2' || style === 'h3' ? ({ ...(node as object), headlineLevel: 1 } as Content) : node;
}

const subheading = (text: string) => heading(text, 2);

/** A heading and a short block that read badly split across a page: kept whole. */
function keepTogether(head: Content, body: Content[]): Content[] {
	return [{ unbreakable: true, stack: [head, ...body] } as Content];
}

function risksList(d: BoardPackData): Content[] {
	const risks = largestRisks(d);
	const gaps = risks.filter((r) => r.kind === 'gap').length;
	if (risks.length === 0)
		return [
			paragraph(
				'The data shows no outcome short of its profile, no self-assessment above the data and no overdue improvement action: there are no risks to rank.'
			)
		];
	return [
		...(gaps < 3
			? [
					paragraph(
						gaps === 0
							? 'No outcome falls short of its profile. The largest risks the data shows:'
							: `Only ${gaps === 1 ? 'one outcome falls' : `${gaps} outcomes fall`} short of the profile; then the largest other risks the data shows:`
					)
				]
			: []),
		{ ol: risks.map((r) => ({ text: r.text, margin: [0, 0, 0, 3] })), margin: [0, 0, 0, 6] } as Content
	];
}

/** How old each source was on the pack's date (absent from packs made before it was kept). */
function freshnessSection(d: BoardPackData): Content[] {
	return d.freshness ? keepTogether(subheading('How old the data is'), [paragraph(freshnessSentence(d.freshness)), freshnessTable(d.freshness)]) : [];
}

function summary(d: BoardPackData): Content[] {
	const out: Content[] = [
		heading('Executive summary', 1),
		subheading('DSPT status'),
		paragraph(statusSentence(d)),
		// The other headline figures are in the table of changes below, then and now.
		keyFigures([
			{
				label: 'DSPT status',
				value: d.status?.label ?? 'No edition',
				detail: d.status ? `${formatCount(d.status.gaps)} gaps in ${formatCount(d.status.outcomes)} outcomes` : undefined
			},
			{
				label: 'ICO notified within 72 hours',
				value: rateOnly(d.incidents.notifiedWithin72hRate),
				detail:
					d.incidents.icoReportable === 0
						? 'No ICO-reportable incidents'
						: `${formatCount(d.incidents.notifiedWithin72h)} of ${formatCount(d.incidents.icoReportable)} reportable incidents`
			},
			{
				label: `Security spend ${d.spend.financialYear}`,
				value: formatValue('pence', d.spend.totalPence),
				detail: d.spend.totalPence === 0 ? 'No spend recorded' : undefined
			}
		]),
		subheading('What changed'),
		paragraph(changesSentence(d)),
		table(
			[
				{ header: 'Figure' },
				{ header: `Then (${formatDate(d.changes.since)})`, width: 125, align: 'right' },
				{ header: `Now (${formatDate(d.period.asOf)})`, width: 105, align: 'right' },
				{ header: 'Change', width: 110, align: 'right' }
			],
			d.changes.figures.map((f) => [f.label, formatValue(f.unit, f.before), formatValue(f.unit, f.after), describeChange(f)])
		),
		...keepTogether(subheading('The three largest risks'), risksList(d)),
		...freshnessSection(d)
	];
	const decisions = boardDecisions(d);
	out.push(
		...keepTogether(
			subheading('Decisions asked of the board'),
			decisions.length === 0
				? [paragraph('The data asks no decision of the board: this pack is for noting.')]
				: [{ ol: decisions.map((text) => ({ text, margin: [0, 0, 0, 3] })), margin: [0, 0, 0, 6] } as Content]
		)
	);
	return out;
}

function signOff(d: BoardPackData): Content[] {
	const out: Content[] = [
		heading('Board sign-off', 1),
		paragraph(
			`The board has received the ${BOARD_PACK_TITLE.toLowerCase()} for ${d.org.name}, financial year ${d.period.label}, with figures as of ${formatDate(d.period.asOf)}.`
		)
	];
	const s = d.signOff;
	if (s) {
		return [
			...out,
			table(
				[{ header: 'Signed off by', width: 120 }, { header: '' }],
				[
					['Name', s.name],
					['Role', s.role],
					['Date', formatDate(s.date)],
					['Comment', s.comment ?? 'No comment recorded']
				]
			)
		];
	}
	const blank = (label: string, height = 28): Content[] => [
		{ text: label, margin: [0, 6, 0, 0] },
		{ text: ' ', margin: [0, height - 14, 0, 0] }
	];
	const lines = (label: string, height: number) =>
		({
			table: { widths: ['*'], heights: [height], body: [[{ stack: blank(label, height), border: [false, false, false, true] }]] },
			layout: { hLineColor: () => COLOURS.grey, hLineWidth: () => 0.6, vLineWidth: () => 0 },
			margin: [0, 0, 0, 6]
		}) as Content;
	return [
		...out,
		paragraph('For completion by the board member signing off (chair or senior information risk owner):'),
		{ unbreakable: true, stack: [lines('Name', 34), lines('Role', 34), lines('Date', 34), lines('Signature', 44), lines('Comment', 150)] } as Content
	];
}
