import { sql, type Kysely } from 'kysely';

// Security spend: named investments and the ledger lines that pay for them. Money is integer pence.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table investment (
			id bigint generated always as identity,
			organisation_id bigint not null,
			name text not null,
			description text,
			category text not null,
			go_live_on date,
			annual_cost_pence bigint not null default 0,
			-- Incident categories the investment is meant to reduce (observed return compares them before/after).
			targeted_categories text[] not null default '{}',
			created_at timestamptz not null default now(),
			constraint investment_pk primary key (id),
			constraint investment_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint investment_name_uq unique (organisation_id, name),
			constraint investment_name_ck check (length(btrim(name)) between 1 and 200),
			constraint investment_annual_cost_ck check (annual_cost_pence >= 0),
			constraint investment_category_ck check (category in (
				'mdm', 'secure_messaging', 'training', 'assurance', 'penetration_testing', 'endpoint_protection',
				'network_security', 'identity_access', 'backup_recovery', 'monitoring', 'staff', 'other'))
		)`.execute(db);

	await sql`
		create table spend_line (
			id bigint generated always as identity,
			organisation_id bigint not null,
			spent_on date not null,
			category text not null,
			expense_type text not null,
			amount_pence bigint not null,
			cost_centre text,
			supplier text,
			description text,
			funding_source text,
			investment_id bigint,
			import_batch_id bigint,
			created_at timestamptz not null default now(),
			constraint spend_line_pk primary key (id),
			constraint spend_line_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint spend_line_investment_fk foreign key (investment_id)
				references investment (id) on delete set null,
			constraint spend_line_import_batch_fk foreign key (import_batch_id)
				references import_batch (id) on delete cascade,
			constraint spend_line_amount_ck check (amount_pence >= 0),
			constraint spend_line_expense_type_ck check (expense_type in ('capex', 'opex')),
			constraint spend_line_category_ck check (category in (
				'mdm', 'secure_messaging', 'training', 'assurance', 'penetration_testing', 'endpoint_protection',
				'network_security', 'identity_access', 'backup_recovery', 'monitoring', 'staff', 'other'))
		)`.execute(db);
	await sql`create index spend_line_organisation_ix on spend_line (organisation_id, spent_on)`.execute(db);
	await sql`create index spend_line_investment_ix on spend_line (investment_id)`.execute(db);
	await sql`create index spend_line_import_batch_ix on spend_line (import_batch_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table spend_line`.execute(db);
	await sql`drop table investment`.execute(db);
}
