import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
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
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The report id a PDF claims: its metadata keywords (frame.ts), written there in plain text. */
const CLAIMED_ID = /beacon-report-id:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

type Found = NonNullable<Awaited<ReturnType<typeof q.findSnapshot>>> | NonNullable<Awaited<ReturnType<typeof q.findSnapshotByPdfHash>>>;

function describe(found: Found, outcome: VerifyOutcome, message: string): Verification {
	return {
		outcome,
		authentic: outcome === 'authentic',
		reportId: found.report_id,
		org: { ods: found.ods_code, name: found.organisation_name },
		kind: found.kind,
		period: found.period,
		generatedAt: found.generated_at instanceof Date ? found.generated_at.toISOString() : String(found.generated_at),
		message
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
	message
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

export async function verifyPdf(db: Kysely<DB>, bytes: Uint8Array): Promise<Verification> {
	const exact = await q.findSnapshotByPdfHash(db, sha256Hex(bytes));
	if (exact) return describe(exact, 'authentic', 'Authentic: Beacon issued this file, and it is unaltered.');
	const claimed = CLAIMED_ID.exec(Buffer.from(bytes).toString('latin1'))?.[1]?.toLowerCase() ?? null;
	const found = claimed ? await q.findSnapshot(db, claimed) : undefined;
	if (found)
		return describe(found, 'altered', 'Not authentic: this file names a report Beacon issued, but it is not the file Beacon issued: it has been altered.');
	return unknown('Not authentic: Beacon did not issue this file.', claimed);
}
