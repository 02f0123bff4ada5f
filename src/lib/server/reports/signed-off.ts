import type { ServiceContext } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { signedOffCopy } from '../signing/sign-off-copy';
import * as q from './queries';
import { fileBase, openSnapshot } from './service';

/**
 * The signed-off copy of a pack, for whoever may read the pack: the frozen PDF byte for byte, then an
 * incremental update with the board's sign-off record and a second signature (the first stays valid),
 * timed when the sign-off was recorded. The signature (RSA PKCS#1 v1.5, no signing-time attribute) is
 * deterministic, so every download of the copy is byte for byte the same.
 */
export async function getSignedOffPdf(ctx: ServiceContext, ods: string, reportId: string): Promise<{ fileName: string; bytes: Buffer }> {
	const { snapshot } = await openSnapshot(ctx, ods, reportId);
	if (!snapshot.signed_off_on || !snapshot.signed_off_name) throw new ConflictError(`report ${snapshot.report_id} has not been signed off`);
	const { pdf } = await q.findSnapshotPdf(ctx.db, snapshot.id);
	if (!pdf) throw new NotFoundError(`report ${reportId} has no PDF`);
	const record = {
		name: snapshot.signed_off_name,
		role: snapshot.signed_off_role ?? '',
		on: String(snapshot.signed_off_on),
		comment: snapshot.sign_off_comment
	};
	// Signed as at the moment the sign-off was recorded: the copy is then the same bytes on every download.
	const recorded = await q.findSignOffRecordedAt(ctx.db, snapshot.report_id);
	const signedAt = recorded?.occurred_at ? new Date(recorded.occurred_at) : new Date();
	return { fileName: `${fileBase(snapshot)}-signed-off.pdf`, bytes: await signedOffCopy(pdf, record, signedAt) };
}
