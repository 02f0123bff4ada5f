import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Whether poppler's pdfsig and pdfdetach are installed (poppler-utils). */
export const hasSignatureTools = ['pdfsig', 'pdfdetach'].every((tool) => spawnSync('which', [tool]).status === 0);

export interface PdfsigSignature {
	valid: boolean;
	totalDocumentSigned: boolean;
	commonName: string;
	distinguishedName: string;
}

/** Each signature as poppler's `pdfsig` reports it (its own CMS check, independent of Beacon's code). */
export function pdfsig(bytes: Uint8Array): { signatures: PdfsigSignature[]; output: string } {
	return withFile(bytes, (file) => {
		const result = spawnSync('pdfsig', [file], { encoding: 'utf8' });
		const output = `${result.stdout}${result.stderr}`;
		const signatures = output
			.split(/^Signature #\d+:$/m)
			.slice(1)
			.map((block) => ({
				valid: /Signature Validation: Signature is Valid\./.test(block),
				totalDocumentSigned: /^\s*- Total document signed$/m.test(block),
				commonName: /Signer Certificate Common Name: (.*)/.exec(block)?.[1]?.trim() ?? '',
				distinguishedName: /Signer full Distinguished Name: (.*)/.exec(block)?.[1]?.trim() ?? ''
			}));
		return { signatures, output };
	});
}

/** The embedded files `pdfdetach` lists, and their bytes as it saves them. */
export function pdfdetach(bytes: Uint8Array): { listed: string[]; files: Map<string, Buffer> } {
	return withFile(bytes, (file) => {
		const list = execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' });
		const listed = list
			.split('\n')
			.slice(1)
			.map((l) => /^\d+: (.*)$/.exec(l.trim())?.[1])
			.filter((n): n is string => !!n);
		const out = path.join(path.dirname(file), 'detached');
		mkdirSync(out);
		execFileSync('pdfdetach', ['-saveall', '-o', out, file]);
		return { listed, files: new Map(listed.map((name) => [name, readFileSync(path.join(out, name))])) };
	});
}

/** The XMP metadata packet (`pdfinfo -meta`). */
export function pdfXmp(bytes: Uint8Array): string {
	return withFile(bytes, (file) => execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' }));
}

/** The document outline's titles (qpdf's JSON), depth first. */
export function pdfOutline(bytes: Uint8Array): string[] {
	return withFile(bytes, (file) => {
		const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8' })) as {
			outlines: { title: string; kids: unknown[] }[];
		};
		const titles: string[] = [];
		const walk = (items: { title: string; kids: unknown[] }[]) =>
			items.forEach((o) => {
				titles.push(o.title);
				walk(o.kids as { title: string; kids: unknown[] }[]);
			});
		walk(json.outlines);
		return titles;
	});
}
