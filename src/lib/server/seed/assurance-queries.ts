import type { Insertable, Kysely } from 'kysely';
import { bulkInsert } from '../db/bulk';
import type {
	ApprovedMessagingApp,
	AssuranceActivity,
	AssuranceFinding,
	DB,
	DiscoveredApp,
	DiscoveredAppDevice,
	DiscoveredAppSnapshot,
	PhishingResult
} from '../db/schema';

// Bulk inserts for the seeds' assurance history. Rows whose ids are needed come back with what names them.

// A statement carries at most 65,535 parameters; activities have ten columns.
const ACTIVITIES_PER_STATEMENT = 5_000;

/** Activities of one or many organisations, with each id and what names it (organisation and title). */
export async function insertActivities(db: Kysely<DB>, rows: readonly Insertable<AssuranceActivity>[]) {
	const ids: { id: number; organisation_id: number; title: string }[] = [];
	for (let i = 0; i < rows.length; i += ACTIVITIES_PER_STATEMENT) {
		ids.push(
			...(await db
				.insertInto('assurance_activity')
				.values(rows.slice(i, i + ACTIVITIES_PER_STATEMENT))
				.returning(['id', 'organisation_id', 'title'])
				.execute())
		);
	}
	return ids;
}

/** Each activity of the organisations with what names it, for rows loaded without RETURNING (COPY). */
export function selectActivityIds(db: Kysely<DB>, organisationIds: readonly number[]) {
	return db.selectFrom('assurance_activity').select(['id', 'organisation_id', 'title']).where('organisation_id', 'in', organisationIds).execute();
}

/** Discovered-apps snapshots, with each id and its organisation and date. */
export async function insertAppSnapshots(db: Kysely<DB>, rows: readonly Insertable<DiscoveredAppSnapshot>[]) {
	if (rows.length === 0) return [];
	return db
		.insertInto('discovered_app_snapshot')
		.values([...rows])
		.returning(['id', 'organisation_id', 'as_of'])
		.execute();
}

export function insertFindings(db: Kysely<DB>, rows: Insertable<AssuranceFinding>[]) {
	return bulkInsert(db, 'assurance_finding', rows);
}

export function insertPhishingResults(db: Kysely<DB>, rows: Insertable<PhishingResult>[]) {
	return bulkInsert(db, 'phishing_result', rows);
}

export function insertApprovedApps(db: Kysely<DB>, rows: Insertable<ApprovedMessagingApp>[]) {
	return bulkInsert(db, 'approved_messaging_app', rows);
}

export function insertDiscoveredApps(db: Kysely<DB>, rows: Insertable<DiscoveredApp>[]) {
	return bulkInsert(db, 'discovered_app', rows);
}

export function insertDiscoveredAppDevices(db: Kysely<DB>, rows: Insertable<DiscoveredAppDevice>[]) {
	return bulkInsert(db, 'discovered_app_device', rows);
}
