/**
 * A copy of a PDF with one blank page appended in an incremental update, as an editing tool would save it:
 * the original bytes untouched, then a new page, the page tree rewritten with it, a cross-reference section
 * for the three objects and a trailer pointing back to the previous one. A test's forgery, kept plain on
 * purpose: it reads only what pdfkit writes (an uncompressed cross-reference table and page tree).
 */
export function appendBlankPage(pdf: Uint8Array): Buffer {
	const original = Buffer.from(pdf);
	const text = original.toString('latin1');
	const trailer = text.slice(text.lastIndexOf('trailer'));
	const size = Number(/\/Size (\d+)/.exec(trailer)?.[1]);
	const root = /\/Root (\d+ 0 R)/.exec(trailer)?.[1];
	const info = /\/Info (\d+ 0 R)/.exec(trailer)?.[1];
	const prev = Number(/startxref\s+(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))?.[1]);
	// The newest definition of the page tree root: "n 0 obj << /Type /Pages /Count k /Kids [...] >>".
	const pagesAt = text.lastIndexOf('/Type /Pages');
	const objStart = text.lastIndexOf(' 0 obj', pagesAt);
	const pagesNum = Number(/(\d+)$/.exec(text.slice(objStart - 12, objStart))?.[1]);
	const pagesDict = text.slice(text.indexOf('<<', objStart), text.indexOf('endobj', pagesAt));
	const count = Number(/\/Count (\d+)/.exec(pagesDict)?.[1]);
	const kids = /\/Kids \[([^\]]*)\]/.exec(pagesDict)?.[1] ?? '';
	if (!size || !root || !prev || !pagesNum || !count) throw new Error('not a PDF this helper can extend');
	const page = size;
	const contents = size + 1;
	const stream = 'BT /F1 24 Tf 72 720 Td (Appended) Tj ET';
	const objects: [number, string][] = [
		[pagesNum, pagesDict.replace(/\/Count \d+/, `/Count ${count + 1}`).replace(/\/Kids \[[^\]]*\]/, `/Kids [${kids} ${page} 0 R]`)],
		[page, `<< /Type /Page /Parent ${pagesNum} 0 R /MediaBox [0 0 595.28 841.89] /Contents ${contents} 0 R /Resources << >> >>`],
		[contents, `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`]
	];
	let body = '\n';
	const offsets = new Map<number, number>();
	for (const [num, value] of objects) {
		offsets.set(num, original.length + body.length);
		body += `${num} 0 obj\n${value}\nendobj\n`;
	}
	const xrefAt = original.length + body.length;
	const entry = (n: number) => `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
	body += `xref\n0 1\n0000000000 65535 f \n${pagesNum} 1\n${entry(pagesNum)}${page} 2\n${entry(page)}${entry(contents)}`;
	body += `trailer\n<< /Size ${size + 2} /Root ${root}${info ? ` /Info ${info}` : ''} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
	return Buffer.concat([original, Buffer.from(body, 'latin1')]);
}
