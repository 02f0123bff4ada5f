import { sql, type Kysely } from 'kysely';

// One row per organisation and calendar month, so trend charts read at most 36 small rows instead of
// aggregating raw training, device, incident and spend rows on every request. Rebuilt for an organisation
// whenever its data changes (imports, records entered by hand, the demo seed). A null means the month has no
// data of that kind, which is not the same as zero.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table monthly_rollup (
			organisation_id bigint not null,
			-- The first day of the month.
			month date not null,
			-- Training: people with a required course in the current records, those with a required completion
			-- in the 12 months to the month's last day, and those completing one in the month.
			training_required_staff integer,
			training_trained_staff integer,
			training_completing_staff integer,
			-- Devices: the counts of the latest snapshot on or before the month's last day, and its date.
			device_as_of date,
			device_total integer,
			device_managed integer,
			device_compliant integer,
			device_encrypted integer,
			device_supported_os integer,
			device_stale integer,
			-- Incidents detected in the month (UTC).
			incidents_detected integer,
			incidents_ico_reportable integer,
			incidents_dhsc_reportable integer,
			incidents_notified_late integer,
			incident_cost_pence bigint,
			-- Spend dated in the month, in total and by category ({ "mdm": 120000, … } in pence).
			spend_pence bigint,
			spend_by_category jsonb,
			refreshed_at timestamptz not null default now(),
			constraint monthly_rollup_pk primary key (organisation_id, month),
			constraint monthly_rollup_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint monthly_rollup_month_ck check (extract(day from month) = 1),
			constraint monthly_rollup_training_ck check (
				(training_required_staff is null) = (training_trained_staff is null)
				and (training_required_staff is null) = (training_completing_staff is null)
				and training_trained_staff between 0 and training_required_staff
				and training_completing_staff between 0 and training_required_staff),
			constraint monthly_rollup_device_ck check (
				(device_as_of is null) = (device_total is null)
				and coalesce(device_total, 0) >= 0
				and coalesce(device_managed, 0) between 0 and coalesce(device_total, 0)
				and coalesce(device_compliant, 0) between 0 and coalesce(device_total, 0)
				and coalesce(device_encrypted, 0) between 0 and coalesce(device_total, 0)
				and coalesce(device_supported_os, 0) between 0 and coalesce(device_total, 0)
				and coalesce(device_stale, 0) between 0 and coalesce(device_total, 0)),
			constraint monthly_rollup_incident_ck check (
				(incidents_detected is null) = (incidents_ico_reportable is null)
				and (incidents_detected is null) = (incidents_dhsc_reportable is null)
				and (incidents_detected is null) = (incidents_notified_late is null)
				and (incidents_detected is null) = (incident_cost_pence is null)
				and incidents_ico_reportable between 0 and incidents_detected
				and incidents_dhsc_reportable between 0 and incidents_detected
				and incidents_notified_late between 0 and incidents_ico_reportable
				and incident_cost_pence >= 0),
			constraint monthly_rollup_spend_ck check (
				(spend_pence is null) = (spend_by_category is null)
				and spend_pence >= 0
				and jsonb_typeof(spend_by_category) = 'object')
		)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table monthly_rollup`.execute(db);
}
