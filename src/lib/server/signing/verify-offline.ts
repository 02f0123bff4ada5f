import { createHash, X509Certificate } from 'node:crypto';
import { parseCheckpoint, type AuditCheckpoint } from '../audit/checkpoint';
import { readPdfContents } from './embedded-files';
import { fingerprintOf } from './identity';
import { readSignatures, type PdfSignature } from './signatures';

/**
 * Verify a Beacon pack from the file alone (no database, no network): every signature valid over its bytes,
 * all by one certificate (the pinned one, when given), the newest covering the whole file (nothing added
 * after it), and the embedded data matching the hash the pack states, file by file against its manifest.
 */
export interface SignOffRecord {
	name: string;
	role: string;
	on: string;
	comment: string | null;
}

/** The sign-off record as the signed-off copy's second signature states it (its /Reason). */
export function signOffReason(r: SignOffRecord): string {
	const line = (s: string) => s.replace(/\s+/g, ' ').trim();
	return [`Board sign-off`, `Name: ${line(r.name)}`, `Role: ${line(r.role)}`, `Date: ${r.on}`, ...(r.comment ? [`Comment: ${r.comment}`] : [])].join('\n');
}

export function parseSignOffReason(reason: string | null): SignOffRecord | null {
	const m = reason && /^Board sign-off\nName: (.*)\nRole: (.*)\nDate: (\d{4}-\d{2}-\d{2})(?:\nComment: ([\s\S]*))?$/.exec(reason);
	return m ? { name: m[1] ?? '', role: m[2] ?? '', on: m[3] ?? '', comment: m[4] ?? null } : null;
}

export interface OfflineVerification {
	valid: boolean;
	problems: string[];
	reportId: string | null;
	dataSha256: string | null;
	signatures: (Omit<PdfSignature, 'signer'> & { signer: Omit<NonNullable<PdfSignature['signer']>, 'pem'> | null })[];
	certificate: { subject: string; fingerprint: string; pem: string; pinned: boolean | null } | null;
	files: { name: string; bytes: number; sha256: string; inManifest: boolean }[];
	auditCheckpoint: AuditCheckpoint | null;
	signOff: SignOffRecord | null;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Manifest {
	reportId?: unknown;
	dataSha256?: unknown;
	files?: { name: string; sha256: string; bytes: number }[];
	auditCheckpoint?: unknown;
}

function parseManifest(bytes: Buffer | undefined): Manifest | null {
	if (!bytes) return null;
	try {
		const value = JSON.parse(bytes.toString('utf8')) as Manifest;
		return typeof value === 'object' && value !== null && Array.isArray(value.files) ? value : null;
	} catch {
		return null;
	}
}

function checkSignatures(signatures: PdfSignature[], pinnedPem: string | undefined, problems: string[]) {
	if (signatures.length === 0) problems.push('the file has no digital signature');
	signatures.forEach((s, i) => {
		if (!s.valid) problems.push(`signature ${i + 1} is not valid: ${s.problem}`);
		const t = s.signingTime && s.signer && (s.signingTime < s.signer.notBefore || s.signingTime > s.signer.notAfter);
		if (t) problems.push(`signature ${i + 1} was made outside its certificate's validity`);
	});
	const last = signatures.at(-1);
	if (last && !last.coversWholeFile) problems.push('the file was changed after it was signed: bytes were added after the last signature');
	const fingerprints = new Set(signatures.map((s) => s.signer?.fingerprint ?? 'none'));
	if (fingerprints.size > 1) problems.push('the signatures are not all by the same certificate');
	const first = signatures[0]?.signer;
	let pinned: boolean | null = null;
	if (pinnedPem !== undefined && first) {
		pinned = fingerprintOf(new X509Certificate(pinnedPem).raw) === first.fingerprint;
		if (!pinned) problems.push(`signed by ${first.subject} (${first.fingerprint}), not by the pinned certificate`);
	}
	return first ? { subject: first.subject, fingerprint: first.fingerprint, pem: first.pem, pinned } : null;
}

export async function verifyPackOffline(pdf: Uint8Array, options: { pinnedCertificatePem?: string } = {}): Promise<OfflineVerification> {
	const problems: string[] = [];
	const signatures = await readSignatures(pdf);
	const certificate = checkSignatures(signatures, options.pinnedCertificatePem, problems);
	const contents = await readPdfContents(pdf).catch(() => null);
	if (!contents) problems.push('the PDF could not be read');
	const reportId = /beacon-report-id:([0-9a-f-]{36})/i.exec(contents?.keywords ?? '')?.[1] ?? null;
	const dataSha256 = /beacon-data-sha256:([0-9a-f]{64})/i.exec(contents?.keywords ?? '')?.[1] ?? null;
	if (!reportId || !dataSha256) problems.push('the file does not state a Beacon report id and data hash');
	const byName = new Map((contents?.files ?? []).map((f) => [f.name, f.bytes]));
	const manifest = parseManifest(byName.get('manifest.json'));
	if (!manifest) problems.push('the file carries no readable manifest.json');
	else {
		if (manifest.reportId !== reportId || manifest.dataSha256 !== dataSha256)
			problems.push('the manifest names another report or data hash than the PDF states');
		for (const f of manifest.files ?? []) {
			const bytes = byName.get(f.name);
			if (!bytes) problems.push(`${f.name}, listed in the manifest, is not embedded`);
			else if (sha256(bytes) !== f.sha256) problems.push(`${f.name} does not match the SHA-256 the manifest gives it`);
		}
		const data = byName.get('data.json') ?? byName.get('assessment.json');
		if (!data) problems.push('the file carries no data file (data.json or assessment.json)');
		else if (sha256(data) !== dataSha256) problems.push('the embedded data does not match the data hash the pack states');
	}
	const checkpoint = manifest?.auditCheckpoint === undefined ? null : parseCheckpoint(manifest.auditCheckpoint);
	const listed = new Set((manifest?.files ?? []).map((f) => f.name));
	return {
		valid: problems.length === 0,
		problems,
		reportId,
		dataSha256,
		signatures: signatures.map((s) => ({
			...s,
			signer: s.signer ? { subject: s.signer.subject, fingerprint: s.signer.fingerprint, notBefore: s.signer.notBefore, notAfter: s.signer.notAfter } : null
		})),
		certificate,
		files: [...byName].map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256(bytes), inManifest: listed.has(name) || name === 'manifest.json' })),
		auditCheckpoint: checkpoint && 'checkpoint' in checkpoint ? checkpoint.checkpoint : null,
		signOff: signatures.length > 1 ? parseSignOffReason(signatures.at(-1)?.reason ?? null) : null
	};
}
