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
	return db.selectFrom('organisation').select(['id', 'ods_code', 'name', 'parent_id']).where('parent_id', '=', parentId).orderBy('name').execute();
}

/**
 * A fingerprint of everything an organisation's overview is made from: it changes whenever any of that
 * data does. Every data change refreshes the organisation's monthly rollup in the same transaction (its
 * refreshed_at moves); the rest (self-assessment, actions, board packs, framework editions, headcounts,
 * snapshots, assurance activities, findings, approved messaging apps and discovered-apps exports) is counted
 * and dated here directly.
 */
export async function selectOverviewVersion(db: Kysely<DB>, organisationId: number): Promise<string> {
	const { rows } = await sql<{ version: string }>`
		select concat_ws('|',
			(select max(refreshed_at)::text from monthly_rollup where organisation_id = ${organisationId}),
			(select count(*) || ':' || coalesce(max(r.updated_at)::text, '') from assessment_response r join assessment a on a.id = r.assessment_id where a.organisation_id = ${organisationId}),
			(select count(*) || ':' || coalesce(max(updated_at)::text, '') from improvement_action where organisation_id = ${organisationId}),
			(select count(*) || ':' || coalesce(max(generated_at)::text, '') from report_snapshot where organisation_id = ${organisationId} and kind = 'board'),
			(select count(*) || ':' || coalesce(max(loaded_at)::text, '') from framework),
			(select count(*) || ':' || coalesce(sum(headcount), 0) from organisation_headcount where organisation_id = ${organisationId}),
			(select count(*) || ':' || coalesce(max(id), 0) from device_snapshot where organisation_id = ${organisationId}),
			(select count(*) || ':' || coalesce(max(id), 0) from assurance_activity where organisation_id = ${organisationId}),
			(select count(*) || ':' || coalesce(max(updated_at)::text, '') from assurance_finding where organisation_id = ${organisationId}),
			(select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(active_users), 0) || ':' || coalesce(max(active_users_on)::text, '')
				from approved_messaging_app where organisation_id = ${organisationId}),
			(select count(*) || ':' || coalesce(max(id), 0) from discovered_app_snapshot where organisation_id = ${organisationId})
		) as version`.execute(db);
	return rows[0]?.version ?? '';
}
