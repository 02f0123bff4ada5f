import { sql, type Kysely } from 'kysely';

// Failed sign-ins per account and per client address, kept in the database so every app server sees them.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table sign_in_throttle (
			throttle_key text not null,
			failures integer not null default 0,
			last_failure_at timestamptz not null,
			blocked_until timestamptz,
			constraint sign_in_throttle_pk primary key (throttle_key),
			constraint sign_in_throttle_failures_ck check (failures >= 0)
		)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table sign_in_throttle`.execute(db);
}
