import { sql, type Kysely } from 'kysely';

// The audit trail's checkpoint at the moment a pack was made (the same one its PDF and bundle carry), so a
// bundle rebuilt from the snapshot carries it too and `audit verify` can check the trail against every pack.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table report_snapshot add column audit_checkpoint jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table report_snapshot drop column audit_checkpoint`.execute(db);
}
