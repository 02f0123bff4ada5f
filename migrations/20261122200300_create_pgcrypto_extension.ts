import { sql, type Kysely } from 'kysely';

// pgcrypto's hmac() keys the audit chain's digests with a secret that lives outside the database, so
// even someone who owns the tables cannot rewrite events and recompute a chain that verifies.
// (A trusted extension since PostgreSQL 13: a database owner may create it; PGlite ships it.)
export async function up(db: Kysely<any>): Promise<void> {
	await sql`create extension if not exists pgcrypto`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop extension if exists pgcrypto`.execute(db);
}
