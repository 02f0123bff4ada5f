import { sql, type Kysely } from 'kysely';

// The audit trail is append-only: the database itself refuses to change or remove a row. audit_head records
// the last event and the count, so removing the newest events (which no later row would point to) is caught too.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create function audit_event_reject_change() returns trigger language plpgsql as $$
		begin
			raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = '42501';
		end
		$$`.execute(db);
	await sql`
		create trigger audit_event_append_only before update or delete on audit_event
		for each row execute function audit_event_reject_change()`.execute(db);
	await sql`
		create trigger audit_event_no_truncate before truncate on audit_event
		for each statement execute function audit_event_reject_change()`.execute(db);
	await sql`
		create table audit_head (
			id smallint not null default 1,
			last_event_id bigint,
			last_hash text,
			events bigint not null default 0,
			constraint audit_head_pk primary key (id),
			constraint audit_head_singleton_ck check (id = 1),
			constraint audit_head_events_ck check (events >= 0)
		)`.execute(db);
	await sql`insert into audit_head (id, events) values (1, 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table audit_head`.execute(db);
	await sql`drop trigger audit_event_no_truncate on audit_event`.execute(db);
	await sql`drop trigger audit_event_append_only on audit_event`.execute(db);
	await sql`drop function audit_event_reject_change()`.execute(db);
}
