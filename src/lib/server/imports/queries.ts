import { sql, type Insertable, type Kysely } from 'kysely';
import type { ImportBatchKind, ImportKind } from '../../schemas/imports';
import type { SnapshotSource } from '../../schemas/device';
import type { DB, ImportBatch, ImportRejection, Json } from '../db/schema';
import { dayOf } from '../db/day';

export function findBatchByFile(db: Kysely<DB>, organisationId: number | null, kind: ImportBatchKind, sha256: string) {
	let query = db.selectFrom('import_batch').selectAll().where('kind', '=', kind).where('file_sha256', '=', sha256);
	query = organisationId === null ? query.where('organisation_id', 'is', null) : query.where('organisation_id', '=', organisationId);
	return query.executeTakeFirst();
}

export function insertBatch(db: Kysely<DB>, row: Insertable<ImportBatch>) {
	return db.insertInto('import_batch').values(row).returning(['id']).executeTakeFirstOrThrow();
}

/** A device snapshot whose date is not known yet: '-infinity' is a date no real snapshot has. */
export function insertPlaceholderSnapshot(db: Kysely<DB>, organisationId: number, batchId: number, source: SnapshotSource) {
	return db
		.insertInto('device_snapshot')
		.values({ organisation_id: organisationId, as_of: sql<string>`'-infinity'::date`, source, import_batch_id: batchId })
		.returning(['id'])
		.executeTakeFirstOrThrow();
}

/** Give a loaded snapshot its date, replacing the organisation's snapshot of that date if there was one. */
export async function settleSnapshot(db: Kysely<DB>, snapshotId: number, organisationId: number, asOf: string): Promise<number | null> {
	const replaced = await db
		.deleteFrom('device_snapshot')
		.where('organisation_id', '=', organisationId)
		.where('as_of', '=', asOf)
		.where('id', '<>', snapshotId)
		.returning(['id'])
		.executeTakeFirst();
	await db.updateTable('device_snapshot').set({ as_of: asOf }).where('id', '=', snapshotId).execute();
	return replaced?.id ?? null;
}

export function updateBatchOutcome(
	db: Kysely<DB>,
	batchId: number,
	outcome: { rows_total: number; rows_imported: number; rows_rejected: number; errors: unknown[]; options: Record<string, unknown> }
) {
	return db
		.updateTable('import_batch')
		.set({
			rows_total: outcome.rows_total,
			rows_imported: outcome.rows_imported,
			rows_rejected: outcome.rows_rejected,
			errors: sql<Json>`cast(${JSON.stringify(outcome.errors)} as jsonb)`,
			options: sql<Json>`cast(${JSON.stringify(outcome.options)} as jsonb)`,
			finished_at: new Date()
		})
		.where('id', '=', batchId)
		.execute();
}

export function findMapping(db: Kysely<DB>, organisationId: number, kind: ImportKind) {
	return db
		.selectFrom('import_mapping')
		.select(['mapping', 'saved_at'])
		.where('organisation_id', '=', organisationId)
		.where('kind', '=', kind)
		.executeTakeFirst();
}

export function saveMapping(db: Kysely<DB>, organisationId: number, kind: ImportKind, mapping: Record<string, string>, savedBy: number | null) {
	return db
		.insertInto('import_mapping')
		.values({ organisation_id: organisationId, kind, mapping: sql<Json>`cast(${JSON.stringify(mapping)} as jsonb)`, saved_by: savedBy })
		.onConflict((oc) =>
			oc.columns(['organisation_id', 'kind']).doUpdateSet((eb) => ({ mapping: eb.ref('excluded.mapping'), saved_by: savedBy, saved_at: new Date() }))
		)
		.execute();
}

export function selectBatches(db: Kysely<DB>, organisationId: number, limit: number) {
	return db
		.selectFrom('import_batch as b')
		.leftJoin('app_user as u', 'u.id', 'b.imported_by')
		.select([
			'b.id',
			'b.kind',
			'b.file_name',
			'b.file_sha256',
			'b.file_size_bytes',
			'b.preset',
			'b.options',
			'b.rows_total',
			'b.rows_imported',
			'b.rows_rejected',
			'b.started_at',
			'b.finished_at',
			'u.display_name as imported_by_name'
		])
		.where('b.organisation_id', '=', organisationId)
		.orderBy('b.id', 'desc')
		.limit(limit)
		.execute();
}

export function selectBatchErrors(db: Kysely<DB>, organisationId: number, batchId: number) {
	return db
		.selectFrom('import_batch')
		.select(['id', 'kind', 'file_name', 'errors'])
		.where('organisation_id', '=', organisationId)
		.where('id', '=', batchId)
		.executeTakeFirst();
}

export function insertRejection(db: Kysely<DB>, row: Insertable<ImportRejection>) {
	return db.insertInto('import_rejection').values(row).execute();
}

/** An organisation's rejected imports, newest first, with who tried. */
export function selectRejections(db: Kysely<DB>, organisationId: number, limit: number) {
	return db
		.selectFrom('import_rejection as r')
		.leftJoin('app_user as u', 'u.id', 'r.rejected_by')
		.select(['r.id', 'r.kind', 'r.file_name', 'r.rejected_at', 'r.reason', 'r.problems', 'u.display_name as rejected_by_name'])
		.where('r.organisation_id', '=', organisationId)
		.orderBy('r.id', 'desc')
		.limit(limit)
		.execute();
}

/** The newest date each kind of data is about, whether it was imported or entered (the demo's data included). */
export async function selectDataDates(db: Kysely<DB>, organisationId: number) {
	const { rows } = await sql<Record<'devices' | 'training' | 'spend' | 'incidents' | 'findings' | 'apps', string | null>>`
		select
			(select max(as_of)::text from device_snapshot where organisation_id = ${organisationId} and as_of > '-infinity') as devices,
			(select max(completed_on)::text from training_record where organisation_id = ${organisationId}) as training,
			(select max(spent_on)::text from spend_line where organisation_id = ${organisationId}) as spend,
			(select ${dayOf(sql`max(detected_at)`)}::text from incident where organisation_id = ${organisationId}) as incidents,
			(select max(raised_on)::text from assurance_finding where organisation_id = ${organisationId}) as findings,
			(select max(as_of)::text from discovered_app_snapshot where organisation_id = ${organisationId}) as apps`.execute(db);
	return rows[0];
}

/** When each kind was last imported for the organisation. */
export function selectLastImports(db: Kysely<DB>, organisationId: number) {
	return db
		.selectFrom('import_batch')
		.select(['kind', (eb) => eb.fn.max('finished_at').as('finished_at')])
		.where('organisation_id', '=', organisationId)
		.groupBy('kind')
		.execute();
}
