import { z } from 'zod';

/** The packs Beacon makes and freezes as report snapshots. */
export const REPORT_KIND_NAMES = ['board', 'regulator'] as const;
export type ReportKindName = (typeof REPORT_KIND_NAMES)[number];

/** Why a paper goes to the board, as NHS board cover sheets put it. */
export const PAPER_PURPOSES = ['approval', 'assurance', 'discussion', 'information'] as const;
export type PaperPurpose = (typeof PAPER_PURPOSES)[number];
export const PAPER_PURPOSE_LABELS: Record<PaperPurpose, string> = {
	approval: 'For approval',
	assurance: 'For assurance',
	discussion: 'For discussion',
	information: 'For information'
};

// Printed on paper: no control characters but line breaks and tabs (they print as nothing, or as boxes).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const printable = { error: 'letters, figures and punctuation only (no control characters)' };
const line = (max: number) =>
	z
		.string()
		.trim()
		.min(1, 'required')
		.max(max, `at most ${max} characters`)
		.refine((v) => !CONTROL.test(v), printable);
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `at most ${max} characters`)
		.refine((v) => !CONTROL.test(v), printable)
		.optional()
		.transform((v) => (v ? v : null));

/**
 * A board pack's cover sheet as NHS board papers have it, and the IT lead's commentary: entered before the
 * pack is generated, then frozen (and hashed) with its data.
 */
export const coverSheetInput = z.object({
	meeting: optionalText(200),
	purpose: z.enum(PAPER_PURPOSES, { error: 'choose approval, assurance, discussion or information' }),
	recommendation: line(1000),
	executiveLead: line(200),
	author: line(200),
	/** The board assurance framework risk the paper relates to (its reference and title). */
	bafRisk: optionalText(300),
	commentary: optionalText(6000)
});
export type CoverSheetInput = z.input<typeof coverSheetInput>;
export type CoverSheetValue = z.output<typeof coverSheetInput>;
