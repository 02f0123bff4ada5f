import { sql, type Kysely } from 'kysely';

// Findings trackers and MDM discovered-apps exports become import kinds.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table import_batch drop constraint import_batch_kind_ck`.execute(db);
	await sql`alter table import_batch add constraint import_batch_kind_ck
		check (kind in ('devices', 'training', 'spend', 'incidents', 'dspt-status', 'findings', 'apps'))`.execute(db);
	await sql`alter table import_mapping drop constraint import_mapping_kind_ck`.execute(db);
	await sql`alter table import_mapping add constraint import_mapping_kind_ck
		check (kind in ('devices', 'training', 'spend', 'incidents', 'findings', 'apps'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`delete from import_mapping where kind in ('findings', 'apps')`.execute(db);
	await sql`delete from import_batch where kind in ('findings', 'apps')`.execute(db);
	await sql`alter table import_mapping drop constraint import_mapping_kind_ck`.execute(db);
	await sql`alter table import_mapping add constraint import_mapping_kind_ck
		check (kind in ('devices', 'training', 'spend', 'incidents'))`.execute(db);
	await sql`alter table import_batch drop constraint import_batch_kind_ck`.execute(db);
	await sql`alter table import_batch add constraint import_batch_kind_ck
		check (kind in ('devices', 'training', 'spend', 'incidents', 'dspt-status'))`.execute(db);
}
