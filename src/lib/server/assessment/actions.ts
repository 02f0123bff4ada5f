import { actionInput, type ActionInput } from '../../schemas/assessment';
import { recordAudit } from '../audit/service';
import { changedAt, inTransaction, type ServiceContext } from '../context';
import { NotFoundError, parseInput } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { resolveOutcome } from './outcome-ref';
import { recordActionVersion } from './history-queries';
import * as q from './queries';
import { calendarDayOf } from '../db/day';

/**
 * When an action is completed: the calendar day (db/day.ts: London) it was marked so (the change's instant, context.ts),
 * kept if it already was; the same day the plan's history reads it as completed from.
 */
function completedOn(status: string, previous: string | null, at: Date): string | null {
	if (status !== 'completed') return null;
	return previous ?? calendarDayOf(at);
}

/** Add an improvement action to a gap (an outcome of the edition). */
export async function createAction(ctx: ServiceContext, ods: string, edition: string, outcome: string, input: ActionInput): Promise<{ id: number }> {
	const value = parseInput(actionInput, 'improvement action', input);
	return inTransaction(ctx, async (tx) => {
		const { org, framework, item } = await resolveOutcome(tx, ods, edition, outcome, 'edit');
		const assessment = await q.ensureAssessment(tx.db, org.id, framework.id);
		const { id } = await q.insertAction(tx.db, {
			organisation_id: org.id,
			assessment_id: assessment.id,
			framework_item_id: item.id,
			title: value.title,
			owner: value.owner,
			due_on: value.dueOn,
			status: value.status,
			progress_note: value.progressNote,
			completed_on: completedOn(value.status, null, changedAt(tx))
		});
		await recordActionVersion(tx.db, id, changedAt(tx));
		await recordAudit(tx, {
			action: 'improvement_action.create',
			organisationId: org.id,
			entityType: 'improvement_action',
			entityId: id,
			summary: { edition: framework.edition, outcome: item.code, ...value }
		});
		return { id };
	});
}

/**
 * Change an action: its title, owner, due date, status and progress note. Actions stay editable after an
 * assessment is submitted: the improvement plan carries on.
 */
export async function updateAction(ctx: ServiceContext, ods: string, id: number, input: ActionInput): Promise<void> {
	const value = parseInput(actionInput, 'improvement action', input);
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const before = await q.findAction(tx.db, org.id, id);
		if (!before) throw new NotFoundError(`${org.ods_code} has no improvement action ${id}`);
		await q.updateAction(tx.db, id, {
			title: value.title,
			owner: value.owner,
			due_on: value.dueOn,
			status: value.status,
			progress_note: value.progressNote,
			completed_on: completedOn(value.status, before.completed_on, changedAt(tx))
		});
		await recordActionVersion(tx.db, id, changedAt(tx));
		await recordAudit(tx, {
			action: 'improvement_action.update',
			organisationId: org.id,
			entityType: 'improvement_action',
			entityId: id,
			summary: {
				outcome: before.item_code,
				before: { title: before.title, owner: before.owner, dueOn: before.due_on, status: before.status },
				after: { title: value.title, owner: value.owner, dueOn: value.dueOn, status: value.status }
			}
		});
	});
}
