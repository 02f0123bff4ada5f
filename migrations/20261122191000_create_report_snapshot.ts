import { sql, type Kysely } from 'kysely';

// Frozen board and regulator packs: the data they were made from, the exact PDF bytes, and the sign-off.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table report_snapshot (
			id bigint generated always as identity,
			report_id uuid not null default gen_random_uuid(),
			kind text not null,
			organisation_id bigint not null,
			period text not null,
			data jsonb not null,
			data_sha256 text not null,
			pdf bytea,
			pdf_sha256 text,
			page_count integer,
			generated_by bigint,
			generated_at timestamptz not null default now(),
			signed_off_by bigint,
			signed_off_name text,
			signed_off_role text,
			signed_off_on date,
			sign_off_comment text,
			constraint report_snapshot_pk primary key (id),
			constraint report_snapshot_report_id_uq unique (report_id),
			constraint report_snapshot_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint report_snapshot_generated_by_fk foreign key (generated_by) references app_user (id),
			constraint report_snapshot_signed_off_by_fk foreign key (signed_off_by) references app_user (id),
			constraint report_snapshot_kind_ck check (kind in ('board', 'regulator')),
			constraint report_snapshot_data_sha256_ck check (data_sha256 ~ '^[0-9a-f]{64}$'),
			constraint report_snapshot_pdf_sha256_ck check (pdf_sha256 is null or pdf_sha256 ~ '^[0-9a-f]{64}$'),
			constraint report_snapshot_pdf_pair_ck check ((pdf is null) = (pdf_sha256 is null)),
			constraint report_snapshot_sign_off_ck check ((signed_off_on is null) = (signed_off_name is null))
		)`.execute(db);
	await sql`create index report_snapshot_organisation_ix on report_snapshot (organisation_id, kind, generated_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table report_snapshot`.execute(db);
}
