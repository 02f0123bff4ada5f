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

/**
 * A fingerprint of everything an organisation's overview is made from: it changes whenever any of that
 * data does. Every data change refreshes the organisation's monthly rollup in the same transaction (its
 * refreshed_at moves); the rest (self-assessment, actions, board packs, framework editions, headcounts,
 * snapshots, assurance activities, findings, approved messaging apps and discovered-apps exports) is counted
 * and dated directly, by the database function overview_version.
 */
export async function selectOverviewVersion(db: Kysely<DB>, organisationId: number): Promise<string> {
	const { rows } = await sql<{ version: string }>`select ${overviewVersionOf(sql`${organisationId}`)} as version`.execute(db);
	return rows[0]?.version ?? '';
}

/** An ICB's trusts, by name, each with its overview fingerprint (above): one statement for both. */
export async function selectChildrenWithVersions(db: Kysely<DB>, parentId: number) {
	const { rows } = await sql<{ id: number; ods_code: string; name: string; parent_id: number; version: string }>`
		select o.id, o.ods_code, o.name, o.parent_id, ${overviewVersionOf(sql`o.id`)} as version
		from organisation o where o.parent_id = ${parentId} order by o.name`.execute(db);
	return rows;
}

/**
 * The overview's fingerprint (above) as an SQL expression, for the organisation whose id is `id`: the
 * database function overview_version (migration 20261210100000), which spells out what it covers and is
 * planned once per connection instead of on every view.
 */
function overviewVersionOf(id: RawBuilder<unknown>): RawBuilder<string> {
	return sql<string>`overview_version(${id})`;
}

/**
 * A fingerprint of everything an organisation's overview page shows: its overview's (above); for an ICB,
 * also each of its trusts' (its page sets them side by side); and the organisation register the page's
 * frame reads (the organisation's name, the switcher's list, which trust belongs to which ICB). Every
 * insert or update of an organisation gives its row a new, higher transaction id (xmin), so their sum
 * moves; a deletion changes the count. Null for an unknown code.
 */
export async function selectOverviewPageVersion(db: Kysely<DB>, ods: string): Promise<string | null> {
	// An ICB's trusts' fingerprints follow its own (concat_ws leaves out the null a trust has there).
	const { rows } = await sql<{ version: string }>`
		select concat_ws('|', o.id, ${overviewVersionOf(sql`o.id`)},
			(select count(*) || ':' || sum(xmin::text::bigint) from organisation),
			case when o.kind = 'icb' then coalesce(
				(select string_agg(c.id || ':' || ${overviewVersionOf(sql`c.id`)}, ',' order by c.id) from organisation c where c.parent_id = o.id), '')
			end) as version
		from organisation o where o.ods_code = ${ods}`.execute(db);
	return rows[0]?.version ?? null;
}
