import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { PublicStatusRow } from './dspt-status-rows';

export type StoredStatusRow = Omit<PublicStatusRow, 'editionFrom' | 'undated' | 'edition'> & { edition: string };

/** Store one snapshot's statuses; the same organisation, edition and snapshot date again replaces the status. */
export function upsertPublicStatuses(db: Kysely<DB>, rows: StoredStatusRow[], asOf: string, batchId: number) {
	const col = <K extends keyof StoredStatusRow>(k: K) => rows.map((r) => r[k]);
	return sql`
		insert into public_status (ods_code, organisation_name, edition, status, published_on, primary_sector, icb_ods_code, icb_name, as_of, import_batch_id)
		select *, ${asOf}::date, ${batchId}::bigint from unnest(${col('ods')}::text[], ${col('name')}::text[], ${col('edition')}::text[], ${col('status')}::text[],
			${col('publishedOn')}::date[], ${col('sector')}::text[], ${col('icbOds')}::text[], ${col('icbName')}::text[])
		on conflict (ods_code, edition, as_of) do update set
			organisation_name = excluded.organisation_name, status = excluded.status, published_on = excluded.published_on,
			primary_sector = excluded.primary_sector, icb_ods_code = excluded.icb_ods_code, icb_name = excluded.icb_name,
			import_batch_id = excluded.import_batch_id`.execute(db);
}

/** Statuses another file already gave these organisations and editions on the very same snapshot date. */
export async function selectSnapshotClash(db: Kysely<DB>, rows: StoredStatusRow[], asOf: string) {
	const result = await sql<{ n: number; batch_id: number | null; file_name: string | null }>`
		select count(*)::int as n, min(p.import_batch_id)::int as batch_id, min(b.file_name) as file_name
		from unnest(${rows.map((r) => r.ods)}::text[], ${rows.map((r) => r.edition)}::text[]) as t(ods_code, edition)
		join public_status p on p.ods_code = t.ods_code and p.edition = t.edition and p.as_of = ${asOf}::date
		left join import_batch b on b.id = p.import_batch_id`.execute(db);
	return result.rows[0] ?? { n: 0, batch_id: null, file_name: null };
}

/** Each organisation's status in the latest snapshot before this one, for the same edition. */
export async function selectPreviousStatuses(db: Kysely<DB>, rows: StoredStatusRow[], asOf: string) {
	const result = await sql<{ ods_code: string; edition: string; status: string; as_of: string }>`
		select t.ods_code, t.edition, prev.status, prev.as_of
		from unnest(${rows.map((r) => r.ods)}::text[], ${rows.map((r) => r.edition)}::text[]) as t(ods_code, edition)
		join lateral (
			select p.status, p.as_of from public_status p
			where p.ods_code = t.ods_code and p.edition = t.edition and p.as_of < ${asOf}::date
			order by p.as_of desc limit 1
		) prev on true`.execute(db);
	return result.rows;
}

/** The newest snapshot date held for any of these editions. */
export async function selectLatestSnapshotDate(db: Kysely<DB>, editions: string[]): Promise<string | null> {
	const result = await sql<{ as_of: string | null }>`select max(as_of) as as_of from public_status where edition = any(${editions}::text[])`.execute(db);
	return result.rows[0]?.as_of ?? null;
}

/**
 * Add the organisations the registry does not know yet (existing ones keep their names), then link every
 * organisation without a parent to the ICB the public statuses name, once that ICB is registered — so
 * trusts and ICBs can be imported in either order. Returns how many organisations were added.
 */
export async function insertMissingOrganisations(
	db: Kysely<DB>,
	orgs: { ods: string; name: string; kind: string; sector: string | null; icbOds: string | null }[]
): Promise<number> {
	if (orgs.length === 0) return 0;
	const col = <K extends keyof (typeof orgs)[number]>(k: K) => orgs.map((o) => o[k]);
	const added = await sql<{ ods_code: string }>`
		insert into organisation (ods_code, name, kind, primary_sector)
		select * from unnest(${col('ods')}::text[], ${col('name')}::text[], ${col('kind')}::text[], ${col('sector')}::text[])
		on conflict (ods_code) do nothing
		returning ods_code`.execute(db);
	await sql`
		update organisation o set parent_id = icb.id
		from public_status ps
		join organisation icb on icb.ods_code = ps.icb_ods_code and icb.kind = 'icb'
		where ps.ods_code = o.ods_code and o.parent_id is null and o.kind <> 'icb'`.execute(db);
	return added.rows.length;
}
