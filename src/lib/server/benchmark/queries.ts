import { sql, type Kysely } from 'kysely';
import type { OrganisationKind } from '../../schemas/organisation';
import type { DB } from '../db/schema';

export interface StatusCountRow {
	edition: string;
	status: string;
	n: number;
}

/**
 * The register as of a date: each organisation's status in each edition from its latest snapshot on or before
 * that date, so an older snapshot imported later never hides a newer one.
 */
function statusesAsOf(db: Kysely<DB>, asOf: string) {
	return db
		.selectFrom('public_status')
		.distinctOn(['ods_code', 'edition'])
		.select(['ods_code', 'edition', 'status', 'icb_ods_code', 'icb_name', 'primary_sector', 'as_of'])
		.where('as_of', '<=', asOf)
		.orderBy('ods_code')
		.orderBy('edition')
		.orderBy('as_of', 'desc');
}

/** Organisations per edition and stored status as of a date, optionally within an ICB and/or a sector. */
export function selectStatusCounts(db: Kysely<DB>, filter: { asOf: string; edition?: string; icbOds?: string; sector?: string }) {
	let latest = statusesAsOf(db, filter.asOf);
	if (filter.edition) latest = latest.where('edition', '=', filter.edition);
	let query = db
		.selectFrom(latest.as('ps'))
		.select(['ps.edition', 'ps.status', sql<number>`count(*)::int`.as('n')])
		.groupBy(['ps.edition', 'ps.status'])
		.orderBy('ps.edition')
		.orderBy('ps.status');
	if (filter.icbOds) query = query.where('ps.icb_ods_code', '=', filter.icbOds);
	if (filter.sector) query = query.where(sql<string>`lower(ps.primary_sector)`, '=', filter.sector.toLowerCase());
	return query.execute();
}

/** Every edition the public status register holds as of a date, oldest first. */
export async function selectEditions(db: Kysely<DB>, asOf: string): Promise<string[]> {
	const rows = await db.selectFrom('public_status').select('edition').distinct().where('as_of', '<=', asOf).orderBy('edition').execute();
	return rows.map((r) => r.edition);
}

/** One organisation's published statuses as of a date, oldest edition first. */
export function selectStatusesOf(db: Kysely<DB>, ods: string, asOf: string) {
	return statusesAsOf(db, asOf).where('ods_code', '=', ods).execute();
}

/** The organisations of one kind (trusts, ICBs …), with their parents for authorization decisions. */
export function selectOrganisationsOfKind(db: Kysely<DB>, kind: OrganisationKind) {
	return db.selectFrom('organisation').select(['id', 'ods_code', 'name', 'parent_id']).where('kind', '=', kind).orderBy('ods_code').execute();
}

export function selectOdsById(db: Kysely<DB>, id: number) {
	return db.selectFrom('organisation').select(['ods_code', 'name']).where('id', '=', id).executeTakeFirst();
}
