import type { ServiceContext } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { signedOffCopy } from '../signing/sign-off-copy';
import * as q from './queries';
import { fileBase, openSnapshot } from './service';

/**
 * The signed-off copy of a pack, for whoever may read the pack: the frozen PDF byte for byte, then an
 * incremental update with the board's sign-off record and a second signature (the first stays valid).
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
	return { fileName: `${fileBase(snapshot)}-signed-off.pdf`, bytes: await signedOffCopy(pdf, record, new Date()) };
}
