import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Verdict } from '../../schemas/assessment';
import type { Level } from '../../schemas/framework';
import { endOfDay, inForceOn } from '../db/as-of-sql';
import type { AssessmentStatus } from '../../schemas/assessment';
import type { DB, EvidenceFile, ImprovementAction } from '../db/schema';

export function findEdition(db: Kysely<DB>, code: string, edition: string) {
	return db
		.selectFrom('framework')
		.select(['id', 'code', 'edition', 'name', 'generation'])
		.where('code', '=', code)
		.where('edition', '=', edition)
		.executeTakeFirst();
}

export function findItem(db: Kysely<DB>, frameworkId: number, code: string) {
	return db
		.selectFrom('framework_item')
		.select(['id', 'code', 'title', 'description', 'item_type', 'parent_id', 'profile_level', 'profile_source', 'hard_gate', 'allows_partial'])
		.where('framework_id', '=', frameworkId)
		.where('code', '=', code)
		.executeTakeFirst();
}

/** Every item of an edition in tree order: objectives, principles and outcomes, each by its sort order. */
export function selectItems(db: Kysely<DB>, frameworkId: number) {
	return db
		.selectFrom('framework_item')
		.select(['id', 'code', 'title', 'item_type', 'parent_id'])
		.where('framework_id', '=', frameworkId)
		.orderBy('sort_order')
		.orderBy('code')
		.execute();
}

/**
 * The organisation's assessment of the edition with its status at the end of the date: submitted or locked
 * only once it had been by then (a draft before). The assessment itself is there from its creation.
 */
export function findAssessment(db: Kysely<DB>, organisationId: number, frameworkId: number, asOf: string) {
	const end = endOfDay(asOf);
	return db
		.selectFrom('assessment')
		.select([
			'id',
			sql<AssessmentStatus>`case when status = 'locked' and locked_at < ${end} then 'locked'
				when status <> 'draft' and submitted_at < ${end} then 'submitted' else 'draft' end`.as('status')
		])
		.where('organisation_id', '=', organisationId)
		.where('framework_id', '=', frameworkId)
		.executeTakeFirst();
}

/** The organisation's assessment of the edition, created as a draft the first time anything is recorded. */
export async function ensureAssessment(db: Kysely<DB>, organisationId: number, frameworkId: number) {
	await db
		.insertInto('assessment')
		.values({ organisation_id: organisationId, framework_id: frameworkId })
		.onConflict((oc) => oc.constraint('assessment_edition_uq').doNothing())
		.execute();
	return db
		.selectFrom('assessment')
		.select(['id', 'status'])
		.where('organisation_id', '=', organisationId)
		.where('framework_id', '=', frameworkId)
		.forUpdate()
		.executeTakeFirstOrThrow();
}

export function findResponse(db: Kysely<DB>, assessmentId: number, itemId: number) {
	return db
		.selectFrom('assessment_response')
		.select(['id', 'self_level', 'is_met', 'rationale', 'owner', 'review_on', 'updated_at', 'updated_by'])
		.where('assessment_id', '=', assessmentId)
		.where('framework_item_id', '=', itemId)
		.executeTakeFirst();
}

export interface ResponseValues {
	self_level: Level | null;
	is_met: boolean | null;
	rationale: string | null;
	owner: string | null;
	review_on: string | null;
	updated_by: number | null;
}

export function upsertResponse(db: Kysely<DB>, assessmentId: number, itemId: number, values: ResponseValues) {
	return db
		.insertInto('assessment_response')
		.values({ assessment_id: assessmentId, framework_item_id: itemId, ...values })
		.onConflict((oc) => oc.constraint('assessment_response_item_uq').doUpdateSet({ ...values, updated_at: sql`now()` }))
		.returning('id')
		.executeTakeFirstOrThrow();
}

/** A response row to hang evidence from, made empty if the outcome has not been answered yet. */
export async function ensureResponse(db: Kysely<DB>, assessmentId: number, itemId: number): Promise<number> {
	await db
		.insertInto('assessment_response')
		.values({ assessment_id: assessmentId, framework_item_id: itemId })
		.onConflict((oc) => oc.constraint('assessment_response_item_uq').doNothing())
		.execute();
	const row = await db
		.selectFrom('assessment_response')
		.select('id')
		.where('assessment_id', '=', assessmentId)
		.where('framework_item_id', '=', itemId)
		.executeTakeFirstOrThrow();
	return row.id;
}

/**
 * Every response of the organisation's assessment of the edition as it stood at the end of the date, with
 * who made that version and when (the response's history: assessment/history-queries.ts).
 */
export function selectResponses(db: Kysely<DB>, assessmentId: number, asOf: string) {
	return db
		.selectFrom('assessment_response_history as r')
		.leftJoin('app_user as u', 'u.id', 'r.updated_by')
		.select([
			'r.response_id as id',
			'r.framework_item_id',
			'r.self_level',
			'r.is_met',
			'r.rationale',
			'r.owner',
			'r.review_on',
			'r.valid_from as updated_at',
			'r.updated_by',
			'u.display_name as updated_by_name'
		])
		.where('r.assessment_id', '=', assessmentId)
		.where(inForceOn('r', asOf))
		.execute();
}

export function insertEvidence(db: Kysely<DB>, row: Insertable<EvidenceFile>) {
	return db.insertInto('evidence_file').values(row).returning(['id', 'uploaded_at']).executeTakeFirstOrThrow();
}

/** Evidence files of an assessment held at the end of the date (without their content), newest first. */
export function selectEvidence(db: Kysely<DB>, assessmentId: number, asOf: string) {
	return db
		.selectFrom('evidence_file_history as e')
		.leftJoin('app_user as u', 'u.id', 'e.uploaded_by')
		.select([
			'e.evidence_file_id as id',
			'e.framework_item_id',
			'e.file_name',
			'e.media_type',
			'e.size_bytes',
			'e.sha256',
			'e.valid_from as uploaded_at',
			'u.display_name as uploaded_by_name'
		])
		.where('e.assessment_id', '=', assessmentId)
		.where(inForceOn('e', asOf))
		.orderBy('e.valid_from', 'desc')
		.orderBy('e.evidence_file_id', 'desc')
		.execute();
}

/** One evidence file of an organisation, with its content and the edition it belongs to. */
export function findEvidenceFile(db: Kysely<DB>, organisationId: number, id: number) {
	return db
		.selectFrom('evidence_file as e')
		.innerJoin('assessment_response as r', 'r.id', 'e.assessment_response_id')
		.innerJoin('assessment as a', 'a.id', 'r.assessment_id')
		.select([
			'e.id',
			'e.file_name',
			'e.media_type',
			'e.size_bytes',
			'e.sha256',
			'e.content',
			'a.framework_id',
			'a.status as assessment_status',
			'r.framework_item_id'
		])
		.where('e.organisation_id', '=', organisationId)
		.where('e.id', '=', id)
		.executeTakeFirst();
}

export function deleteEvidence(db: Kysely<DB>, id: number) {
	return db.deleteFrom('evidence_file').where('id', '=', id).execute();
}

export function insertAction(db: Kysely<DB>, row: Insertable<ImprovementAction>) {
	return db.insertInto('improvement_action').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findAction(db: Kysely<DB>, organisationId: number, id: number) {
	return db
		.selectFrom('improvement_action as a')
		.innerJoin('framework_item as i', 'i.id', 'a.framework_item_id')
		.select([
			'a.id',
			'a.title',
			'a.owner',
			'a.due_on',
			'a.status',
			'a.progress_note',
			'a.completed_on',
			'a.framework_item_id',
			'i.framework_id',
			'i.code as item_code'
		])
		.where('a.organisation_id', '=', organisationId)
		.where('a.id', '=', id)
		.forUpdate('a')
		.executeTakeFirst();
}

export function updateAction(db: Kysely<DB>, id: number, values: Updateable<ImprovementAction>) {
	return db
		.updateTable('improvement_action')
		.set({ ...values, updated_at: sql`now()` })
		.where('id', '=', id)
		.execute();
}

/**
 * The organisation's improvement actions on the edition's items as they stood at the end of the date (an
 * action made later is not there; one completed later is as it was then), oldest first; updated_at is
 * when that version was made.
 */
export function selectActions(db: Kysely<DB>, organisationId: number, frameworkId: number, asOf: string) {
	return db
		.selectFrom('improvement_action_history as a')
		.innerJoin('framework_item as i', 'i.id', 'a.framework_item_id')
		.select([
			'a.action_id as id',
			'a.framework_item_id',
			'i.code as item_code',
			'a.title',
			'a.owner',
			'a.due_on',
			'a.status',
			'a.progress_note',
			'a.completed_on',
			'a.valid_from as updated_at'
		])
		.where('a.organisation_id', '=', organisationId)
		.where('i.framework_id', '=', frameworkId)
		.where(inForceOn('a', asOf))
		.orderBy('a.action_id')
		.execute();
}

export function insertFinding(
	db: Kysely<DB>,
	row: {
		assessment_id: number;
		framework_item_id: number;
		verdict: Verdict;
		note: string;
		recorded_by: number | null;
		recorded_by_label: string;
		recorded_at: Date;
	}
) {
	return db.insertInto('veracity_finding').values(row).returning(['id', 'recorded_at']).executeTakeFirstOrThrow();
}

/** An assessment's veracity findings recorded by the end of the date, newest first (findings are never changed). */
export function selectFindings(db: Kysely<DB>, assessmentId: number, asOf: string) {
	return db
		.selectFrom('veracity_finding')
		.select(['id', 'framework_item_id', 'verdict', 'note', 'recorded_by_label', 'recorded_at'])
		.where('assessment_id', '=', assessmentId)
		.where('recorded_at', '<', endOfDay(asOf))
		.orderBy('recorded_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

/** The loaded editions of a framework, oldest first. */
export function selectEditions(db: Kysely<DB>, code: string) {
	return db.selectFrom('framework').select(['id', 'code', 'edition', 'name']).where('code', '=', code).orderBy('edition').execute();
}

export function findItemById(db: Kysely<DB>, id: number) {
	return db.selectFrom('framework_item').select(['id', 'code', 'title']).where('id', '=', id).executeTakeFirst();
}
