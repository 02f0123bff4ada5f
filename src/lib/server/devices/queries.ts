import { sql, type Insertable, type Kysely } from 'kysely';
import { bulkInsert } from '../db/bulk';
import type { DB, Device, DeviceSnapshot } from '../db/schema';
import { dayOf, startOfDay } from '../db/day';

export function insertSnapshot(db: Kysely<DB>, row: Insertable<DeviceSnapshot>) {
	return db.insertInto('device_snapshot').values(row).returning(['id', 'as_of']).executeTakeFirstOrThrow();
}

export function insertDevices(db: Kysely<DB>, rows: Insertable<Device>[]) {
	return bulkInsert(db, 'device', rows);
}

/** Snapshots newest first, with the counts kept on each (see refreshSnapshotCounts). */
export function selectSnapshots(db: Kysely<DB>, organisationId: number, snapshotId?: number) {
	let query = db
		.selectFrom('device_snapshot')
		.select([
			'id',
			'as_of',
			'source',
			'is_aggregate',
			'total_count',
			'managed_count',
			'compliant_count',
			'encrypted_count',
			'supported_os_count',
			'stale_count'
		])
		.where('organisation_id', '=', organisationId);
	if (snapshotId !== undefined) query = query.where('id', '=', snapshotId);
	return query.orderBy('as_of', 'desc').execute();
}

/**
 * Count a snapshot's device rows onto the snapshot itself: the rollup dashboards and metrics read. A
 * device that has not checked in for 30 days before the snapshot date is stale and does not count as
 * compliant, whatever verdict MDM last gave it. "30 days before" is from 00:00 UTC on the day 30 days
 * before the snapshot's date (db/day.ts), whatever the server's time zone.
 */
export async function refreshSnapshotCounts(db: Kysely<DB>, snapshotId: number): Promise<void> {
	await sql`
		update device_snapshot s set
			total_count = c.total, managed_count = c.managed, compliant_count = c.compliant,
			encrypted_count = c.encrypted, supported_os_count = c.supported_os, stale_count = c.stale,
			jailbroken_count = c.jailbroken, corporate_count = c.corporate, personal_count = c.personal,
			unknown_ownership_count = c.unknown_ownership
		from (
			select count(*)::int as total,
				count(*) filter (where d.is_managed)::int as managed,
				count(*) filter (where d.compliance = 'compliant' and not stale)::int as compliant,
				count(*) filter (where d.is_encrypted)::int as encrypted,
				count(*) filter (where d.is_os_supported)::int as supported_os,
				count(*) filter (where stale)::int as stale,
				count(*) filter (where d.is_jailbroken)::int as jailbroken,
				count(*) filter (where d.ownership = 'corporate')::int as corporate,
				count(*) filter (where d.ownership = 'personal')::int as personal,
				count(*) filter (where d.ownership = 'unknown')::int as unknown_ownership
			from (
				select d.*, coalesce(d.last_check_in_at < ${startOfDay(sql`ds.as_of - 30`)}, false) as stale
				from device d join device_snapshot ds on ds.id = d.snapshot_id
				where d.snapshot_id = ${snapshotId}
			) d
		) c
		where s.id = ${snapshotId}`.execute(db);
}

/**
 * What an import learns from a snapshot's devices once they are in, in one pass over them: the day of the
 * latest check-in (the snapshot's date unless one was given) and, by OS name, the devices whose OS support
 * could not be told (the import names the ones no rule knows).
 */
export async function importedDeviceFacts(db: Kysely<DB>, snapshotId: number): Promise<{ latestDay: string; withoutOsRule: { os: string; n: number }[] }> {
	const { rows } = await sql<{ os: string; without_rule: number; latest_day: string }>`
		select os, without_rule, ${dayOf(sql`max(latest) over ()`)}::text as latest_day
		from (
			select os, max(last_check_in_at) as latest, count(*) filter (where is_os_supported is null)::int as without_rule
			from device where snapshot_id = ${snapshotId} group by os
		) by_os
		order by os`.execute(db);
	const latestDay = rows[0]?.latest_day;
	if (!latestDay) throw new Error(`snapshot ${snapshotId} has no devices to date it by`);
	return { latestDay, withoutOsRule: rows.filter((r) => r.without_rule > 0).map((r) => ({ os: r.os, n: r.without_rule })) };
}

export function findSnapshot(db: Kysely<DB>, organisationId: number, asOf: string) {
	return db.selectFrom('device_snapshot').select(['id']).where('organisation_id', '=', organisationId).where('as_of', '=', asOf).executeTakeFirst();
}

/** Remove an organisation's snapshot of a date (its devices go with it); returns its id, if there was one. */
export async function deleteSnapshotOn(db: Kysely<DB>, organisationId: number, asOf: string): Promise<number | null> {
	const deleted = await db
		.deleteFrom('device_snapshot')
		.where('organisation_id', '=', organisationId)
		.where('as_of', '=', asOf)
		.returning(['id'])
		.executeTakeFirst();
	return deleted?.id ?? null;
}
