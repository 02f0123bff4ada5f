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
