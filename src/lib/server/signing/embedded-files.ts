import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';

/** The largest embedded file read back, unpacked: a regulator pack's bundle is a few megabytes. */
export const MAX_EMBEDDED_BYTES = 50 * 1024 * 1024;
/** Embedded files read back from one PDF at most (a pack has a dozen). */
const MAX_FILES = 100;

export interface PdfContents {
	/** The document information dictionary's keywords (where a pack states its report id and data hash). */
	keywords: string | null;
	files: { name: string; bytes: Buffer }[];
}

const textOf = (v: unknown) => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : null);

/**
 * What a PDF carries besides its pages, read with pdf-lib as its newest revision shows it: its keywords and
 * its embedded files (the EmbeddedFiles name tree), each unpacked with a size limit.
 */
export async function readPdfContents(pdf: Uint8Array): Promise<PdfContents> {
	const doc = await PDFDocument.load(pdf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
	const files: PdfContents['files'] = [];
	const visit = (node: PDFDict | undefined, depth: number) => {
		if (!node || depth > 8) return;
		const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
		for (let i = 0; names && i + 1 < names.size() && files.length < MAX_FILES; i += 2) {
			const name = textOf(names.lookup(i));
			const spec = names.lookup(i + 1);
			if (!name || !(spec instanceof PDFDict)) continue;
			const stream = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
			if (!(stream instanceof PDFRawStream)) continue;
			const filter = stream.dict.lookup(PDFName.of('Filter'));
			const raw = Buffer.from(stream.contents);
			if (filter === undefined) files.push({ name, bytes: raw });
			else if (filter instanceof PDFName && filter.asString() === '/FlateDecode')
				files.push({ name, bytes: inflateSync(raw, { maxOutputLength: MAX_EMBEDDED_BYTES }) });
		}
		const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
		for (let i = 0; kids && i < kids.size(); i++) {
			const kid = kids.lookup(i);
			if (kid instanceof PDFDict) visit(kid, depth + 1);
		}
	};
	visit(doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict), 0);
	return { keywords: doc.getKeywords() ?? null, files };
}
