import type { Content } from 'pdfmake/interfaces';
import { formatDate } from '../src/lib/format';
import { PAPER_PURPOSE_LABELS } from '../src/lib/schemas/report';
import { asAtNote } from './as-at';
import type { BoardPackData } from './board-pack-data';
import { COLOURS, generatedLabel, heading, paragraph, shortHash, type FrameInput } from './frame';

/**
 * The board pack's first page, laid out as NHS board papers' cover sheets are (meeting, purpose,
 * recommendation, executive lead, author, the board assurance framework risk), then the pack's identity
 * and contents; and the IT lead's commentary. Both were entered before the pack was generated and are
 * frozen with its data. Pure.
 */

export const BOARD_PACK_TITLE = 'Board assurance pack';

const NOT_GIVEN = 'Not given when the pack was generated';

function row(label: string, value: string, options: { bold?: boolean } = {}): Content[] {
	return [
		{ text: label, bold: true, fillColor: COLOURS.paleBlue },
		{ text: value, bold: options.bold ?? false }
	];
}

export function contentsOf(sections: readonly string[]): Content {
	return { ol: [...sections], color: COLOURS.secondary, margin: [0, 0, 0, 0] } as Content;
}

export function coverPage(d: BoardPackData, meta: FrameInput, contents: readonly string[]): Content[] {
	const c = d.coverSheet ?? null;
	const paper = [
		row('Report title', `${BOARD_PACK_TITLE}, financial year ${d.period.label}`, { bold: true }),
		row('Meeting', c?.meeting ?? NOT_GIVEN),
		row('Purpose', c ? PAPER_PURPOSE_LABELS[c.purpose] : NOT_GIVEN),
		row('Recommendation', c?.recommendation ?? NOT_GIVEN),
		row('Executive lead', c?.executiveLead ?? NOT_GIVEN),
		row('Author', c?.author ?? NOT_GIVEN),
		row('Board assurance framework risk', c ? (c.bafRisk ?? 'None named') : NOT_GIVEN)
	];
	const identity = [
		row(
			'As at',
			`${formatDate(d.period.asOf)}${d.period.asOf === d.period.to ? ', the end of the period' : ', the period still running'}. ${asAtNote(d.period.asOf)}`
		),
		row('DSPT edition', d.edition ?? 'None loaded'),
		row('Classification', 'OFFICIAL-SENSITIVE'),
		row('Generated', generatedLabel(meta.generatedAt)),
		row('Report id', meta.reportId),
		row('Data fingerprint', `${shortHash(meta.dataSha256)} (SHA-256 of the frozen data)`)
	];
	const grid = (body: Content[][]) =>
		({
			table: { widths: [150, '*'], body, dontBreakRows: true },
			layout: {
				hLineWidth: () => 0.6,
				vLineWidth: () => 0.6,
				hLineColor: () => COLOURS.rule,
				vLineColor: () => COLOURS.rule,
				paddingTop: () => 4,
				paddingBottom: () => 4
			},
			fontSize: 9.5,
			margin: [0, 4, 0, 12]
		}) as Content;
	return [
		{ text: BOARD_PACK_TITLE, style: 'title', margin: [0, 0, 0, 6] },
		{ text: `${d.org.name} (${d.org.ods})`, style: 'subtitle' },
		{ text: `Financial year ${d.period.label}: ${formatDate(d.period.from)} to ${formatDate(d.period.to)}`, style: 'subtitle', margin: [0, 0, 0, 14] },
		{ text: 'Cover sheet', style: 'h3' },
		grid(paper),
		...(c ? [] : [paragraph('No cover sheet was entered when this pack was generated: it was made without the Reports page’s form.', 'small')]),
		{ text: 'This pack', style: 'h3' },
		grid(identity),
		paragraph(
			'Every figure in this pack is the figure Beacon’s dashboard shows for the same organisation and date. To check that a copy is genuine and unaltered, give its report id or the file itself to Beacon’s verify page.',
			'small'
		),
		{ text: 'Contents', style: 'h3', margin: [0, 8, 0, 4] },
		contentsOf(contents)
	];
}

export const COMMENTARY_TITLE = 'Commentary from the IT lead';

export function commentarySection(d: BoardPackData): Content[] {
	const head = heading(COMMENTARY_TITLE, 1);
	const c = d.coverSheet ?? null;
	if (!c?.commentary) return [head, paragraph('No commentary was entered when this pack was generated.')];
	// Paragraphs as the author wrote them (blank lines between), each kept as typed.
	const paragraphs = c.commentary
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean);
	return [head, ...paragraphs.map((p) => paragraph(p)), paragraph('Entered before the pack was generated, and frozen with it.', 'small')];
}
