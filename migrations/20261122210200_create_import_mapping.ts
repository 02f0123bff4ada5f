import { sql, type Kysely } from 'kysely';

// A column mapping saved for an organisation's exports of one kind, so the next file from the same
// system imports without mapping its columns again. mapping is { "Source header": "field", … }.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table import_mapping (
			organisation_id bigint not null,
			kind text not null,
			mapping jsonb not null,
			saved_by bigint,
			saved_at timestamptz not null default now(),
			constraint import_mapping_pk primary key (organisation_id, kind),
			constraint import_mapping_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint import_mapping_saved_by_fk foreign key (saved_by) references app_user (id) on delete set null,
			constraint import_mapping_kind_ck check (kind in ('devices', 'training', 'spend', 'incidents')),
			constraint import_mapping_mapping_ck check (jsonb_typeof(mapping) = 'object')
		)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table import_mapping`.execute(db);
}
