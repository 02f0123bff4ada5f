import { sql, type Kysely } from 'kysely';

// How often an organisation's data is expected to arrive, per source, so a page can flag data older than
// that (null: Beacon's default — devices and training 35 days, spend and incidents 45), and the date its data
// is known to end (the demo's 30 September 2026), at which its overview opens when the URL names no date.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		alter table organisation
			add column devices_cadence_days integer,
			add column training_cadence_days integer,
			add column spend_cadence_days integer,
			add column incidents_cadence_days integer,
			add column data_ends_on date,
			add constraint organisation_cadence_ck check (
				coalesce(devices_cadence_days, 1) between 1 and 3660 and coalesce(training_cadence_days, 1) between 1 and 3660
				and coalesce(spend_cadence_days, 1) between 1 and 3660 and coalesce(incidents_cadence_days, 1) between 1 and 3660)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`
		alter table organisation
			drop constraint organisation_cadence_ck,
			drop column devices_cadence_days,
			drop column training_cadence_days,
			drop column spend_cadence_days,
			drop column incidents_cadence_days,
			drop column data_ends_on`.execute(db);
}
