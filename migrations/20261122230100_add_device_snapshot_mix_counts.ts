import { sql, type Kysely } from 'kysely';

// Snapshots also keep how many of their devices are jailbroken and how they split by ownership, so the
// device metrics read one snapshot row instead of counting a 20,000-device snapshot on every request.
// Aggregate snapshots leave them null: their exports do not give them. Existing snapshots are counted here.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		alter table device_snapshot
			add column jailbroken_count integer,
			add column corporate_count integer,
			add column personal_count integer,
			add column unknown_ownership_count integer`.execute(db);
	await sql`
		alter table device_snapshot add constraint device_snapshot_mix_counts_ck check (
			coalesce(jailbroken_count, 0) between 0 and coalesce(total_count, 2147483647)
			and coalesce(corporate_count, 0) between 0 and coalesce(total_count, 2147483647)
			and coalesce(personal_count, 0) between 0 and coalesce(total_count, 2147483647)
			and coalesce(unknown_ownership_count, 0) between 0 and coalesce(total_count, 2147483647))`.execute(db);
	await sql`
		update device_snapshot s set
			jailbroken_count = c.jailbroken, corporate_count = c.corporate, personal_count = c.personal,
			unknown_ownership_count = c.unknown_ownership
		from device_snapshot s2 cross join lateral (
			select count(*) filter (where d.is_jailbroken)::int as jailbroken,
				count(*) filter (where d.ownership = 'corporate')::int as corporate,
				count(*) filter (where d.ownership = 'personal')::int as personal,
				count(*) filter (where d.ownership = 'unknown')::int as unknown_ownership
			from device d where d.snapshot_id = s2.id
		) c
		where s.id = s2.id and not s2.is_aggregate`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table device_snapshot drop constraint device_snapshot_mix_counts_ck`.execute(db);
	await sql`
		alter table device_snapshot
			drop column jailbroken_count,
			drop column corporate_count,
			drop column personal_count,
			drop column unknown_ownership_count`.execute(db);
}
