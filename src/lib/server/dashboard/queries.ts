import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** The organisation's latest board pack generated on or before the date, with the last day it covers. */
export async function findLastBoardPack(db: Kysely<DB>, organisationId: number, onOrBefore: string) {
	const { rows } = await sql<{ report_id: string; period_end: string }>`
		select report_id::text as report_id, to_char(generated_at at time zone 'UTC', 'YYYY-MM-DD') as period_end
		from report_snapshot
		where organisation_id = ${organisationId} and kind = 'board' and generated_at < (${onOrBefore}::date + 1)::timestamptz
		order by generated_at desc, id desc
		limit 1`.execute(db);
	return rows[0];
}

/** An ICB's trusts, by name. */
export function selectChildren(db: Kysely<DB>, parentId: number) {
	return db.selectFrom('organisation').select(['id', 'ods_code', 'name']).where('parent_id', '=', parentId).orderBy('name').execute();
}
