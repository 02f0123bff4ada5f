import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatValue } from '../src/lib/charts/format-value';
import { formatCount, formatDate } from '../src/lib/format';
import { asAtNote } from './as-at';
import { ASSURANCE_TITLE, assuranceSection } from './board-pack-assurance';
import type { BoardPackData } from './board-pack-data';
import { heatMapSection, incidentsSection, peopleSection, technologySection } from './board-pack-sections';
import { investmentSection, planSection } from './board-pack-plan';
import { boardDecisions, changesSentence, describeChange, largestRisks, rateOnly, statusSentence } from './board-pack-words';
import { freshnessSentence, freshnessTable } from './freshness-table';
import { keepHeadingsWithContent } from './keep-whole';
import { CLASSIFICATION, COLOURS, framed, generatedLabel, heading, keyFigures, paragraph, shortHash, table, type FrameInput } from './frame';

export type { BoardPackData } from './board-pack-data';
export { boardDecisions, largestRisks } from './board-pack-words';

export const BOARD_PACK_TITLE = 'Board assurance pack';

/**
 * The board pack: cover, executive summary, DSPT outcomes, people, technology, incidents, assurance,
 * investment, improvement plan and a sign-off page, from frozen data alone (pure: the same data and meta
 * give the same document). The frame owns the page furniture.
 */
export function boardPack(data: BoardPackData, meta: FrameInput): TDocumentDefinitions {
	const sections = [
		cover(data, meta),
		summary(data),
		heatMapSection(data),
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

/**
 * Sub-headings (h2, h3) keep with what follows them: a sub-heading left alone at the foot of a page moves
 * to the next one (keep-whole.ts). pdfmake asks about every node (the page header and footer too, which are
 * not content) and lays the document out again after each break added.
 */
function keepable(node: Content): Content {
	const style = (node as { style?: unknown }).style;
	return style === 'h2' || style === 'h3' ? ({ ...(node as object), headlineLevel: 1 } as Content) : node;
}

const subheading = (text: string) => heading(text, 2);

function cover(d: BoardPackData, meta: FrameInput): Content[] {
	const line = (label: string, value: string): Content =>
		({ columns: [{ text: label, width: 130, style: 'small' }, { text: value }], margin: [0, 0, 0, 4] }) as Content;
	return [
		{ text: BOARD_PACK_TITLE, style: 'title' },
		{ text: `${d.org.name} (${d.org.ods})`, style: 'subtitle' },
		{ text: `Financial year ${d.period.label}: ${formatDate(d.period.from)} to ${formatDate(d.period.to)}`, style: 'subtitle', margin: [0, 0, 0, 40] },
		line('Classification', CLASSIFICATION),
		line('As at', `${formatDate(d.period.asOf)}${d.period.asOf === d.period.to ? ', the end of the period' : ', the period still running'}`),
		line('', asAtNote(d.period.asOf)),
		line('DSPT edition', d.edition ?? 'None loaded'),
		line('Generated', generatedLabel(meta.generatedAt)),
		line('Report id', meta.reportId),
		line('Data fingerprint', `${shortHash(meta.dataSha256)} (SHA-256 of the frozen data)`),
		{
			text: 'Every figure in this pack is the figure Beacon’s dashboard shows for the same organisation and date. To check that a copy is genuine and unaltered, give its report id or the file itself to Beacon’s verify page.',
			style: 'small',
			margin: [0, 40, 0, 0]
		},
		{ text: 'Contents', style: 'h3', margin: [0, 24, 0, 4] },
		{
			ol: [
				'Executive summary',
				'DSPT outcomes A–E',
				'People: data security training',
				'Technology: devices',
				'Incidents',
				ASSURANCE_TITLE,
				'Investment and return',
				'Improvement plan',
				'Board sign-off'
			],
			color: COLOURS.secondary
		} as Content
	];
}

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
