import { sql, type Kysely } from 'kysely';

// Per-person training records. staff_key is a keyed hash of the employee number, never the number itself.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table training_record (
			id bigint generated always as identity,
			organisation_id bigint not null,
			staff_key text not null,
			staff_group text not null,
			department text not null,
			course text not null,
			is_required boolean not null,
			is_board_member boolean not null default false,
			completed_on date,
			expires_on date,
			import_batch_id bigint,
			created_at timestamptz not null default now(),
			constraint training_record_pk primary key (id),
			constraint training_record_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint training_record_import_batch_fk foreign key (import_batch_id)
				references import_batch (id) on delete cascade,
			constraint training_record_staff_key_ck check (length(staff_key) between 8 and 128),
			constraint training_record_expiry_ck check (expires_on is null or completed_on is null or expires_on >= completed_on)
		)`.execute(db);
	await sql`create index training_record_organisation_ix on training_record (organisation_id, staff_key)`.execute(db);
	await sql`create index training_record_completed_ix on training_record (organisation_id, completed_on)`.execute(db);
	await sql`create index training_record_import_batch_ix on training_record (import_batch_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table training_record`.execute(db);
}
