import { sql, type Kysely } from 'kysely';

/*
 * The history of what an organisation's plan and assessment said, so a page or pack as of a past date shows
 * them as they stood then: each change of an improvement action, a self-assessment response or an approved
 * messaging app, and each evidence file's life, is a version valid from the instant it was made until the
 * next one (valid_to null: still in force). The current tables stay what the app edits; the history is
 * written beside them, in the same transaction, by the services that change them.
 *
 * Rows that existed before the history did become versions as follows (what is not known is not invented):
 * - an action: valid from its created_at with its current values; one completed after the day it was created
 *   was open until the start of its completed_on (Europe/London), then completed;
 * - a response: valid from its updated_at (it has no creation time, and what it said before is unknown);
 * - an evidence file: valid from its uploaded_at (removed files were deleted and cannot be recovered);
 * - an approved messaging app: valid from its added_at.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table improvement_action_history (
			id bigint generated always as identity,
			action_id bigint not null,
			organisation_id bigint not null,
			framework_item_id bigint,
			title text not null,
			owner text,
			due_on date,
			status text not null,
			progress_note text,
			completed_on date,
			valid_from timestamptz not null,
			valid_to timestamptz,
			constraint improvement_action_history_pk primary key (id),
			constraint improvement_action_history_action_fk foreign key (action_id) references improvement_action (id) on delete cascade,
			constraint improvement_action_history_organisation_fk foreign key (organisation_id) references organisation (id) on delete cascade,
			constraint improvement_action_history_status_ck check (status in ('open', 'in_progress', 'completed', 'cancelled')),
			constraint improvement_action_history_valid_ck check (valid_to is null or valid_to >= valid_from)
		)`.execute(db);
	await sql`create index improvement_action_history_organisation_ix on improvement_action_history (organisation_id, valid_from)`.execute(db);
	await sql`create index improvement_action_history_action_ix on improvement_action_history (action_id) where valid_to is null`.execute(db);

	await sql`
		create table assessment_response_history (
			id bigint generated always as identity,
			response_id bigint not null,
			assessment_id bigint not null,
			framework_item_id bigint not null,
			self_level text,
			is_met boolean,
			rationale text,
			owner text,
			review_on date,
			updated_by bigint,
			valid_from timestamptz not null,
			valid_to timestamptz,
			constraint assessment_response_history_pk primary key (id),
			constraint assessment_response_history_response_fk foreign key (response_id) references assessment_response (id) on delete cascade,
			constraint assessment_response_history_assessment_fk foreign key (assessment_id) references assessment (id) on delete cascade,
			constraint assessment_response_history_updated_by_fk foreign key (updated_by) references app_user (id),
			constraint assessment_response_history_level_ck check (
				self_level is null or self_level in ('not_achieved', 'partially_achieved', 'achieved')),
			constraint assessment_response_history_valid_ck check (valid_to is null or valid_to >= valid_from)
		)`.execute(db);
	await sql`create index assessment_response_history_assessment_ix on assessment_response_history (assessment_id, valid_from)`.execute(db);
	await sql`create index assessment_response_history_response_ix on assessment_response_history (response_id) where valid_to is null`.execute(db);

	// No key to evidence_file: a removed file's row is deleted, its history stays.
	await sql`
		create table evidence_file_history (
			id bigint generated always as identity,
			evidence_file_id bigint not null,
			organisation_id bigint not null,
			assessment_id bigint not null,
			framework_item_id bigint not null,
			file_name text not null,
			media_type text not null,
			size_bytes bigint not null,
			sha256 text not null,
			uploaded_by bigint,
			valid_from timestamptz not null,
			valid_to timestamptz,
			constraint evidence_file_history_pk primary key (id),
			constraint evidence_file_history_organisation_fk foreign key (organisation_id) references organisation (id) on delete cascade,
			constraint evidence_file_history_assessment_fk foreign key (assessment_id) references assessment (id) on delete cascade,
			constraint evidence_file_history_valid_ck check (valid_to is null or valid_to >= valid_from)
		)`.execute(db);
	await sql`create index evidence_file_history_assessment_ix on evidence_file_history (assessment_id, valid_from)`.execute(db);
	await sql`create index evidence_file_history_file_ix on evidence_file_history (evidence_file_id) where valid_to is null`.execute(db);

	await sql`
		create table approved_messaging_app_history (
			id bigint generated always as identity,
			app_id bigint not null,
			organisation_id bigint not null,
			name text not null,
			active_users integer,
			active_users_on date,
			valid_from timestamptz not null,
			valid_to timestamptz,
			constraint approved_messaging_app_history_pk primary key (id),
			constraint approved_messaging_app_history_organisation_fk foreign key (organisation_id) references organisation (id) on delete cascade,
			constraint approved_messaging_app_history_valid_ck check (valid_to is null or valid_to >= valid_from)
		)`.execute(db);
	await sql`create index approved_messaging_app_history_organisation_ix on approved_messaging_app_history (organisation_id, valid_from)`.execute(db);
	await sql`create index approved_messaging_app_history_app_ix on approved_messaging_app_history (app_id) where valid_to is null`.execute(db);

	// The rows already there, as the comment above says.
	await sql`
		insert into improvement_action_history
			(action_id, organisation_id, framework_item_id, title, owner, due_on, status, progress_note, completed_on, valid_from, valid_to)
		select id, organisation_id, framework_item_id, title, owner, due_on, 'open', progress_note, null,
			created_at, completed_on::timestamp at time zone 'Europe/London'
		from improvement_action
		where completed_on is not null and completed_on::timestamp at time zone 'Europe/London' > created_at`.execute(db);
	await sql`
		insert into improvement_action_history
			(action_id, organisation_id, framework_item_id, title, owner, due_on, status, progress_note, completed_on, valid_from)
		select id, organisation_id, framework_item_id, title, owner, due_on, status, progress_note, completed_on,
			greatest(created_at, coalesce(completed_on::timestamp at time zone 'Europe/London', created_at))
		from improvement_action`.execute(db);
	await sql`
		insert into assessment_response_history
			(response_id, assessment_id, framework_item_id, self_level, is_met, rationale, owner, review_on, updated_by, valid_from)
		select id, assessment_id, framework_item_id, self_level, is_met, rationale, owner, review_on, updated_by, updated_at
		from assessment_response`.execute(db);
	await sql`
		insert into evidence_file_history
			(evidence_file_id, organisation_id, assessment_id, framework_item_id, file_name, media_type, size_bytes, sha256, uploaded_by, valid_from)
		select e.id, e.organisation_id, r.assessment_id, r.framework_item_id, e.file_name, e.media_type, e.size_bytes, e.sha256, e.uploaded_by, e.uploaded_at
		from evidence_file e join assessment_response r on r.id = e.assessment_response_id`.execute(db);
	await sql`
		insert into approved_messaging_app_history (app_id, organisation_id, name, active_users, active_users_on, valid_from)
		select id, organisation_id, name, active_users, active_users_on, added_at
		from approved_messaging_app`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table approved_messaging_app_history`.execute(db);
	await sql`drop table evidence_file_history`.execute(db);
	await sql`drop table assessment_response_history`.execute(db);
	await sql`drop table improvement_action_history`.execute(db);
}
