import { sql, type Kysely } from 'kysely';

// An organisation's whole IT budget for a financial year, entered by hand: what security spend is a share of.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table it_budget (
			organisation_id bigint not null,
			financial_year integer not null,
			budget_pence bigint not null,
			set_by bigint,
			set_at timestamptz not null default now(),
			constraint it_budget_pk primary key (organisation_id, financial_year),
			constraint it_budget_organisation_fk foreign key (organisation_id) references organisation (id) on delete cascade,
			constraint it_budget_set_by_fk foreign key (set_by) references app_user (id),
			constraint it_budget_pence_ck check (budget_pence > 0),
			constraint it_budget_year_ck check (financial_year between 2000 and 2100)
		)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table it_budget`.execute(db);
}
