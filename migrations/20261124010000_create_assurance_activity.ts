import { sql, type Kysely } from 'kysely';

// Audits, independent assessments, penetration tests, Cyber Essentials Plus and phishing exercises: the
// assurance an organisation commissions, with the opinion it received and the report kept as evidence.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table assurance_activity (
			id bigint generated always as identity,
			organisation_id bigint not null,
			activity_type text not null,
			title text not null,
			provider text,
			started_on date not null,
			completed_on date,
			scope text,
			-- The overall opinion where the activity gives one: an assurance level, or a pass / fail.
			overall_opinion text,
			-- The DSPT independent assessor's confidence in the self-assessment (veracity).
			veracity_confidence text,
			opinion_note text,
			report_file_id bigint,
			created_by bigint,
			created_at timestamptz not null default now(),
			constraint assurance_activity_pk primary key (id),
			constraint assurance_activity_organisation_fk foreign key (organisation_id) references organisation (id) on delete cascade,
			constraint assurance_activity_report_file_fk foreign key (report_file_id) references evidence_file (id) on delete set null,
			constraint assurance_activity_created_by_fk foreign key (created_by) references app_user (id),
			constraint assurance_activity_type_ck check (activity_type in (
				'internal_audit', 'dspt_independent_assessment', 'penetration_test', 'cyber_essentials_plus', 'phishing_exercise', 'other')),
			constraint assurance_activity_title_ck check (length(btrim(title)) between 1 and 300),
			constraint assurance_activity_dates_ck check (completed_on is null or completed_on >= started_on),
			constraint assurance_activity_opinion_ck check (overall_opinion is null or overall_opinion in (
				'substantial', 'moderate', 'limited', 'unsatisfactory', 'pass', 'fail')),
			constraint assurance_activity_veracity_ck check (veracity_confidence is null or veracity_confidence in ('high', 'medium', 'low'))
		)`.execute(db);
	await sql`create index assurance_activity_organisation_ix on assurance_activity (organisation_id, started_on)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table assurance_activity`.execute(db);
}
