import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';
import { dayOf, startOfDay } from '../db/day';

/** The organisation's latest board pack generated on or before the date, with the last day it covers. */
export async function findLastBoardPack(db: Kysely<DB>, organisationId: number, onOrBefore: string) {
	const { rows } = await sql<{ report_id: string; period_end: string }>`
		select report_id::text as report_id, ${dayOf(sql`generated_at`)}::text as period_end
		from report_snapshot
		where organisation_id = ${organisationId} and kind = 'board' and generated_at < ${startOfDay(sql`${onOrBefore}::date + 1`)}
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
	const { rows } = await sql<{ version: string }>`select ${overviewVersionOf(sql`${organisationId}`)} as version`.execute(db);
	return rows[0]?.version ?? '';
}

/** The overview fingerprints (above) of several organisations, by id. */
export async function selectOverviewVersions(db: Kysely<DB>, organisationIds: readonly number[]): Promise<Map<number, string>> {
	if (organisationIds.length === 0) return new Map();
	const { rows } = await sql<{ id: number; version: string }>`
		select o.id, ${overviewVersionOf(sql`o.id`)} as version
		from organisation o where o.id in (${sql.join(organisationIds)})`.execute(db);
	return new Map(rows.map((r) => [r.id, r.version]));
}

/** The overview's fingerprint (above) as an SQL expression, for the organisation whose id is `id`. */
function overviewVersionOf(id: RawBuilder<unknown>): RawBuilder<string> {
	return sql<string>`concat_ws('|',
			(select max(refreshed_at)::text from monthly_rollup where organisation_id = ${id}),
			(select count(*) || ':' || coalesce(max(r.updated_at)::text, '') from assessment_response r join assessment a on a.id = r.assessment_id where a.organisation_id = ${id}),
			(select count(*) || ':' || coalesce(max(updated_at)::text, '') from improvement_action where organisation_id = ${id}),
			(select count(*) || ':' || coalesce(max(generated_at)::text, '') from report_snapshot where organisation_id = ${id} and kind = 'board'),
			(select count(*) || ':' || coalesce(max(loaded_at)::text, '') from framework),
			(select count(*) || ':' || coalesce(sum(headcount), 0) from organisation_headcount where organisation_id = ${id}),
			(select count(*) || ':' || coalesce(max(id), 0) from device_snapshot where organisation_id = ${id}),
			(select count(*) || ':' || coalesce(max(id), 0) from assurance_activity where organisation_id = ${id}),
			(select count(*) || ':' || coalesce(max(updated_at)::text, '') from assurance_finding where organisation_id = ${id}),
			(select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(active_users), 0) || ':' || coalesce(max(active_users_on)::text, '')
				from approved_messaging_app where organisation_id = ${id}),
			(select count(*) || ':' || coalesce(max(id), 0) from discovered_app_snapshot where organisation_id = ${id}),
			(select concat_ws(',', devices_cadence_days, training_cadence_days, spend_cadence_days, incidents_cadence_days, data_ends_on)
				from organisation where id = ${id})
		)`;
}

/**
 * A fingerprint of everything an organisation's overview page shows: its overview's (above); for an ICB,
 * also each of its trusts' (its page sets them side by side); and the organisation register the page's
 * frame reads (the organisation's name, the switcher's list, which trust belongs to which ICB). Every
 * insert or update of an organisation gives its row a new, higher transaction id (xmin), so their sum
 * moves; a deletion changes the count. Null for an unknown code.
 */
export async function selectOverviewPageVersion(db: Kysely<DB>, ods: string): Promise<string | null> {
	const { rows } = await sql<{ id: number; kind: string; version: string }>`
		select o.id, o.kind, concat_ws('|', o.id, ${overviewVersionOf(sql`o.id`)},
			(select count(*) || ':' || sum(xmin::text::bigint) from organisation)) as version
		from organisation o where o.ods_code = ${ods}`.execute(db);
	const org = rows[0];
	if (!org) return null;
	if (org.kind !== 'icb') return org.version;
	// Its trusts' in a statement of their own: planning it costs more than a trust's whole fingerprint.
	const trusts = await sql<{ versions: string | null }>`
		select string_agg(c.id || ':' || ${overviewVersionOf(sql`c.id`)}, ',' order by c.id) as versions
		from organisation c where c.parent_id = ${org.id}`.execute(db);
	return `${org.version}|${trusts.rows[0]?.versions ?? ''}`;
}
