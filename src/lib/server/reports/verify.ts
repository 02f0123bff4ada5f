import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { signingIdentity } from '../signing/identity';
import { readSignatures, type PdfSignature } from '../signing/signatures';
import { verifyPackOffline, type SignOffRecord } from '../signing/verify-offline';
import { sha256Hex } from './canonical-json';
import * as q from './queries';

/**
 * Whether Beacon issued a report, for anyone (no sign-in): by report id, or by the PDF itself. It says which
 * organisation and period the report is for and, given the file, whether it is byte for byte the one
 * issued — nothing else (no figures, no data).
 */
/** The largest file /verify checks: a genuine pack is a few megabytes at most. */
export const MAX_VERIFY_BYTES = 20 * 1024 * 1024;

/** malformed: what was given is not a report id at all, so nothing was looked up (it is not "not authentic"). */
export type VerifyOutcome = 'authentic' | 'altered' | 'issued' | 'unknown' | 'malformed';

export interface Verification {
	outcome: VerifyOutcome;
	/** True only when the file is exactly a PDF Beacon issued. */
	authentic: boolean;
	reportId: string | null;
	org: { ods: string; name: string } | null;
	kind: string | null;
	period: string | null;
	generatedAt: string | null;
	message: string;
	/** The file's digital signatures, as any PDF validator would check them (none for a report id alone). */
	signatures: PackSignature[];
	/** The board's sign-off, when the file is a signed-off copy. */
	signOff: SignOffRecord | null;
	/** The board's sign-off as Beacon recorded it, whichever copy was given (null when not signed off, or nothing was found). */
	boardSignOff: { on: string; name: string; role: string | null; recordedBy: string | null } | null;
}

export interface PackSignature {
	valid: boolean;
	coversWholeFile: boolean;
	signer: string | null;
	fingerprint: string | null;
	/** Signed by this installation's certificate. */
	byThisInstallation: boolean;
	signingTime: string | null;
}

type ReadSignature = Pick<PdfSignature, 'valid' | 'coversWholeFile' | 'signingTime'> & { signer: { subject: string; fingerprint: string } | null };

function signaturesOf(signatures: readonly ReadSignature[]): PackSignature[] {
	const mine = signingIdentity().fingerprint;
	return signatures.map((s) => ({
		valid: s.valid,
		coversWholeFile: s.coversWholeFile,
		signer: s.signer?.subject ?? null,
		fingerprint: s.signer?.fingerprint ?? null,
		byThisInstallation: s.signer?.fingerprint === mine,
		signingTime: s.signingTime
	}));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The report id a PDF claims: its metadata keywords (frame.ts), written there in plain text. */
const CLAIMED_ID = /beacon-report-id:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

type Found = NonNullable<Awaited<ReturnType<typeof q.findSnapshot>>> | NonNullable<Awaited<ReturnType<typeof q.findSnapshotByPdfHash>>>;

function describe(
	found: Found,
	outcome: VerifyOutcome,
	message: string,
	signatures: readonly ReadSignature[] = [],
	signOff: SignOffRecord | null = null
): Verification {
	return {
		outcome,
		authentic: outcome === 'authentic',
		reportId: found.report_id,
		org: { ods: found.ods_code, name: found.organisation_name },
		kind: found.kind,
		period: found.period,
		generatedAt: found.generated_at instanceof Date ? found.generated_at.toISOString() : String(found.generated_at),
		message,
		signatures: signaturesOf(signatures),
		signOff,
		boardSignOff:
			found.signed_off_on && found.signed_off_name
				? { on: String(found.signed_off_on), name: found.signed_off_name, role: found.signed_off_role, recordedBy: found.signed_off_by_name }
				: null
	};
}

const unknown = (message: string, reportId: string | null = null): Verification => ({
	outcome: 'unknown',
	authentic: false,
	reportId,
	org: null,
	kind: null,
	period: null,
	generatedAt: null,
	message,
	signatures: [],
	signOff: null,
	boardSignOff: null
});

export async function verifyReportId(db: Kysely<DB>, reportId: string): Promise<Verification> {
	const id = reportId.trim().toLowerCase();
	if (!UUID.test(id))
		return {
			...unknown('That is not a report id: a report id looks like 0b9c1e2a-3f4d-4a5b-8c6d-7e8f90a1b2c3 and is printed at the foot of every page.'),
			outcome: 'malformed'
		};
	const found = await q.findSnapshot(db, id);
	if (!found) return unknown(`Beacon has not issued a report with the id ${id}.`, id);
	return describe(found, 'issued', 'Beacon issued this report. To check that a copy is unaltered, upload the PDF itself.');
}

const sameSignOff = (a: SignOffRecord | null, found: Found) =>
	a !== null &&
	a.name === found.signed_off_name?.replace(/\s+/g, ' ').trim() &&
	a.role === (found.signed_off_role ?? '').replace(/\s+/g, ' ').trim() &&
	a.on === String(found.signed_off_on) &&
	(a.comment ?? null) === (found.sign_off_comment ?? null);

export async function verifyPdf(db: Kysely<DB>, bytes: Uint8Array): Promise<Verification> {
	const exact = await q.findSnapshotByPdfHash(db, sha256Hex(bytes));
	if (exact) {
		// The file is the one Beacon stored: only its signatures are worth reading out (no need to parse it).
		return describe(exact, 'authentic', 'Authentic: Beacon issued this file, and it is unaltered.', await readSignatures(bytes));
	}
	const claimed = CLAIMED_ID.exec(Buffer.from(bytes).toString('latin1'))?.[1]?.toLowerCase() ?? null;
	const found = claimed ? await q.findSnapshot(db, claimed) : undefined;
	// Only a file naming a report Beacon issued is read through (pdf-lib): a stranger's upload costs a scan.
	const offline = found ? await verifyPackOffline(bytes).catch(() => null) : null;
	if (found) {
		// A signed-off copy: the frozen file byte for byte (what the first signature covers), then Beacon's
		// signed sign-off update, valid, by this installation, stating the sign-off Beacon recorded.
		const first = offline?.signatures[0];
		const frozenEnd = first ? first.byteRange[2] + first.byteRange[3] : 0;
		const frozen = await q.findSnapshotByPdfHash(db, sha256Hex(bytes.subarray(0, frozenEnd)));
		const mine = signingIdentity().fingerprint;
		if (
			offline?.valid &&
			frozen?.report_id === found.report_id &&
			offline.signatures.length === 2 &&
			offline.signatures.every((s) => s.signer?.fingerprint === mine) &&
			sameSignOff(offline.signOff, found)
		)
			return describe(
				found,
				'authentic',
				'Authentic: this is the signed-off copy of a file Beacon issued, unaltered, with the board’s sign-off added and signed by Beacon.',
				offline.signatures,
				offline.signOff
			);
		return describe(
			found,
			'altered',
			'Not authentic: this file names a report Beacon issued, but it is not the file Beacon issued: it has been altered.',
			offline?.signatures ?? []
		);
	}
	return unknown('Not authentic: Beacon did not issue this file.', claimed);
}
