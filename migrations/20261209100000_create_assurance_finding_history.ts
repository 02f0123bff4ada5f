import { sql, type Kysely } from 'kysely';

/*
 * The history of the assurance register's findings, as migration 20261208110000 keeps the plan's: each
 * change of a finding (its severity, due date, owner, status, remediation or risk acceptance, a reopening)
 * is a version valid from the instant it was made until the next one (valid_to null: still in force), so a
 * page or pack as of a past date shows each finding as it stood then, not as it stands now. The current
 * table stays what the app edits; the history is written beside it, in the same transaction.
 *
 * A finding's first version is valid from the start of the day it was raised (Europe/London), or from when
 * it was recorded if that is earlier: a register imported or typed in later records findings that stood
 * from their raising. Rows already there become first versions by that rule, with their current values
 * (what they said before is not known).
 */
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table assurance_finding_history (
			id bigint generated always as identity,
			finding_id bigint not null,
			organisation_id bigint not null,
			activity_id bigint,
			reference text not null,
			title text not null,
			severity text not null,
			raised_on date not null,
			due_on date not null,
			owner text,
			status text not null,
			remediated_on date,
			accepted_by text,
			accepted_reason text,
			accepted_on date,
			valid_from timestamptz not null,
			valid_to timestamptz,
			constraint assurance_finding_history_pk primary key (id),
			constraint assurance_finding_history_finding_fk foreign key (finding_id) references assurance_finding (id) on delete cascade,
			constraint assurance_finding_history_organisation_fk foreign key (organisation_id) references organisation (id) on delete cascade,
			constraint assurance_finding_history_severity_ck check (severity in ('critical', 'high', 'medium', 'low')),
			constraint assurance_finding_history_status_ck check (status in ('open', 'remediated', 'risk_accepted')),
			constraint assurance_finding_history_valid_ck check (valid_to is null or valid_to >= valid_from)
		)`.execute(db);
	await sql`create index assurance_finding_history_organisation_ix on assurance_finding_history (organisation_id, valid_from)`.execute(db);
	await sql`create index assurance_finding_history_finding_ix on assurance_finding_history (finding_id) where valid_to is null`.execute(db);
	await sql`
		insert into assurance_finding_history
			(finding_id, organisation_id, activity_id, reference, title, severity, raised_on, due_on, owner, status, remediated_on,
			 accepted_by, accepted_reason, accepted_on, valid_from)
		select id, organisation_id, activity_id, reference, title, severity, raised_on, due_on, owner, status, remediated_on,
			accepted_by, accepted_reason, accepted_on, least(created_at, raised_on::timestamp at time zone 'Europe/London')
		from assurance_finding`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table assurance_finding_history`.execute(db);
}
