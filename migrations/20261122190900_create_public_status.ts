import { sql, type Kysely } from 'kysely';

// Published DSPT statuses from the public organisation search, for national and peer benchmarking.
// Keyed by ODS code, not by organisation id: the public export covers organisations this instance may not serve.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table public_status (
			id bigint generated always as identity,
			ods_code text not null,
			organisation_name text not null,
			edition text not null,
			status text not null,
			published_on date,
			primary_sector text,
			icb_ods_code text,
			icb_name text,
			import_batch_id bigint,
			constraint public_status_pk primary key (id),
			constraint public_status_edition_uq unique (ods_code, edition),
			constraint public_status_import_batch_fk foreign key (import_batch_id)
				references import_batch (id) on delete set null,
			constraint public_status_edition_ck check (edition ~ '^[0-9]{2}/[0-9]{2}$'),
			constraint public_status_status_ck check (status in (
				'standards_exceeded', 'standards_met', 'approaching_standards', 'standards_not_met',
				'not_published', 'plan_agreed', 'entry_level'))
		)`.execute(db);
	await sql`create index public_status_edition_ix on public_status (edition, status)`.execute(db);
	await sql`create index public_status_icb_ix on public_status (icb_ods_code, edition)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table public_status`.execute(db);
}
