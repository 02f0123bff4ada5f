import { sql, type Kysely } from 'kysely';

// One row per file loaded. Rows loaded from a file point back to it, so an import can be traced and undone.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table import_batch (
			id bigint generated always as identity,
			organisation_id bigint,
			kind text not null,
			file_name text not null,
			file_sha256 text not null,
			file_size_bytes bigint not null,
			preset text,
			options jsonb not null default '{}'::jsonb,
			rows_total integer not null default 0,
			rows_imported integer not null default 0,
			rows_rejected integer not null default 0,
			-- With skip-invalid, the rejected rows and their reasons; otherwise empty.
			errors jsonb not null default '[]'::jsonb,
			imported_by bigint,
			started_at timestamptz not null default now(),
			finished_at timestamptz,
			constraint import_batch_pk primary key (id),
			constraint import_batch_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint import_batch_imported_by_fk foreign key (imported_by) references app_user (id),
			constraint import_batch_kind_ck check (kind in ('devices', 'training', 'spend', 'incidents', 'dspt-status')),
			constraint import_batch_sha256_ck check (file_sha256 ~ '^[0-9a-f]{64}$'),
			constraint import_batch_counts_ck check (
				file_size_bytes >= 0 and rows_total >= 0 and rows_imported >= 0 and rows_rejected >= 0
				and rows_imported + rows_rejected <= rows_total),
			-- Re-importing the same file for the same organisation and kind is a no-op.
			constraint import_batch_file_uq unique nulls not distinct (organisation_id, kind, file_sha256)
		)`.execute(db);
	await sql`create index import_batch_organisation_ix on import_batch (organisation_id, started_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table import_batch`.execute(db);
}
