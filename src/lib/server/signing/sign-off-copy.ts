import { ANNOTATION_FLAGS, DEFAULT_BYTE_RANGE_PLACEHOLDER, PDFKitReferenceMock, PDFObject, SIG_FLAGS, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { signingIdentity } from './identity';
import { SIGNATURE_BYTES, sealPdf } from './seal';
import { signOffReason, type SignOffRecord } from './verify-offline';

/**
 * The signed-off copy of a frozen pack: its bytes unchanged, then one incremental update holding a second
 * signature field whose dictionary states the sign-off record (/Name, /Reason), signed with the
 * installation's certificate by @signpdf. The first signature still covers exactly the frozen bytes, so it
 * stays valid; a reader shows two signatures, the second covering the whole file.
 *
 * The update is written here rather than by @signpdf/placeholder-plain, which writes its strings as UTF-8
 * (a name like "Siân" came out mangled) and an off-by-two trailer size that qpdf warns about. It reads only
 * what a frozen pack (pdfkit's output) has: a cross-reference table, a trailer, a catalog with /AcroForm.
 */
const obj = (text: string, num: number) => {
	const at = text.lastIndexOf(`\n${num} 0 obj`);
	if (at < 0) throw new Error(`the frozen PDF has no object ${num}`);
	const body = text.slice(text.indexOf('<<', at), text.indexOf('\nendobj', at));
	return body.trim();
};

const num = (re: RegExp, text: string, what: string): number => {
	const n = Number(re.exec(text)?.[1]);
	if (!Number.isInteger(n) || n <= 0) throw new Error(`the frozen PDF has no ${what}`);
	return n;
};

/** The frozen bytes plus an update with an empty second signature field (the placeholder @signpdf fills). */
export function appendSignOffField(frozen: Buffer, record: SignOffRecord, signedAt: Date): Buffer {
	const text = frozen.toString('latin1');
	const trailer = text.slice(text.lastIndexOf('trailer'));
	const size = num(/\/Size (\d+)/, trailer, 'trailer size');
	const root = num(/\/Root (\d+) 0 R/, trailer, 'catalog');
	const info = /\/Info (\d+) 0 R/.exec(trailer)?.[1];
	const id = /\/ID\s*\[[^\]]*\]/.exec(trailer)?.[0];
	const prev = num(/startxref\s+(\d+)/, text.slice(text.lastIndexOf('startxref')), 'cross-reference table');
	const acroForm = num(/\/AcroForm (\d+) 0 R/, obj(text, root), 'signature form');
	const form = obj(text, acroForm);
	const fields = /\/Fields \[([^\]]*)\]/.exec(form)?.[1]?.trim() ?? '';
	const sig = size;
	const widget = size + 1;
	const objects: [number, string][] = [
		[
			sig,
			PDFObject.convert({
				Type: 'Sig',
				Filter: 'Adobe.PPKLite',
				SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
				ByteRange: [0, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER],
				Contents: Buffer.alloc(SIGNATURE_BYTES),
				Reason: new String(signOffReason(record)),
				M: signedAt,
				Name: new String(record.name.replace(/\s+/g, ' ').trim()),
				Location: new String('Beacon'),
				ContactInfo: new String(''),
				Prop_Build: { Filter: { Name: 'Adobe.PPKLite' }, App: { Name: 'Beacon' } }
			})
		],
		[
			widget,
			PDFObject.convert({
				Type: 'Annot',
				Subtype: 'Widget',
				FT: 'Sig',
				Rect: [0, 0, 0, 0],
				V: new PDFKitReferenceMock(sig),
				T: new String('Board sign-off'),
				F: ANNOTATION_FLAGS.PRINT
			})
		],
		[
			acroForm,
			form
				.replace(/\/Fields \[[^\]]*\]/, `/Fields [${fields} ${widget} 0 R]`)
				.replace(/\/SigFlags \d+/, `/SigFlags ${SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY}`)
		]
	];
	// Strings are bytes (PDFObject writes UTF-16 for non-ASCII text as a binary string): latin1 keeps them.
	let body = '\n';
	const offsets = new Map<number, number>();
	for (const [n, value] of objects) {
		offsets.set(n, frozen.length + body.length);
		body += `${n} 0 obj\n${value}\nendobj\n`;
	}
	const xrefAt = frozen.length + body.length;
	const entry = (n: number) => `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
	body += `xref\n0 1\n0000000000 65535 f \n${acroForm} 1\n${entry(acroForm)}${sig} 2\n${entry(sig)}${entry(widget)}`;
	body += `trailer\n<<\n/Size ${size + 2}\n/Root ${root} 0 R\n${info ? `/Info ${info} 0 R\n` : ''}${id ? `${id}\n` : ''}/Prev ${prev}\n>>\nstartxref\n${xrefAt}\n%%EOF`;
	return Buffer.concat([frozen, Buffer.from(body, 'latin1')]);
}

export async function signedOffCopy(frozen: Uint8Array, record: SignOffRecord, signedAt: Date): Promise<Buffer> {
	return sealPdf(appendSignOffField(Buffer.from(frozen), record, signedAt), signingIdentity());
}
