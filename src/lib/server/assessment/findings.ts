import { findingInput, type FindingInput } from '../../schemas/assessment';
import { recordAudit } from '../audit/service';
import { actorLabel, actorUserId } from '../auth/actor';
import { changedAt, inTransaction, type ServiceContext } from '../context';
import { parseInput } from '../errors';
import { resolveOutcome } from './outcome-ref';
import * as q from './queries';

/**
 * An independent assessor's veracity finding on one outcome: whether the evidence supports the level the
 * organisation claims. Findings accumulate; the newest is the current one. Needs the assess capability.
 */
export async function recordFinding(ctx: ServiceContext, ods: string, edition: string, outcome: string, input: FindingInput): Promise<{ id: number }> {
	const value = parseInput(findingInput, 'veracity finding', input);
	return inTransaction(ctx, async (tx) => {
		const { org, framework, item } = await resolveOutcome(tx, ods, edition, outcome, 'assess');
		const assessment = await q.ensureAssessment(tx.db, org.id, framework.id);
		const { id } = await q.insertFinding(tx.db, {
			assessment_id: assessment.id,
			framework_item_id: item.id,
			verdict: value.verdict,
			note: value.note,
			recorded_by: actorUserId(tx.actor),
			recorded_by_label: actorLabel(tx.actor),
			recorded_at: changedAt(tx)
		});
		await recordAudit(tx, {
			action: 'assessment.veracity_finding',
			organisationId: org.id,
			entityType: 'veracity_finding',
			entityId: id,
			summary: { edition: framework.edition, outcome: item.code, verdict: value.verdict }
		});
		return { id };
	});
}
