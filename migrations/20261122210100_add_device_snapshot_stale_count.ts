import { sql, type Kysely } from 'kysely';

// Snapshots keep their own counts (the rollup dashboards read), including devices that have not checked
// in for 30 days: MDM keeps their last verdict, so they count as stale rather than compliant.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table device_snapshot add column stale_count integer`.execute(db);
	await sql`
		alter table device_snapshot add constraint device_snapshot_stale_count_ck
			check (coalesce(stale_count, 0) between 0 and coalesce(total_count, 2147483647))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table device_snapshot drop column stale_count`.execute(db);
}
