import { sql, type Kysely } from 'kysely';

// A rejected import writes nothing of its file, but leaves a trace: when, who, which file and why. It is not an
// import_batch row, so the same file can come again (with --skip-invalid or --accept-change) and be imported.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table import_rejection (
			id bigint generated always as identity,
			organisation_id bigint,
			kind text not null,
			file_name text not null,
			file_sha256 text,
			rejected_by bigint,
			rejected_at timestamptz not null default now(),
			reason text not null,
			problems integer not null,
			constraint import_rejection_pk primary key (id),
			constraint import_rejection_organisation_fk foreign key (organisation_id) references organisation (id) on delete cascade,
			constraint import_rejection_rejected_by_fk foreign key (rejected_by) references app_user (id) on delete set null,
			constraint import_rejection_kind_ck check (kind in ('devices', 'training', 'spend', 'incidents', 'dspt-status', 'findings', 'apps')),
			constraint import_rejection_sha256_ck check (file_sha256 ~ '^[0-9a-f]{64}$'),
			constraint import_rejection_text_ck check (length(file_name) between 1 and 500 and length(reason) between 1 and 2000),
			constraint import_rejection_problems_ck check (problems >= 0)
		)`.execute(db);
	await sql`create index import_rejection_organisation_ix on import_rejection (organisation_id, rejected_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table import_rejection`.execute(db);
}
