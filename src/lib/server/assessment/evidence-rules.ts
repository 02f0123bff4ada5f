/**
 * What an evidence file may be. Evidence is what a board or an assessor opens, so the type is decided from
 * the file's own bytes and its name together, never from what the browser claims: a file named .pdf that
 * is not a PDF is refused, and what is served back carries the type decided here.
 */

/** The largest evidence file accepted: 20 MB, enough for a scanned policy or an export, small enough to hold in the database. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export interface EvidenceType {
	extensions: readonly string[];
	mediaType: string;
	label: string;
	/** True when the bytes are this type. */
	matches(bytes: Uint8Array): boolean;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Text: valid UTF-8 with no NUL bytes (a binary file renamed .csv is refused). */
function isText(bytes: Uint8Array): boolean {
	if (bytes.includes(0)) return false;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

export const EVIDENCE_TYPES: readonly EvidenceType[] = [
	{ extensions: ['pdf'], mediaType: 'application/pdf', label: 'PDF', matches: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
	{ extensions: ['png'], mediaType: 'image/png', label: 'PNG image', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
	{ extensions: ['jpg', 'jpeg'], mediaType: 'image/jpeg', label: 'JPEG image', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
	{
		extensions: ['docx'],
		mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		label: 'Word document',
		matches: (b) => startsWith(b, ZIP)
	},
	{
		extensions: ['xlsx'],
		mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		label: 'Excel workbook',
		matches: (b) => startsWith(b, ZIP)
	},
	{
		extensions: ['pptx'],
		mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		label: 'PowerPoint presentation',
		matches: (b) => startsWith(b, ZIP)
	},
	{ extensions: ['csv'], mediaType: 'text/csv', label: 'CSV', matches: isText },
	{ extensions: ['txt'], mediaType: 'text/plain', label: 'text', matches: isText }
];

export const ACCEPTED_EXTENSIONS = EVIDENCE_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`));

export type EvidenceCheck = { ok: true; mediaType: string; fileName: string } | { ok: false; message: string };

/** Keep a file name printable and short: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const printable = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	if (printable.length <= 200) return printable;
	const dot = printable.lastIndexOf('.');
	const extension = dot > 0 && printable.length - dot <= 10 ? printable.slice(dot) : '';
	return printable.slice(0, 200 - extension.length) + extension;
}

/** Decide whether a file may be stored as evidence, and as what type. */
export function checkEvidenceFile(name: string, bytes: Uint8Array): EvidenceCheck {
	const fileName = cleanFileName(name);
	if (fileName === '') return { ok: false, message: 'Choose a file to upload' };
	if (bytes.length === 0) return { ok: false, message: `${fileName} is empty` };
	if (bytes.length > MAX_EVIDENCE_BYTES)
		return { ok: false, message: `${fileName} is ${megabytes(bytes.length)}: evidence files may be at most ${megabytes(MAX_EVIDENCE_BYTES)}` };
	const extension = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase() : '';
	const type = EVIDENCE_TYPES.find((t) => t.extensions.includes(extension));
	if (!type) return { ok: false, message: `${fileName}: evidence may be ${EVIDENCE_TYPES.map((t) => t.label).join(', ')} (${ACCEPTED_EXTENSIONS.join(' ')})` };
	if (!type.matches(bytes)) return { ok: false, message: `${fileName} is named as a ${type.label} but its content is not one` };
	return { ok: true, mediaType: type.mediaType, fileName };
}

function megabytes(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
