import type { Insertable, Kysely } from 'kysely';
import { bulkInsert } from '../db/bulk';
import type { DB, TrainingRecord } from '../db/schema';

export function insertTrainingRecords(db: Kysely<DB>, rows: Insertable<TrainingRecord>[]) {
	return bulkInsert(db, 'training_record', rows);
}

export function selectTrainingRecords(db: Kysely<DB>, organisationId: number, limit: number, offset: number) {
	return db
		.selectFrom('training_record')
		.select(['id', 'staff_key', 'staff_group', 'department', 'course', 'is_required', 'is_board_member', 'completed_on', 'expires_on'])
		.where('organisation_id', '=', organisationId)
		.orderBy('id')
		.limit(limit)
		.offset(offset)
		.execute();
}

/** Remove all of an organisation's training records (a new full extract replaces them); returns how many. */
export async function deleteTrainingRecords(db: Kysely<DB>, organisationId: number): Promise<number> {
	const result = await db.deleteFrom('training_record').where('organisation_id', '=', organisationId).executeTakeFirst();
	return Number(result.numDeletedRows);
}
