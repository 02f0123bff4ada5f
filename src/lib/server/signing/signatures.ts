import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import './cms-signer';
import { fingerprintOf } from './identity';

/**
 * The signatures in a PDF, each checked on its own: where its byte range is, whether its CMS verifies
 * over exactly those bytes (the digest and the signer's signature, via pkijs), who signed, and the
 * signature dictionary's time and reason. Found the way validators find them: every /ByteRange in the
 * file, whose gap must hold the signature. No database and no network.
 */
export interface PdfSignature {
	byteRange: [number, number, number, number];
	/** The range ends at the end of the file: nothing was added after this signature. */
	coversWholeFile: boolean;
	/** The CMS verifies over the signed bytes. */
	valid: boolean;
	problem: string | null;
	signer: { subject: string; fingerprint: string; notBefore: string; notAfter: string; pem: string } | null;
	subFilter: string | null;
	/** The signature dictionary's /M, ISO. */
	signingTime: string | null;
	name: string | null;
	reason: string | null;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
const MAX_SIGNATURES = 8;
const UNREAD = {
	byteRange: [0, 0, 0, 0] as PdfSignature['byteRange'],
	coversWholeFile: false,
	signer: null,
	subFilter: null,
	signingTime: null,
	name: null,
	reason: null
};
/** How far around a /ByteRange its signature dictionary's other entries are looked for. */
const DICT_WINDOW = 4096;

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** A PDF literal string's bytes, escapes undone; UTF-16BE when it starts with a byte order mark. */
export function decodePdfString(raw: string): string {
	const bytes: number[] = [];
	for (let i = 0; i < raw.length; i++) {
		const c = raw.charCodeAt(i);
		if (c !== 0x5c) {
			bytes.push(c & 0xff);
			continue;
		}
		const next = raw[++i] ?? '';
		const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
		if (next in simple) bytes.push(simple[next] as number);
		else if (/[0-7]/.test(next)) {
			const oct = /^[0-7]{1,3}/.exec(raw.slice(i, i + 3))?.[0] ?? next;
			bytes.push(parseInt(oct, 8) & 0xff);
			i += oct.length - 1;
		} else if (next === '\r' || next === '\n') {
			if (next === '\r' && raw[i + 1] === '\n') i++;
		} else bytes.push(next.charCodeAt(0) & 0xff);
	}
	const buf = Buffer.from(bytes);
	if (buf[0] === 0xfe && buf[1] === 0xff) {
		const body = Buffer.from(buf.subarray(2));
		return body.swap16().toString('utf16le');
	}
	return buf.toString('latin1');
}

/** A literal string entry (/Key (…)) in a dictionary's text, nested parentheses and escapes allowed. */
function stringEntry(text: string, key: string): string | null {
	const at = text.search(new RegExp(`/${key}\\s*\\(`));
	if (at < 0) return null;
	let i = text.indexOf('(', at) + 1;
	const start = i;
	let depth = 1;
	for (; i < text.length && depth > 0; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === '(') depth++;
		else if (text[i] === ')') depth--;
	}
	return depth === 0 ? decodePdfString(text.slice(start, i - 1)) : null;
}

/** D:YYYYMMDDHHmmSS(Z|±HH'mm') as ISO. */
function pdfDate(value: string | null): string | null {
	const m = value && /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/.exec(value);
	if (!m) return null;
	const zone = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
	const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

async function verifyCms(der: Uint8Array, signed: Uint8Array): Promise<Pick<PdfSignature, 'valid' | 'problem' | 'signer'>> {
	try {
		const parsed = asn1js.fromBER(toArrayBuffer(der));
		if (parsed.offset === -1) return { valid: false, problem: 'the signature is not DER', signer: null };
		const content = new pkijs.ContentInfo({ schema: parsed.result });
		const signedData = new pkijs.SignedData({ schema: content.content });
		const result = await signedData.verify({ signer: 0, data: toArrayBuffer(signed), checkChain: false, extendedMode: true });
		const cert = result.signerCertificate;
		const signer = cert
			? (() => {
					const x = new X509Certificate(Buffer.from(cert.toSchema().toBER(false)));
					return {
						subject: x.subject.split('\n').join(', '),
						fingerprint: fingerprintOf(x.raw),
						notBefore: new Date(x.validFrom).toISOString(),
						notAfter: new Date(x.validTo).toISOString(),
						pem: x.toString()
					};
				})()
			: null;
		return { valid: result.signatureVerified === true, problem: result.signatureVerified ? null : 'the signature does not match the signed bytes', signer };
	} catch (e) {
		const message = e instanceof Error ? e.message : ((e as { message?: string })?.message ?? String(e));
		return { valid: false, problem: `the signature does not verify: ${message}`, signer: null };
	}
}

export async function readSignatures(pdf: Uint8Array): Promise<PdfSignature[]> {
	const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
	const text = bytes.toString('latin1');
	const out: PdfSignature[] = [];
	for (const m of text.matchAll(BYTE_RANGE)) {
		// A pack has one or two; a file with more is not one, and each costs a CMS check.
		if (out.length === MAX_SIGNATURES) {
			out.push({ ...UNREAD, valid: false, problem: `more than ${MAX_SIGNATURES} signatures: not read further` });
			break;
		}
		const range = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
		const [a, b, c, d] = range;
		const at = m.index ?? 0;
		const gap = a === 0 && b < c && c + d <= bytes.length ? text.slice(b, c) : '';
		// The signature dictionary around its /ByteRange, less the (long) signature itself.
		const start = Math.max(0, text.lastIndexOf(' obj', at), at - DICT_WINDOW);
		const dict = gap
			? text.slice(start, b) + text.slice(c, Math.min(c + DICT_WINDOW, text.indexOf('endobj', c) >>> 0))
			: text.slice(start, Math.min(at + DICT_WINDOW, text.indexOf('endobj', at) >>> 0));
		const base = {
			byteRange: range,
			coversWholeFile: c + d === bytes.length,
			subFilter: /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(dict)?.[1] ?? null,
			signingTime: pdfDate(stringEntry(dict, 'M')),
			name: stringEntry(dict, 'Name'),
			reason: stringEntry(dict, 'Reason')
		};
		const hex = /^<([0-9a-fA-F]*)>$/.exec(gap)?.[1];
		if (!hex) {
			out.push({ ...base, valid: false, problem: 'the byte range does not enclose a signature', signer: null });
			continue;
		}
		const signed = Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]);
		out.push({ ...base, ...(await verifyCms(Buffer.from(hex, 'hex'), signed)) });
	}
	return out;
}
