import { sql, type Kysely } from 'kysely';

// Assessment frameworks as versioned data: the CAF-aligned DSPT (objective → principle → outcome) and the
// legacy NDG toolkit (standard → assertion → evidence item). Loaded from data/frameworks/, never coded.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table framework (
			id bigint generated always as identity,
			code text not null,
			edition text not null,
			name text not null,
			generation text not null,
			source text,
			definition_sha256 text not null,
			loaded_at timestamptz not null default now(),
			constraint framework_pk primary key (id),
			constraint framework_edition_uq unique (code, edition),
			constraint framework_generation_ck check (generation in ('caf', 'ndg')),
			constraint framework_edition_ck check (edition ~ '^[0-9]{4}-[0-9]{2}$'),
			constraint framework_sha256_ck check (definition_sha256 ~ '^[0-9a-f]{64}$')
		)`.execute(db);

	await sql`
		create table framework_item (
			id bigint generated always as identity,
			framework_id bigint not null,
			parent_id bigint,
			code text not null,
			item_type text not null,
			title text not null,
			description text,
			sort_order integer not null,
			-- Outcomes: the level NHS England expects, and whether that is published or our assumption.
			profile_level text,
			profile_source text,
			allows_partial boolean not null default true,
			-- Evidence items of the NDG toolkit.
			is_mandatory boolean,
			hard_gate text,
			data_rules jsonb not null default '[]'::jsonb,
			constraint framework_item_pk primary key (id),
			constraint framework_item_framework_fk foreign key (framework_id) references framework (id) on delete cascade,
			constraint framework_item_parent_fk foreign key (parent_id) references framework_item (id) on delete cascade,
			constraint framework_item_code_uq unique (framework_id, code),
			constraint framework_item_type_ck check (
				item_type in ('objective', 'principle', 'outcome', 'standard', 'assertion', 'evidence_item')),
			constraint framework_item_profile_level_ck check (
				profile_level is null or profile_level in ('not_achieved', 'partially_achieved', 'achieved')),
			constraint framework_item_profile_source_ck check (
				profile_source is null or profile_source in ('published', 'assumed')),
			constraint framework_item_profile_pair_ck check ((profile_level is null) = (profile_source is null))
		)`.execute(db);
	await sql`create index framework_item_parent_ix on framework_item (parent_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table framework_item`.execute(db);
	await sql`drop table framework`.execute(db);
}
