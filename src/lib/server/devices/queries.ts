import type { Insertable, Kysely } from 'kysely';
import { bulkInsert } from '../db/bulk';
import type { DB, Device, DeviceSnapshot } from '../db/schema';

export function insertSnapshot(db: Kysely<DB>, row: Insertable<DeviceSnapshot>) {
	return db.insertInto('device_snapshot').values(row).returning(['id', 'as_of']).executeTakeFirstOrThrow();
}

export function insertDevices(db: Kysely<DB>, rows: Insertable<Device>[]) {
	return bulkInsert(db, 'device', rows);
}

/** Snapshots newest first, with counts from their device rows where the snapshot is not an aggregate. */
export function selectSnapshots(db: Kysely<DB>, organisationId: number, snapshotId?: number) {
	let query = db
		.selectFrom('device_snapshot as s')
		.leftJoin('device as d', 'd.snapshot_id', 's.id')
		.select((eb) => [
			's.id',
			's.as_of',
			's.source',
			's.is_aggregate',
			's.total_count',
			's.managed_count',
			's.compliant_count',
			's.encrypted_count',
			's.supported_os_count',
			eb.fn.count<number>('d.id').as('rows'),
			eb.fn.count<number>('d.id').filterWhere('d.is_managed', '=', true).as('rows_managed'),
			eb.fn.count<number>('d.id').filterWhere('d.compliance', '=', 'compliant').as('rows_compliant'),
			eb.fn.count<number>('d.id').filterWhere('d.is_encrypted', '=', true).as('rows_encrypted'),
			eb.fn.count<number>('d.id').filterWhere('d.is_os_supported', '=', true).as('rows_supported_os')
		])
		.where('s.organisation_id', '=', organisationId);
	if (snapshotId !== undefined) query = query.where('s.id', '=', snapshotId);
	return query.groupBy('s.id').orderBy('s.as_of', 'desc').execute();
}

export function selectDevices(db: Kysely<DB>, snapshotId: number, limit: number) {
	return db
		.selectFrom('device')
		.selectAll()
		.where('snapshot_id', '=', snapshotId)
		.orderBy('id')
		.limit(limit)
		.execute();
}

export function findSnapshot(db: Kysely<DB>, organisationId: number, asOf: string) {
	return db
		.selectFrom('device_snapshot')
		.select(['id'])
		.where('organisation_id', '=', organisationId)
		.where('as_of', '=', asOf)
		.executeTakeFirst();
}
