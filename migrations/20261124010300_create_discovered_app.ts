import { sql, type Kysely } from 'kysely';

// The apps MDM found on managed devices, one snapshot per export. Only messaging apps keep their devices
// (as keyed hashes), so devices with an unapproved app can be counted once however many such apps they hold.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table discovered_app_snapshot (
			id bigint generated always as identity,
			organisation_id bigint not null,
			as_of date not null,
			-- Distinct devices in the export when it lists devices; null for a per-app count export.
			devices_total integer,
			import_batch_id bigint,
			constraint discovered_app_snapshot_pk primary key (id),
			constraint discovered_app_snapshot_organisation_fk foreign key (organisation_id) references organisation (id) on delete cascade,
			constraint discovered_app_snapshot_batch_fk foreign key (import_batch_id) references import_batch (id) on delete set null,
			constraint discovered_app_snapshot_date_uq unique (organisation_id, as_of),
			constraint discovered_app_snapshot_devices_ck check (devices_total is null or devices_total >= 0)
		)`.execute(db);
	await sql`
		create table discovered_app (
			snapshot_id bigint not null,
			app_name text not null,
			app_version text not null default '',
			device_count integer not null,
			constraint discovered_app_pk primary key (snapshot_id, app_name, app_version),
			constraint discovered_app_snapshot_fk foreign key (snapshot_id) references discovered_app_snapshot (id) on delete cascade,
			constraint discovered_app_count_ck check (device_count >= 0)
		)`.execute(db);
	await sql`
		create table discovered_app_device (
			snapshot_id bigint not null,
			device_key text not null,
			app_name text not null,
			constraint discovered_app_device_pk primary key (snapshot_id, device_key, app_name),
			constraint discovered_app_device_snapshot_fk foreign key (snapshot_id) references discovered_app_snapshot (id) on delete cascade
		)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table discovered_app_device`.execute(db);
	await sql`drop table discovered_app`.execute(db);
	await sql`drop table discovered_app_snapshot`.execute(db);
}
