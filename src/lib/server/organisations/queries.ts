import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { startOfDay } from '../db/day';
import type { DB, Organisation } from '../db/schema';

export type OrganisationRow = Selectable<Organisation>;

export function findOrganisationByOds(db: Kysely<DB>, ods: string) {
	return db.selectFrom('organisation').selectAll().where('ods_code', '=', ods).executeTakeFirst();
}

export function insertOrganisation(db: Kysely<DB>, row: Insertable<Organisation>) {
	return db.insertInto('organisation').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Organisations with their parent's code; all of them, or only the one with this id. */
export function selectOrganisationsWithParent(db: Kysely<DB>, organisationId?: number) {
	let query = db
		.selectFrom('organisation as o')
		.leftJoin('organisation as p', 'p.id', 'o.parent_id')
		.select(['o.id', 'o.ods_code', 'o.name', 'o.kind', 'o.parent_id', 'o.primary_sector', 'p.ods_code as parent_ods']);
	if (organisationId !== undefined) query = query.where('o.id', '=', organisationId);
	return query.orderBy('o.ods_code').execute();
}

/**
 * Record counts per organisation for the home page. Correlated counts use each table's
 * (organisation_id, …) index; devices count the rows (or aggregate total) of the latest snapshot. With
 * `asOf`, only what is dated on or before it: spend lines by their date, training records completed by
 * then (or not completed), incidents detected by the end of it, snapshots taken by then.
 */
export function selectRecordCounts(db: Kysely<DB>, organisationId?: number, asOf?: string) {
	const upTo: Record<'spend_line' | 'training_record' | 'incident' | 'device_snapshot', RawBuilder<boolean>> = asOf
		? {
				spend_line: sql<boolean>`spent_on <= ${asOf}::date`,
				training_record: sql<boolean>`(completed_on is null or completed_on <= ${asOf}::date)`,
				incident: sql<boolean>`detected_at < ${startOfDay(sql`${asOf}::date + 1`)}`,
				device_snapshot: sql<boolean>`as_of <= ${asOf}::date`
			}
		: { spend_line: sql<boolean>`true`, training_record: sql<boolean>`true`, incident: sql<boolean>`true`, device_snapshot: sql<boolean>`true` };
	let query = db.selectFrom('organisation as o').select((eb) => {
		const countOf = (table: 'spend_line' | 'training_record' | 'incident' | 'device_snapshot') =>
			eb
				.selectFrom(table)
				.whereRef(`${table}.organisation_id`, '=', 'o.id')
				.where(upTo[table])
				.select((e) => e.fn.countAll<number>().as('n'));
		return [
			'o.id',
			countOf('spend_line').as('spend_lines'),
			countOf('training_record').as('training_records'),
			countOf('incident').as('incidents'),
			countOf('device_snapshot').as('device_snapshots'),
			eb
				.selectFrom('device_snapshot as ds')
				.whereRef('ds.organisation_id', '=', 'o.id')
				.where(upTo.device_snapshot)
				.orderBy('ds.as_of', 'desc')
				.limit(1)
				.select((e) =>
					e.fn
						.coalesce(
							'ds.total_count',
							e
								.selectFrom('device')
								.whereRef('device.snapshot_id', '=', 'ds.id')
								.select((d) => d.fn.countAll<number>().as('n'))
						)
						.as('n')
				)
				.as('latest_devices'),
			eb
				.selectFrom('device_snapshot as ds')
				.whereRef('ds.organisation_id', '=', 'o.id')
				.where(upTo.device_snapshot)
				.select((e) => e.fn.max('ds.as_of').as('d'))
				.as('latest_snapshot_on')
		];
	});
	if (organisationId !== undefined) query = query.where('o.id', '=', organisationId);
	return query.execute();
}

export function upsertHeadcount(db: Kysely<DB>, organisationId: number, financialYear: number, headcount: number) {
	return db
		.insertInto('organisation_headcount')
		.values({ organisation_id: organisationId, financial_year: financialYear, headcount })
		.onConflict((oc) => oc.columns(['organisation_id', 'financial_year']).doUpdateSet({ headcount }))
		.execute();
}
