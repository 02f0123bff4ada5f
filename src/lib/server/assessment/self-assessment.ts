import { selfAssessmentInput, type SelfAssessmentInput } from '../../schemas/assessment';
import { recordAudit } from '../audit/service';
import { actorUserId } from '../auth/actor';
import { changedAt, inTransaction, type ServiceContext } from '../context';
import { parseInput, ValidationError } from '../errors';
import { assertDraft, resolveOutcome } from './outcome-ref';
import { recordResponseVersion } from './history-queries';
import * as q from './queries';

/**
 * Record an organisation's self-assessment of one outcome (level, rationale, owner, review date and, for an
 * outcome with a hard gate, whether the gate is met). The edition's assessment is created as a draft the
 * first time; the audit event holds the values before and after.
 */
export async function saveSelfAssessment(
	ctx: ServiceContext,
	ods: string,
	edition: string,
	outcome: string,
	input: SelfAssessmentInput
): Promise<{ responseId: number }> {
	const value = parseInput(selfAssessmentInput, 'self-assessment', input);
	return inTransaction(ctx, async (tx) => {
		const { org, framework, item } = await resolveOutcome(tx, ods, edition, outcome, 'edit');
		if (value.level === 'partially_achieved' && !item.allows_partial) {
			throw new ValidationError(`invalid self-assessment: ${item.code} is achieved or not; it has no partial level`, [
				{ field: 'level', message: 'this outcome has no Partially achieved level' }
			]);
		}
		if (item.hard_gate === null && value.hardGateMet !== null) {
			throw new ValidationError(`invalid self-assessment: ${item.code} has no hard gate to confirm`, [
				{ field: 'hardGateMet', message: 'this outcome has no hard gate' }
			]);
		}
		const assessment = await q.ensureAssessment(tx.db, org.id, framework.id);
		assertDraft(assessment, framework.edition);
		const before = await q.findResponse(tx.db, assessment.id, item.id);
		const after = { self_level: value.level, is_met: value.hardGateMet, rationale: value.rationale, owner: value.owner, review_on: value.reviewOn };
		const { id } = await q.upsertResponse(tx.db, assessment.id, item.id, { ...after, updated_by: actorUserId(tx.actor) });
		await recordResponseVersion(tx.db, id, changedAt(tx));
		await recordAudit(tx, {
			action: 'assessment.self_assess',
			organisationId: org.id,
			entityType: 'assessment_response',
			entityId: id,
			summary: {
				edition: framework.edition,
				outcome: item.code,
				before: before ? { self_level: before.self_level, is_met: before.is_met, owner: before.owner, review_on: before.review_on } : null,
				after: { self_level: after.self_level, is_met: after.is_met, owner: after.owner, review_on: after.review_on }
			}
		});
		return { responseId: id };
	});
}
