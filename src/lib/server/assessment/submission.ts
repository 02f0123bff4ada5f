import { z } from 'zod';
import { recordAudit } from '../audit/service';
import { actorUserId, isAdmin } from '../auth/actor';
import { can } from '../auth/capabilities';
import { requireOrganisation } from '../auth/organisation-access';
import { inTransaction, type ServiceContext } from '../context';
import { ConflictError, ForbiddenError, parseInput, ValidationError } from '../errors';
import { requireEdition } from './outcome-ref';
import * as q from './submission-queries';

/** Where an organisation's assessment of an edition stands on the way to the DSPT submission. */
export interface SubmissionState {
	edition: string;
	status: 'none' | 'draft' | 'submitted' | 'locked';
	/** When and by whom it was submitted (by: null when Beacon itself submitted it, e.g. from a script). */
	submitted: { at: string; by: string | null } | null;
	/** The newest regulator pack of this edition the board has signed off: what a submission rests on. */
	signedOffPack: { reportId: string; period: string; on: string; by: string } | null;
	canSubmit: boolean;
	canReopen: boolean;
}

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : String(v));

export async function getSubmissionState(ctx: ServiceContext, ods: string, edition: string): Promise<SubmissionState> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const framework = await requireEdition(ctx, edition);
	const [assessment, pack] = await Promise.all([
		q.findAssessmentForSubmission(ctx.db, org.id, framework.id),
		q.findSignedOffRegulatorPack(ctx.db, org.id, framework.edition)
	]);
	const status = assessment?.status ?? 'none';
	const editor = can(ctx.actor, { id: org.id, parentId: org.parent_id }, 'edit');
	return {
		edition: framework.edition,
		status,
		submitted: assessment?.submitted_at ? { at: iso(assessment.submitted_at), by: assessment.submitted_by_name ?? null } : null,
		signedOffPack: pack ? { reportId: pack.report_id, period: pack.period, on: pack.signed_off_on!, by: pack.signed_off_name ?? '' } : null,
		canSubmit: editor && status === 'draft' && pack !== undefined,
		canReopen: isAdmin(ctx.actor) && status === 'submitted'
	};
}

/**
 * The IT lead submits the organisation's assessment of an edition, once the board has signed off a regulator
 * pack of it. From then the self-assessment and its evidence no longer change (assertDraft), and every pack
 * of the edition made later says when and by whom it was submitted. Audited.
 */
export async function submitAssessment(ctx: ServiceContext, ods: string, edition: string, now: Date = new Date()): Promise<SubmissionState> {
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const framework = await requireEdition(tx, edition);
		const assessment = await q.findAssessmentForSubmission(tx.db, org.id, framework.id, true);
		if (!assessment) throw new ValidationError(`${org.ods_code} has recorded nothing for DSPT ${framework.edition}: there is nothing to submit`, []);
		if (assessment.status !== 'draft')
			throw new ConflictError(`the DSPT ${framework.edition} assessment of ${org.ods_code} was already submitted on ${iso(assessment.submitted_at ?? '')}`);
		const pack = await q.findSignedOffRegulatorPack(tx.db, org.id, framework.edition);
		if (!pack)
			throw new ValidationError(
				`the board has not signed off a DSPT ${framework.edition} regulator pack of ${org.ods_code}: generate one, and have the board sign it off, before submitting`,
				[]
			);
		const result = await q.markSubmitted(tx.db, assessment.id, actorUserId(tx.actor), now);
		if (Number(result.numUpdatedRows) !== 1) throw new ConflictError(`the DSPT ${framework.edition} assessment has just been submitted`);
		await recordAudit(tx, {
			action: 'assessment.submit',
			organisationId: org.id,
			entityType: 'assessment',
			entityId: assessment.id,
			summary: { edition: framework.edition, signedOffPack: pack.report_id, signedOffOn: pack.signed_off_on }
		});
	});
	return getSubmissionState(ctx, ods, edition);
}

const reopenInput = z.object({ reason: z.string().trim().min(1, 'say why the submission is reopened').max(2000) });

/** Only an administrator reopens a submitted assessment, and says why; audited with who submitted it and when. */
export async function reopenAssessment(ctx: ServiceContext, ods: string, edition: string, reason: string, now: Date = new Date()): Promise<SubmissionState> {
	const value = parseInput(reopenInput, 'reopen', { reason });
	if (!isAdmin(ctx.actor)) throw new ForbiddenError('only an administrator may reopen a submitted assessment');
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const framework = await requireEdition(tx, edition);
		const assessment = await q.findAssessmentForSubmission(tx.db, org.id, framework.id, true);
		if (!assessment || assessment.status !== 'submitted')
			throw new ConflictError(`the DSPT ${framework.edition} assessment of ${org.ods_code} is not submitted: there is nothing to reopen`);
		await q.markReopened(tx.db, assessment.id, now);
		await recordAudit(tx, {
			action: 'assessment.reopen',
			organisationId: org.id,
			entityType: 'assessment',
			entityId: assessment.id,
			summary: {
				edition: framework.edition,
				reason: value.reason,
				submittedAt: assessment.submitted_at ? iso(assessment.submitted_at) : null,
				submittedBy: assessment.submitted_by_name ?? null
			}
		});
	});
	return getSubmissionState(ctx, ods, edition);
}
