import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, ImportBatch } from '../db/schema';
import type { PublicStatusRow } from './kinds/dspt-status';

export function findBatchByFile(db: Kysely<DB>, organisationId: number | null, kind: string, sha256: string) {
	let query = db.selectFrom('import_batch').selectAll().where('kind', '=', kind).where('file_sha256', '=', sha256);
	query = organisationId === null ? query.where('organisation_id', 'is', null) : query.where('organisation_id', '=', organisationId);
	return query.executeTakeFirst();
}

export function insertBatch(db: Kysely<DB>, row: Insertable<ImportBatch>) {
	return db.insertInto('import_batch').values(row).returning(['id']).executeTakeFirstOrThrow();
}

/** Store statuses; a later file for the same organisation and edition replaces the earlier status. */
export function upsertPublicStatuses(db: Kysely<DB>, rows: (PublicStatusRow & { edition: string })[], batchId: number) {
	const col = <K extends keyof PublicStatusRow>(k: K) => rows.map((r) => r[k]);
	return sql`
		insert into public_status (ods_code, organisation_name, edition, status, published_on, primary_sector, icb_ods_code, icb_name, import_batch_id)
		select *, ${batchId}::bigint from unnest(${col('ods')}::text[], ${col('name')}::text[], ${col('edition')}::text[], ${col('status')}::text[],
			${col('publishedOn')}::date[], ${col('sector')}::text[], ${col('icbOds')}::text[], ${col('icbName')}::text[])
		on conflict (ods_code, edition) do update set
			organisation_name = excluded.organisation_name, status = excluded.status, published_on = excluded.published_on,
			primary_sector = excluded.primary_sector, icb_ods_code = excluded.icb_ods_code, icb_name = excluded.icb_name,
			import_batch_id = excluded.import_batch_id`.execute(db);
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
