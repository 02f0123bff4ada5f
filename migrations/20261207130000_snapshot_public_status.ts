import { sql, type Kysely } from 'kysely';

// Each public status export is a snapshot taken on a date: an organisation's status in an edition can change
// between snapshots, and an older snapshot imported later must not overwrite a newer one. Rows already held
// take their import's latest publication date (else the day it was imported, in UTC) as their snapshot date.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table public_status add column as_of date`.execute(db);
	await sql`
		update public_status ps set as_of = coalesce(
			(select max(p2.published_on) from public_status p2 where p2.import_batch_id = ps.import_batch_id),
			(select (b.started_at at time zone 'UTC')::date from import_batch b where b.id = ps.import_batch_id),
			ps.published_on,
			date '2000-01-01')`.execute(db);
	await sql`alter table public_status alter column as_of set not null`.execute(db);
	await sql`alter table public_status drop constraint public_status_edition_uq`.execute(db);
	await sql`alter table public_status add constraint public_status_snapshot_uq unique (ods_code, edition, as_of)`.execute(db);
	// Codes are kept as published (short numeric codes, "-MASH" suffixes…), but bounded.
	await sql`alter table public_status add constraint public_status_ods_code_ck check (length(ods_code) between 1 and 40)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table public_status drop constraint public_status_ods_code_ck`.execute(db);
	await sql`alter table public_status drop constraint public_status_snapshot_uq`.execute(db);
	// Only the latest snapshot of each organisation and edition fits the older key.
	await sql`
		delete from public_status ps using public_status newer
		where newer.ods_code = ps.ods_code and newer.edition = ps.edition and newer.as_of > ps.as_of`.execute(db);
	await sql`alter table public_status drop column as_of`.execute(db);
	await sql`alter table public_status add constraint public_status_edition_uq unique (ods_code, edition)`.execute(db);
}
