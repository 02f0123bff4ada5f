import { sql, type Insertable, type Kysely } from 'kysely';
import type { Assessment, DB, DeviceSnapshot, Organisation } from '../db/schema';

/** ODS codes of the organisations whose code starts with the prefix. */
export async function selectOdsCodesLike(db: Kysely<DB>, prefix: string): Promise<string[]> {
	const rows = await db.selectFrom('organisation').select('ods_code').where('ods_code', 'like', `${prefix}%`).orderBy('ods_code').execute();
	return rows.map((r) => r.ods_code);
}

export function insertOrganisations(db: Kysely<DB>, rows: Insertable<Organisation>[]) {
	return db.insertInto('organisation').values(rows).returning(['id', 'ods_code']).execute();
}

export function insertSnapshots(db: Kysely<DB>, rows: Insertable<DeviceSnapshot>[]) {
	return db.insertInto('device_snapshot').values(rows).returning(['id', 'organisation_id']).execute();
}

export function insertAssessments(db: Kysely<DB>, rows: Insertable<Assessment>[]) {
	return db.insertInto('assessment').values(rows).returning(['id', 'organisation_id']).execute();
}

/** Fresh planner statistics after a bulk load, so the first reads do not plan for empty tables. */
export async function analyzeLoadedTables(db: Kysely<DB>): Promise<void> {
	await sql`analyze organisation, organisation_headcount, spend_line, training_record, device_snapshot, device, incident, assessment, assessment_response, improvement_action,
		assurance_activity, assurance_finding, phishing_result, approved_messaging_app, discovered_app_snapshot, discovered_app`.execute(db);
}
