import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** The organisation's assessment of an edition with who submitted it, locked for the rest of the transaction. */
export function findAssessmentForSubmission(db: Kysely<DB>, organisationId: number, frameworkId: number, lock = false) {
	let query = db
		.selectFrom('assessment as a')
		.leftJoin('app_user as u', 'u.id', 'a.submitted_by')
		.select(['a.id', 'a.status', 'a.submitted_at', 'a.submitted_by', 'u.display_name as submitted_by_name'])
		.where('a.organisation_id', '=', organisationId)
		.where('a.framework_id', '=', frameworkId);
	if (lock) query = query.forUpdate('a');
	return query.executeTakeFirst();
}

/**
 * The newest regulator pack of the organisation that reports on this edition (its frozen data names the
 * edition) and that the board has signed off.
 */
export function findSignedOffRegulatorPack(db: Kysely<DB>, organisationId: number, edition: string) {
	return db
		.selectFrom('report_snapshot')
		.select(['report_id', 'period', 'signed_off_on', 'signed_off_name', 'generated_at'])
		.where('organisation_id', '=', organisationId)
		.where('kind', '=', 'regulator')
		.where(sql<string>`data -> 'edition' ->> 'edition'`, '=', edition)
		.where('signed_off_on', 'is not', null)
		.orderBy('generated_at', 'desc')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export function markSubmitted(db: Kysely<DB>, assessmentId: number, submittedBy: number | null, at: Date) {
	return db
		.updateTable('assessment')
		.set({ status: 'submitted', submitted_at: at, submitted_by: submittedBy, updated_at: at })
		.where('id', '=', assessmentId)
		.where('status', '=', 'draft')
		.executeTakeFirst();
}

export function markReopened(db: Kysely<DB>, assessmentId: number, at: Date) {
	return db
		.updateTable('assessment')
		.set({ status: 'draft', submitted_at: null, submitted_by: null, updated_at: at })
		.where('id', '=', assessmentId)
		.where('status', '=', 'submitted')
		.executeTakeFirst();
}
