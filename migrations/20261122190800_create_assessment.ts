import { sql, type Kysely } from 'kysely';

// An organisation's self-assessment against one framework edition, its evidence and its improvement plan.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table assessment (
			id bigint generated always as identity,
			organisation_id bigint not null,
			framework_id bigint not null,
			status text not null default 'draft',
			submitted_at timestamptz,
			submitted_by bigint,
			locked_at timestamptz,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			constraint assessment_pk primary key (id),
			constraint assessment_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint assessment_framework_fk foreign key (framework_id) references framework (id),
			constraint assessment_submitted_by_fk foreign key (submitted_by) references app_user (id),
			constraint assessment_edition_uq unique (organisation_id, framework_id),
			constraint assessment_status_ck check (status in ('draft', 'submitted', 'locked')),
			constraint assessment_submitted_ck check (status = 'draft' or submitted_at is not null)
		)`.execute(db);

	await sql`
		create table assessment_response (
			id bigint generated always as identity,
			assessment_id bigint not null,
			framework_item_id bigint not null,
			self_level text,
			is_met boolean,
			rationale text,
			owner text,
			review_on date,
			updated_by bigint,
			updated_at timestamptz not null default now(),
			constraint assessment_response_pk primary key (id),
			constraint assessment_response_assessment_fk foreign key (assessment_id)
				references assessment (id) on delete cascade,
			constraint assessment_response_item_fk foreign key (framework_item_id) references framework_item (id),
			constraint assessment_response_updated_by_fk foreign key (updated_by) references app_user (id),
			constraint assessment_response_item_uq unique (assessment_id, framework_item_id),
			constraint assessment_response_level_ck check (
				self_level is null or self_level in ('not_achieved', 'partially_achieved', 'achieved'))
		)`.execute(db);

	await sql`
		create table evidence_file (
			id bigint generated always as identity,
			organisation_id bigint not null,
			assessment_response_id bigint,
			file_name text not null,
			media_type text not null,
			size_bytes bigint not null,
			sha256 text not null,
			-- Held in the database for embedded and small deployments; storage_key names an object store entry.
			content bytea,
			storage_key text,
			uploaded_by bigint,
			uploaded_at timestamptz not null default now(),
			constraint evidence_file_pk primary key (id),
			constraint evidence_file_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint evidence_file_response_fk foreign key (assessment_response_id)
				references assessment_response (id) on delete set null,
			constraint evidence_file_uploaded_by_fk foreign key (uploaded_by) references app_user (id),
			constraint evidence_file_size_ck check (size_bytes >= 0),
			constraint evidence_file_sha256_ck check (sha256 ~ '^[0-9a-f]{64}$'),
			constraint evidence_file_stored_ck check (content is not null or storage_key is not null)
		)`.execute(db);
	await sql`create index evidence_file_response_ix on evidence_file (assessment_response_id)`.execute(db);
	await sql`create index evidence_file_organisation_ix on evidence_file (organisation_id)`.execute(db);

	await sql`
		create table improvement_action (
			id bigint generated always as identity,
			organisation_id bigint not null,
			assessment_id bigint,
			framework_item_id bigint,
			title text not null,
			owner text,
			due_on date,
			status text not null default 'open',
			progress_note text,
			completed_on date,
			created_at timestamptz not null default now(),
			updated_at timestamptz not null default now(),
			constraint improvement_action_pk primary key (id),
			constraint improvement_action_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint improvement_action_assessment_fk foreign key (assessment_id)
				references assessment (id) on delete cascade,
			constraint improvement_action_item_fk foreign key (framework_item_id) references framework_item (id),
			constraint improvement_action_title_ck check (length(btrim(title)) between 1 and 500),
			constraint improvement_action_status_ck check (status in ('open', 'in_progress', 'completed', 'cancelled')),
			constraint improvement_action_completed_ck check ((status = 'completed') = (completed_on is not null))
		)`.execute(db);
	await sql`create index improvement_action_organisation_ix on improvement_action (organisation_id, status, due_on)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table improvement_action`.execute(db);
	await sql`drop table evidence_file`.execute(db);
	await sql`drop table assessment_response`.execute(db);
	await sql`drop table assessment`.execute(db);
}
