import { sql, type Kysely } from 'kysely';

// The audit chain's digest, defined once in the database: appending computes it, verification recomputes it
// for every row in one query, so no event has to leave the database to be checked. The content is a JSON
// array of every field (jsonb renders the summary deterministically) and the previous event's hash.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create function audit_event_digest(
			id bigint, occurred_at timestamptz, actor_user_id bigint, actor_label text, organisation_id bigint,
			action text, entity_type text, entity_id text, summary jsonb, prev_hash text
		) returns text language sql immutable parallel safe as $$
			select encode(sha256(convert_to(json_build_array(
				id,
				to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
				actor_user_id, actor_label, organisation_id, action, entity_type, entity_id, summary, prev_hash
			)::text, 'UTF8')), 'hex')
		$$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop function audit_event_digest(bigint, timestamptz, bigint, text, bigint, text, text, text, jsonb, text)`.execute(db);
}
