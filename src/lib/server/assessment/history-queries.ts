import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { startOfDay } from '../db/day';

/*
 * The history of an organisation's plan and self-assessment (migration 20261208110000): every change to an
 * action, a response or an evidence file closes the version in force and, unless the thing is gone, opens
 * one holding the row as it now is, both at the change's instant (context.ts changedAt: now, or the
 * clock a test sets). Called in the same transaction as the change.
 */

const at = (when: Date) => {
	const instant = when.toISOString();
	return sql<Date>`${instant}::timestamptz`;
};
/** The start of an action's completion day, where the plan history reads it completed from (db/day.ts). */
const completedFrom = startOfDay(sql.ref('a.completed_on'));

/** Record an improvement action as it now is. */
export async function recordActionVersion(db: Kysely<DB>, actionId: number, when: Date): Promise<void> {
	await sql`update improvement_action_history set valid_to = ${at(when)} where action_id = ${actionId} and valid_to is null`.execute(db);
	await sql`
		insert into improvement_action_history
			(action_id, organisation_id, framework_item_id, title, owner, due_on, status, progress_note, completed_on, valid_from)
		select id, organisation_id, framework_item_id, title, owner, due_on, status, progress_note, completed_on, ${at(when)}
		from improvement_action where id = ${actionId}`.execute(db);
}

/** Record a self-assessment response as it now is. */
export async function recordResponseVersion(db: Kysely<DB>, responseId: number, when: Date): Promise<void> {
	await sql`update assessment_response_history set valid_to = ${at(when)} where response_id = ${responseId} and valid_to is null`.execute(db);
	await sql`
		insert into assessment_response_history
			(response_id, assessment_id, framework_item_id, self_level, is_met, rationale, owner, review_on, updated_by, valid_from)
		select id, assessment_id, framework_item_id, self_level, is_met, rationale, owner, review_on, updated_by, ${at(when)}
		from assessment_response where id = ${responseId}`.execute(db);
}

/** Record an evidence file of a response, just added. */
export async function recordEvidenceAdded(db: Kysely<DB>, evidenceId: number, when: Date): Promise<void> {
	await sql`
		insert into evidence_file_history
			(evidence_file_id, organisation_id, assessment_id, framework_item_id, file_name, media_type, size_bytes, sha256, uploaded_by, valid_from)
		select e.id, e.organisation_id, r.assessment_id, r.framework_item_id, e.file_name, e.media_type, e.size_bytes, e.sha256, e.uploaded_by, ${at(when)}
		from evidence_file e join assessment_response r on r.id = e.assessment_response_id
		where e.id = ${evidenceId}`.execute(db);
}

/** Record that an evidence file was removed. */
export async function recordEvidenceRemoved(db: Kysely<DB>, evidenceId: number, when: Date): Promise<void> {
	await sql`update evidence_file_history set valid_to = ${at(when)} where evidence_file_id = ${evidenceId} and valid_to is null`.execute(db);
}

/**
 * A first version of every action, response and evidence file of the organisations that has none, by the
 * rule migration 20261208110000 applied to the rows it found: actions from their creation (open until the
 * day they were completed), responses from their last update, evidence from its upload; or, when
 * `madeAt` is given, each made then (a seed's or a test's story, loaded in bulk, dated in its own time).
 */
export async function recordMissingHistory(db: Kysely<DB>, organisationIds: readonly number[], madeAt?: Date): Promise<void> {
	if (organisationIds.length === 0) return;
	const ids = sql.join(organisationIds.map((id) => sql`${id}`));
	const made = (column: string) => (madeAt ? at(madeAt) : sql.ref(column));
	await sql`
		insert into improvement_action_history
			(action_id, organisation_id, framework_item_id, title, owner, due_on, status, progress_note, completed_on, valid_from, valid_to)
		select a.id, a.organisation_id, a.framework_item_id, a.title, a.owner, a.due_on, 'open', a.progress_note, null,
			${made('a.created_at')}, ${completedFrom}
		from improvement_action a
		where a.organisation_id in (${ids}) and a.completed_on is not null and ${completedFrom} > ${made('a.created_at')}
			and not exists (select 1 from improvement_action_history h where h.action_id = a.id)`.execute(db);
	await sql`
		insert into improvement_action_history
			(action_id, organisation_id, framework_item_id, title, owner, due_on, status, progress_note, completed_on, valid_from)
		select a.id, a.organisation_id, a.framework_item_id, a.title, a.owner, a.due_on, a.status, a.progress_note, a.completed_on,
			greatest(${made('a.created_at')}, coalesce(${completedFrom}, ${made('a.created_at')}))
		from improvement_action a
		where a.organisation_id in (${ids}) and not exists (select 1 from improvement_action_history h where h.action_id = a.id and h.valid_to is null)`.execute(db);
	await sql`
		insert into assessment_response_history
			(response_id, assessment_id, framework_item_id, self_level, is_met, rationale, owner, review_on, updated_by, valid_from)
		select r.id, r.assessment_id, r.framework_item_id, r.self_level, r.is_met, r.rationale, r.owner, r.review_on, r.updated_by, ${made('r.updated_at')}
		from assessment_response r join assessment a on a.id = r.assessment_id
		where a.organisation_id in (${ids}) and not exists (select 1 from assessment_response_history h where h.response_id = r.id)`.execute(db);
	await sql`
		insert into evidence_file_history
			(evidence_file_id, organisation_id, assessment_id, framework_item_id, file_name, media_type, size_bytes, sha256, uploaded_by, valid_from)
		select e.id, e.organisation_id, r.assessment_id, r.framework_item_id, e.file_name, e.media_type, e.size_bytes, e.sha256, e.uploaded_by, ${made('e.uploaded_at')}
		from evidence_file e join assessment_response r on r.id = e.assessment_response_id
		where e.organisation_id in (${ids}) and not exists (select 1 from evidence_file_history h where h.evidence_file_id = e.id)`.execute(db);
}
