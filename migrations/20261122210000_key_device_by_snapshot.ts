import { sql, type Kysely } from 'kysely';

// A device row is identified by its snapshot and its keyed device hash; the surrogate id only cost an
// extra index and a sequence call per row, which bulk loads of a million-device export feel.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table device drop constraint device_key_uq`.execute(db);
	await sql`alter table device drop constraint device_pk`.execute(db);
	await sql`alter table device drop column id`.execute(db);
	await sql`alter table device add constraint device_pk primary key (snapshot_id, device_key)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table device drop constraint device_pk`.execute(db);
	await sql`alter table device add column id bigint generated always as identity`.execute(db);
	await sql`alter table device add constraint device_pk primary key (id)`.execute(db);
	await sql`alter table device add constraint device_key_uq unique (snapshot_id, device_key)`.execute(db);
}
