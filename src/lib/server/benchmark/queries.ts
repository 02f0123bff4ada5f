import { sql, type Kysely } from 'kysely';
import type { OrganisationKind } from '../../schemas/organisation';
import type { DB } from '../db/schema';

export interface StatusCountRow {
	edition: string;
	status: string;
	n: number;
}

/** Organisations per edition and stored status in public_status, optionally within an ICB and/or a sector. */
export function selectStatusCounts(db: Kysely<DB>, filter: { edition?: string; icbOds?: string; sector?: string }) {
	let query = db
		.selectFrom('public_status')
		.select(['edition', 'status', sql<number>`count(*)::int`.as('n')])
		.groupBy(['edition', 'status'])
		.orderBy('edition')
		.orderBy('status');
	if (filter.edition) query = query.where('edition', '=', filter.edition);
	if (filter.icbOds) query = query.where('icb_ods_code', '=', filter.icbOds);
	if (filter.sector) query = query.where(sql<string>`lower(primary_sector)`, '=', filter.sector.toLowerCase());
	return query.execute();
}

/** Every edition the public status register holds, oldest first. */
export async function selectEditions(db: Kysely<DB>): Promise<string[]> {
	const rows = await db.selectFrom('public_status').select('edition').distinct().orderBy('edition').execute();
	return rows.map((r) => r.edition);
}

/** One organisation's published statuses, oldest edition first. */
export function selectStatusesOf(db: Kysely<DB>, ods: string) {
	return db
		.selectFrom('public_status')
		.select(['edition', 'status', 'icb_ods_code', 'icb_name', 'primary_sector'])
		.where('ods_code', '=', ods)
		.orderBy('edition')
		.execute();
}

/** The organisations of one kind (trusts, ICBs …), with their parents for authorization decisions. */
export function selectOrganisationsOfKind(db: Kysely<DB>, kind: OrganisationKind) {
	return db.selectFrom('organisation').select(['id', 'ods_code', 'name', 'parent_id']).where('kind', '=', kind).orderBy('ods_code').execute();
}

export function selectOdsById(db: Kysely<DB>, id: number) {
	return db.selectFrom('organisation').select(['ods_code', 'name']).where('id', '=', id).executeTakeFirst();
}
