import { sql, type Insertable, type Kysely } from 'kysely';
import { bulkInsert } from '../db/bulk';
import type { DB, TrainingRecord } from '../db/schema';
import type { DateWindow } from '../metrics/periods';
import { trainingPersonColumns } from '../metrics/queries';

export function insertTrainingRecords(db: Kysely<DB>, rows: Insertable<TrainingRecord>[]) {
	return bulkInsert(db, 'training_record', rows);
}

/** Remove all of an organisation's training records (a new full extract replaces them); returns how many. */
export async function deleteTrainingRecords(db: Kysely<DB>, organisationId: number): Promise<number> {
	const result = await db.deleteFrom('training_record').where('organisation_id', '=', organisationId).executeTakeFirst();
	return Number(result.numDeletedRows);
}

export interface TrainingCellRow {
	staff_group: string;
	department: string;
	required: number;
	completed: number;
}

/**
 * Required staff and those trained in the window per staff group × department: each person once, under the
 * same staff group and department as the training metrics place them (trainingPersonColumns), so the cells
 * add up to the metrics' per-group and per-department figures. Counts only: no staff key leaves the query.
 */
export async function selectTrainingCells(db: Kysely<DB>, organisationId: number, window: DateWindow): Promise<TrainingCellRow[]> {
	const result = await sql<TrainingCellRow>`
		with person as (
			select staff_key collate "C" as staff_key, ${trainingPersonColumns(window)}
			from training_record
			where organisation_id = ${organisationId} and is_required
			group by 1
		)
		select staff_group, department, count(*)::int as required, count(*) filter (where done)::int as completed
		from person
		group by staff_group, department
		order by staff_group, department`.execute(db);
	return result.rows;
}
