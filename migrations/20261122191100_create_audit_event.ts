import { sql, type Kysely } from 'kysely';

// Append-only audit trail. Each row carries the SHA-256 of its canonical content and of the row before,
// so altering, removing or reordering a row breaks the chain.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table audit_event (
			id bigint generated always as identity,
			occurred_at timestamptz not null default now(),
			actor_user_id bigint,
			actor_label text not null,
			organisation_id bigint,
			action text not null,
			entity_type text,
			entity_id text,
			summary jsonb not null default '{}'::jsonb,
			prev_hash text,
			hash text not null,
			constraint audit_event_pk primary key (id),
			-- No foreign keys: the trail must outlive the users and organisations it mentions.
			constraint audit_event_hash_uq unique (hash),
			constraint audit_event_hash_ck check (hash ~ '^[0-9a-f]{64}$'),
			constraint audit_event_prev_hash_ck check (prev_hash is null or prev_hash ~ '^[0-9a-f]{64}$'),
			constraint audit_event_action_ck check (action ~ '^[a-z][a-z0-9_.]*$')
		)`.execute(db);
	await sql`create index audit_event_organisation_ix on audit_event (organisation_id, occurred_at)`.execute(db);
	await sql`create index audit_event_actor_ix on audit_event (actor_user_id, occurred_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table audit_event`.execute(db);
}
