import { sql, type Kysely } from 'kysely';

// Data security and protection incidents, graded on the 5 × 5 likelihood × severity grid.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table incident (
			id bigint generated always as identity,
			organisation_id bigint not null,
			reference text not null,
			occurred_at timestamptz,
			detected_at timestamptz not null,
			notified_at timestamptz,
			contained_at timestamptz,
			closed_at timestamptz,
			breach_type text not null,
			category text not null,
			likelihood smallint not null,
			severity smallint not null,
			is_ico_reportable boolean not null,
			is_dhsc_reportable boolean not null,
			status text not null default 'open',
			records_affected integer,
			cost_pence bigint,
			description text,
			root_cause text,
			is_rca_completed boolean not null default false,
			lessons text,
			actions text,
			import_batch_id bigint,
			created_at timestamptz not null default now(),
			constraint incident_pk primary key (id),
			constraint incident_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint incident_import_batch_fk foreign key (import_batch_id)
				references import_batch (id) on delete cascade,
			constraint incident_reference_uq unique (organisation_id, reference),
			constraint incident_reference_ck check (length(btrim(reference)) between 1 and 100),
			constraint incident_likelihood_ck check (likelihood between 1 and 5),
			constraint incident_severity_ck check (severity between 1 and 5),
			constraint incident_breach_type_ck check (breach_type in ('confidentiality', 'integrity', 'availability')),
			constraint incident_category_ck check (category in (
				'misdirected', 'lost_stolen_device', 'lost_stolen_paper', 'unauthorised_access', 'phishing',
				'malware_ransomware', 'system_unavailability', 'insider_misuse', 'unapproved_messaging', 'other')),
			constraint incident_status_ck check (status in ('open', 'investigating', 'closed')),
			constraint incident_records_affected_ck check (records_affected is null or records_affected >= 0),
			constraint incident_cost_ck check (cost_pence is null or cost_pence >= 0),
			constraint incident_detected_after_occurred_ck check (occurred_at is null or detected_at >= occurred_at)
		)`.execute(db);
	await sql`create index incident_organisation_ix on incident (organisation_id, detected_at)`.execute(db);
	await sql`create index incident_import_batch_ix on incident (import_batch_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table incident`.execute(db);
}
