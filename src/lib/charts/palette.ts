/**
 * The colours charts use, from the NHS identity palette, each with one meaning everywhere (screen and PDF).
 * Colour never carries meaning alone: every chart has a legend, labels and a table of its numbers.
 */
export const PALETTE = {
	blue: '#005eb8',
	darkBlue: '#003087',
	green: '#007f3b',
	warmYellow: '#ffb81c',
	red: '#d5281b',
	orange: '#ed8b00',
	purple: '#330072',
	aquaGreen: '#00a499',
	pink: '#ae2573',
	midGrey: '#768692',
	paleGrey: '#e8edee',
	text: '#212b32'
} as const;

/** Colours for series in order, when the series have no meaning of their own (categories, years). */
export const SERIES_COLOURS: readonly string[] = [
	PALETTE.blue,
	PALETTE.aquaGreen,
	PALETTE.purple,
	PALETTE.orange,
	PALETTE.pink,
	PALETTE.darkBlue,
	PALETTE.warmYellow,
	PALETTE.midGrey
];

/** The colour of a target line (95 % training, say): dashed, so it reads without colour too. */
export const TARGET_COLOUR = PALETTE.red;
