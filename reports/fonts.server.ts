import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The one typeface of Beacon's paper: Roboto, as shipped inside the pdfmake package (an npm dependency), so
 * every PDF and chart image embeds the same font on every machine and no system font is ever read.
 */
export const FONT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');

export const ROBOTO = {
	normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
	bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
	italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
	bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf')
};
