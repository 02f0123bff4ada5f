import { sql, type Kysely } from 'kysely';

// Findings raised by any assurance activity, tracked to remediation or to a recorded risk acceptance.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table assurance_finding (
			id bigint generated always as identity,
			organisation_id bigint not null,
			activity_id bigint,
			reference text not null,
			title text not null,
			severity text not null,
			raised_on date not null,
			due_on date not null,
			owner text,
			status text not null default 'open',
			remediated_on date,
			accepted_by text,
			accepted_reason text,
			accepted_on date,
			import_batch_id bigint,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			constraint assurance_finding_pk primary key (id),
			constraint assurance_finding_organisation_fk foreign key (organisation_id) references organisation (id) on delete cascade,
			constraint assurance_finding_activity_fk foreign key (activity_id) references assurance_activity (id) on delete set null,
			constraint assurance_finding_batch_fk foreign key (import_batch_id) references import_batch (id) on delete set null,
			constraint assurance_finding_reference_uq unique (organisation_id, reference),
			constraint assurance_finding_reference_ck check (length(btrim(reference)) between 1 and 100),
			constraint assurance_finding_title_ck check (length(btrim(title)) between 1 and 500),
			constraint assurance_finding_severity_ck check (severity in ('critical', 'high', 'medium', 'low')),
			constraint assurance_finding_status_ck check (status in ('open', 'remediated', 'risk_accepted')),
			constraint assurance_finding_due_ck check (due_on >= raised_on),
			constraint assurance_finding_remediated_ck check (
				(status = 'remediated') = (remediated_on is not null) and (remediated_on is null or remediated_on >= raised_on)),
			constraint assurance_finding_accepted_ck check (
				(status = 'risk_accepted') = (accepted_on is not null)
				and (accepted_on is null or (accepted_on >= raised_on and accepted_by is not null and accepted_reason is not null)))
		)`.execute(db);
	await sql`create index assurance_finding_organisation_ix on assurance_finding (organisation_id, raised_on)`.execute(db);
	await sql`create index assurance_finding_activity_ix on assurance_finding (activity_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table assurance_finding`.execute(db);
}
