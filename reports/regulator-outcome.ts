import type { Content, TableCell } from 'pdfmake/interfaces';
import { formatDate } from '../src/lib/format';
import { COLOURS } from './frame';
import type { RegulatorEvidence, RegulatorOutcome } from './regulator-types';

/**
 * One outcome as the regulator reads it: a compact block that is kept on one page (pdfmake's unbreakable),
 * with the levels in a row and the self-assessment, data reading, evidence and finding beneath.
 */

/**
 * Roboto as shipped has no arrows, and the data rules' explanations use them ("94.8 % → Partially
 * achieved ⇒ …"): printed as words so no reader meets an empty box. Applied to every free text printed.
 */
export function printable(text: string): string {
	return text.replaceAll(' → ', ' gives ').replaceAll(' ⇒ ', ' so ').replaceAll('→', '->').replaceAll('⇒', '=>');
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Bytes in the units a person reads: 2,048 → "2.0 KB". */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	const units = ['KB', 'MB', 'GB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return `${value.toFixed(1)} ${units[unit]}`;
}

/** What decided the outcome, in words a reader can act on: meets its profile, or a gap and whether it is planned. */
export function outcomeVerdict(o: Pick<RegulatorOutcome, 'meetsProfile' | 'gap' | 'planned'>): { text: string; colour: string } {
	if (!o.gap) return { text: 'Meets profile', colour: COLOURS.green };
	return o.planned ? { text: 'Gap, action planned', colour: COLOURS.secondary } : { text: 'Gap, no planned action', colour: COLOURS.red };
}

export function hardGateText(o: Pick<RegulatorOutcome, 'hardGate' | 'hardGateHeld'>): string {
	if (o.hardGate === null) return 'None';
	return o.hardGateHeld ? 'Confirmed met' : 'Not confirmed';
}

const level = (value: string | null, none: string) => value ?? none;

function evidenceCell(files: readonly RegulatorEvidence[]): Content {
	if (files.length === 0) return { text: 'None recorded', color: COLOURS.secondary };
	return {
		stack: files.map((f) => ({
			stack: [
				{
					text: [
						{ text: printable(f.fileName), bold: true },
						{ text: ` ${f.mediaType}, ${formatBytes(f.sizeBytes)}, added ${formatDate(f.uploadedAt.slice(0, 10))}`, color: COLOURS.secondary }
					]
				},
				{ text: `SHA-256 ${f.sha256}`, fontSize: 6.5, color: COLOURS.secondary, characterSpacing: 0.2 }
			],
			margin: [0, 0, 0, 2]
		}))
	} as Content;
}

function detailRows(o: RegulatorOutcome): TableCell[][] {
	const label = (text: string): TableCell => ({ text, color: COLOURS.secondary });
	const owner = [o.owner === null ? 'No owner recorded' : printable(o.owner), o.reviewOn ? `review by ${formatDate(o.reviewOn)}` : 'no review date'].join(
		' · '
	);
	const rows: TableCell[][] = [
		[label('Data reading'), { text: sentence(printable(o.explanation)) }],
		[label('Rationale'), o.rationale ? { text: printable(o.rationale) } : { text: 'No rationale recorded', color: COLOURS.secondary }],
		[label('Owner'), { text: owner }]
	];
	if (o.hardGate !== null)
		rows.push([
			label('Hard gate'),
			{ text: [{ text: `${hardGateText(o)}. `, bold: true, color: o.hardGateHeld ? COLOURS.text : COLOURS.red }, printable(o.hardGate)] }
		]);
	rows.push([label('Evidence'), evidenceCell(o.evidence) as TableCell]);
	rows.push([
		label('Assessor finding'),
		o.finding
			? {
					text: [
						{ text: o.finding.verdictLabel, bold: true },
						`. ${printable(o.finding.note)} `,
						{ text: `(${o.finding.recordedBy}, ${formatDate(o.finding.recordedAt.slice(0, 10))})`, color: COLOURS.secondary }
					]
				}
			: { text: 'None recorded', color: COLOURS.secondary }
	]);
	return rows;
}

/**
 * pdfmake silently drops an unbreakable block (or a dontBreakRows table row) taller than a page, so an
 * outcome is kept whole only when a generous estimate of its height fits well within one: the text column
 * is 515 pt, about 90 characters of 8 pt text to a 10 pt line in the details column. A longer outcome (a
 * 5,000-character rationale, dozens of evidence files) flows across pages instead, losing nothing.
 */
export const KEEP_WHOLE_MAX_PT = 560;

const lines = (text: string | null, perLine = 90) => (text ?? '').split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);

export function estimateHeight(o: RegulatorOutcome): number {
	const header = 70;
	const text =
		lines(o.explanation) +
		lines(o.rationale) +
		1 +
		(o.hardGate ? lines(o.hardGate) : 0) +
		(o.finding ? lines(`${o.finding.verdictLabel}. ${o.finding.note} (${o.finding.recordedBy}, 30 September 2026)`) : 1);
	const evidence = o.evidence.length === 0 ? 12 : o.evidence.reduce((h, f) => h + 12 * lines(f.fileName, 50) + 12, 0);
	return header + text * 10 + 5 * 2 + evidence;
}

export function fitsOnePage(o: RegulatorOutcome): boolean {
	return estimateHeight(o) <= KEEP_WHOLE_MAX_PT;
}

const plain = { hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: () => 6, paddingTop: () => 1, paddingBottom: () => 1 };

/** The outcome's block. */
export function outcomeBlock(o: RegulatorOutcome): Content {
	const verdict = outcomeVerdict(o);
	const levels: [string, string][] = [
		['Profile', level(o.profile, 'None set')],
		['Self-assessed', level(o.self, 'Not assessed')],
		['Data-indicated', level(o.data, 'No data level')],
		['Judged', level(o.judged, 'None')],
		['Hard gate', hardGateText(o)]
	];
	return {
		// The rule above is part of the block, so a page never ends on a rule with nothing under it.
		stack: [
			rule(),
			{
				columns: [
					{
						text: [
							{ text: `${o.id} `, bold: true, color: COLOURS.blue },
							{ text: o.title, bold: true }
						],
						width: '*'
					},
					{
						text: [
							{ text: verdict.text, color: verdict.colour, bold: true },
							...(o.disagreement ? [{ text: ' · Veracity flag', color: COLOURS.red, bold: true }] : [])
						],
						width: 'auto',
						alignment: 'right'
					}
				],
				fontSize: 10
			},
			{
				table: {
					widths: ['*', '*', '*', '*', '*'],
					body: [levels.map(([l]) => ({ text: l, fontSize: 7, color: COLOURS.secondary })), levels.map(([, v]) => ({ text: v, bold: true }))]
				},
				layout: plain,
				margin: [0, 3, 0, 3]
			},
			{ table: { widths: [72, '*'], body: detailRows(o) }, layout: plain, fontSize: 8 }
		],
		unbreakable: fitsOnePage(o),
		margin: [0, 0, 0, 6]
	} as Content;
}

/** A thin rule between blocks, drawn as a canvas line the width of the text column. */
export function rule(): Content {
	return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 515, y2: 0, lineWidth: 0.5, lineColor: COLOURS.rule }], margin: [0, 2, 0, 4] } as Content;
}
