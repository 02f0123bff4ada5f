import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/service';
import { actorUserId } from '../auth/actor';
import { changedAt, inTransaction, type ServiceContext } from '../context';
import { NotFoundError, ValidationError } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { checkEvidenceFile } from './evidence-rules';
import { assertDraft, resolveOutcome } from './outcome-ref';
import { recordEvidenceAdded, recordEvidenceRemoved } from './history-queries';
import * as q from './queries';

export interface EvidenceUpload {
	name: string;
	bytes: Uint8Array;
}

/** Attach an evidence file to an outcome's self-assessment, stored with its SHA-256, size and checked type. */
export async function addEvidence(
	ctx: ServiceContext,
	ods: string,
	edition: string,
	outcome: string,
	file: EvidenceUpload
): Promise<{ id: number; sha256: string }> {
	const check = checkEvidenceFile(file.name, file.bytes);
	if (!check.ok) throw new ValidationError(`invalid evidence file: ${check.message}`, [{ field: 'file', message: check.message }]);
	const sha256 = createHash('sha256').update(file.bytes).digest('hex');
	return inTransaction(ctx, async (tx) => {
		const { org, framework, item } = await resolveOutcome(tx, ods, edition, outcome, 'edit');
		const assessment = await q.ensureAssessment(tx.db, org.id, framework.id);
		assertDraft(assessment, framework.edition);
		const responseId = await q.ensureResponse(tx.db, assessment.id, item.id);
		const { id } = await q.insertEvidence(tx.db, {
			organisation_id: org.id,
			assessment_response_id: responseId,
			file_name: check.fileName,
			media_type: check.mediaType,
			size_bytes: file.bytes.length,
			sha256,
			content: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
			uploaded_by: actorUserId(tx.actor),
			uploaded_at: changedAt(tx)
		});
		await recordEvidenceAdded(tx.db, id, changedAt(tx));
		await recordAudit(tx, {
			action: 'evidence.add',
			organisationId: org.id,
			entityType: 'evidence_file',
			entityId: id,
			summary: { edition: framework.edition, outcome: item.code, fileName: check.fileName, sizeBytes: file.bytes.length, sha256 }
		});
		return { id, sha256 };
	});
}

export interface EvidenceDownload {
	fileName: string;
	mediaType: string;
	sha256: string;
	content: Uint8Array;
}

/** An evidence file's content, for anyone who may read the organisation. */
export async function getEvidenceFile(ctx: ServiceContext, ods: string, id: number): Promise<EvidenceDownload> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const row = await q.findEvidenceFile(ctx.db, org.id, id);
	if (!row || !row.content) throw new NotFoundError(`${org.ods_code} has no evidence file ${id}`);
	return { fileName: row.file_name, mediaType: row.media_type, sha256: row.sha256, content: row.content };
}

/** Remove an evidence file from a draft self-assessment. */
export async function removeEvidence(ctx: ServiceContext, ods: string, id: number): Promise<void> {
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const row = await q.findEvidenceFile(tx.db, org.id, id);
		if (!row) throw new NotFoundError(`${org.ods_code} has no evidence file ${id}`);
		assertDraft({ status: row.assessment_status }, 'this');
		await q.deleteEvidence(tx.db, id);
		await recordEvidenceRemoved(tx.db, id, changedAt(tx));
		await recordAudit(tx, {
			action: 'evidence.remove',
			organisationId: org.id,
			entityType: 'evidence_file',
			entityId: id,
			summary: { fileName: row.file_name, sha256: row.sha256 }
		});
	});
}
