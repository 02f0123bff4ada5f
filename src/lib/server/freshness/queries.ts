import { sql, type Kysely } from 'kysely';
import { dayOf, startOfDay } from '../db/day';
import type { DB } from '../db/schema';
import type { Source } from './sources';

/** Each source's newest data dated on or before `asOf` (see sources.ts), one indexed max() each. */
export async function selectLatestDates(db: Kysely<DB>, organisationId: number, asOf: string): Promise<Record<Source, string | null>> {
	const { rows } = await sql<Record<Source, string | null>>`
		select
			(select max(as_of)::text from device_snapshot where organisation_id = ${organisationId} and as_of > '-infinity' and as_of <= ${asOf}::date) as devices,
			(select max(completed_on)::text from training_record where organisation_id = ${organisationId} and completed_on <= ${asOf}::date) as training,
			(select ${dayOf(sql`max(detected_at)`)}::text from incident
				where organisation_id = ${organisationId} and detected_at < ${startOfDay(sql`${asOf}::date + 1`)}) as incidents,
			(select max(spent_on)::text from spend_line where organisation_id = ${organisationId} and spent_on <= ${asOf}::date) as spend,
			(select max(case when completed_on <= ${asOf}::date then completed_on else started_on end)::text from assurance_activity
				where organisation_id = ${organisationId} and started_on <= ${asOf}::date) as assurance`.execute(db);
	return rows[0]!;
}

export function selectFreshnessSettings(db: Kysely<DB>, organisationId: number) {
	return db
		.selectFrom('organisation')
		.select(['devices_cadence_days', 'training_cadence_days', 'spend_cadence_days', 'incidents_cadence_days', 'data_ends_on'])
		.where('id', '=', organisationId)
		.executeTakeFirstOrThrow();
}

export function updateFreshnessSettings(
	db: Kysely<DB>,
	organisationId: number,
	values: {
		devices_cadence_days: number | null;
		training_cadence_days: number | null;
		spend_cadence_days: number | null;
		incidents_cadence_days: number | null;
	}
) {
	return db.updateTable('organisation').set(values).where('id', '=', organisationId).execute();
}

export function updateDataEndsOn(db: Kysely<DB>, organisationId: number, dataEndsOn: string | null) {
	return db.updateTable('organisation').set({ data_ends_on: dataEndsOn }).where('id', '=', organisationId).execute();
}
