import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Poppler and qpdf, to read rendered PDFs as a person's tools would (apt-get install -y poppler-utils qpdf;
 * .ci/run installs them). Tests that need them skip without them, and vite.config.ts says so.
 */
export const hasPdfTools = ['pdftotext', 'pdfinfo', 'pdffonts', 'qpdf'].every((tool) => spawnSync('which', [tool]).status === 0);

function withFile<T>(bytes: Uint8Array, use: (file: string) => T): T {
	const dir = mkdtempSync(path.join(tmpdir(), 'beacon-pdf-'));
	const file = path.join(dir, 'report.pdf');
	try {
		writeFileSync(file, bytes);
		return use(file);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** The PDF's text, laid out as on the page. */
export function pdfText(bytes: Uint8Array): string {
	return withFile(bytes, (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
}

/** `pdfinfo` fields: Pages, Page size, Title, Keywords, … */
export function pdfInfo(bytes: Uint8Array): Record<string, string> {
	const out = withFile(bytes, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
	return Object.fromEntries(
		out
			.split('\n')
			.filter((l) => l.includes(':'))
			.map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()])
	);
}

/** Every font the PDF uses, with whether it is embedded. */
export function pdfFonts(bytes: Uint8Array): { name: string; embedded: boolean }[] {
	const out = withFile(bytes, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
	return out
		.split('\n')
		.slice(2)
		.filter((l) => l.trim() !== '')
		.map((l) => {
			const cols = l.trim().split(/\s+/);
			return { name: cols[0] ?? '', embedded: cols.at(-5) === 'yes' };
		});
}

/** qpdf --check's verdict: exit 0 and "No syntax or stream encoding errors found". */
export function qpdfCheck(bytes: Uint8Array): { ok: boolean; output: string } {
	return withFile(bytes, (file) => {
		const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
		return { ok: result.status === 0 && result.stdout.includes('No syntax or stream encoding errors found'), output: `${result.stdout}${result.stderr}` };
	});
}
