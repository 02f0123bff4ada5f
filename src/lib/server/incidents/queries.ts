import type { Insertable, Kysely } from 'kysely';
import { bulkInsert } from '../db/bulk';
import type { DB, Incident } from '../db/schema';

export function insertIncidents(db: Kysely<DB>, rows: Insertable<Incident>[]) {
	return bulkInsert(db, 'incident', rows);
}

export function selectExistingReferences(db: Kysely<DB>, organisationId: number, references: string[]) {
	if (references.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('incident')
		.select('reference')
		.where('organisation_id', '=', organisationId)
		.where('reference', 'in', references)
		.execute();
}

export interface IncidentFilter {
	from?: Date;
	to?: Date;
	category?: string;
	limit: number;
}

export function selectIncidents(db: Kysely<DB>, organisationId: number, filter: IncidentFilter) {
	let query = db.selectFrom('incident').selectAll().where('organisation_id', '=', organisationId);
	if (filter.from) query = query.where('detected_at', '>=', filter.from);
	if (filter.to) query = query.where('detected_at', '<', filter.to);
	if (filter.category) query = query.where('category', '=', filter.category);
	return query.orderBy('detected_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}
