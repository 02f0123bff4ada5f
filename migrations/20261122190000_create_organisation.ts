import { sql, type Kysely } from 'kysely';

// The tenant: every NHS trust, ICB, CSU or arm's-length body Beacon holds data for, keyed by ODS code.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table organisation (
			id bigint generated always as identity,
			ods_code text not null,
			name text not null,
			kind text not null,
			parent_id bigint,
			primary_sector text,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			constraint organisation_pk primary key (id),
			constraint organisation_ods_code_uq unique (ods_code),
			constraint organisation_ods_code_ck check (ods_code ~ '^[A-Z0-9]{3,10}$'),
			constraint organisation_name_ck check (length(btrim(name)) between 1 and 200),
			constraint organisation_kind_ck check (kind in ('trust', 'icb', 'csu', 'alb', 'other')),
			constraint organisation_parent_fk foreign key (parent_id) references organisation (id),
			constraint organisation_parent_not_self_ck check (parent_id <> id)
		)`.execute(db);
	await sql`create index organisation_parent_ix on organisation (parent_id)`.execute(db);

	// Staff headcount per financial year (starting year, e.g. 2024 for 2024-25): the denominator of
	// per-staff figures such as incidents per 1,000 staff and spend per staff member.
	await sql`
		create table organisation_headcount (
			organisation_id bigint not null,
			financial_year smallint not null,
			headcount integer not null,
			constraint organisation_headcount_pk primary key (organisation_id, financial_year),
			constraint organisation_headcount_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint organisation_headcount_year_ck check (financial_year between 2000 and 2100),
			constraint organisation_headcount_headcount_ck check (headcount >= 0)
		)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table organisation_headcount`.execute(db);
	await sql`drop table organisation`.execute(db);
}
