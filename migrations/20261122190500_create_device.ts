import { sql, type Kysely } from 'kysely';

// MDM snapshots: one per export and date. A snapshot holds device rows, or only counts when the source
// gives aggregates. device_key is a keyed hash of the MDM device id; names, UPNs and serials are not kept.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create table device_snapshot (
			id bigint generated always as identity,
			organisation_id bigint not null,
			as_of date not null,
			source text not null,
			is_aggregate boolean not null default false,
			total_count integer,
			managed_count integer,
			compliant_count integer,
			encrypted_count integer,
			supported_os_count integer,
			import_batch_id bigint,
			created_at timestamptz not null default now(),
			constraint device_snapshot_pk primary key (id),
			constraint device_snapshot_organisation_fk foreign key (organisation_id)
				references organisation (id) on delete cascade,
			constraint device_snapshot_import_batch_fk foreign key (import_batch_id)
				references import_batch (id) on delete set null,
			constraint device_snapshot_as_of_uq unique (organisation_id, as_of),
			constraint device_snapshot_source_ck check (source in ('intune', 'aggregate', 'demo', 'other')),
			constraint device_snapshot_aggregate_ck check (not is_aggregate or total_count is not null),
			constraint device_snapshot_counts_ck check (
				coalesce(total_count, 0) >= 0
				and coalesce(managed_count, 0) between 0 and coalesce(total_count, 2147483647)
				and coalesce(compliant_count, 0) between 0 and coalesce(total_count, 2147483647)
				and coalesce(encrypted_count, 0) between 0 and coalesce(total_count, 2147483647)
				and coalesce(supported_os_count, 0) between 0 and coalesce(total_count, 2147483647))
		)`.execute(db);
	await sql`create index device_snapshot_organisation_ix on device_snapshot (organisation_id, as_of)`.execute(db);

	await sql`
		create table device (
			id bigint generated always as identity,
			snapshot_id bigint not null,
			device_key text not null,
			device_type text not null default 'unknown',
			os text not null,
			os_version text,
			is_os_supported boolean,
			ownership text not null default 'unknown',
			compliance text not null default 'unknown',
			is_managed boolean not null default true,
			is_encrypted boolean,
			is_jailbroken boolean,
			enrolled_at timestamptz,
			last_check_in_at timestamptz,
			manufacturer text,
			model text,
			constraint device_pk primary key (id),
			constraint device_snapshot_fk foreign key (snapshot_id) references device_snapshot (id) on delete cascade,
			constraint device_key_uq unique (snapshot_id, device_key),
			constraint device_type_ck check (device_type in ('phone', 'tablet', 'laptop', 'desktop', 'other', 'unknown')),
			constraint device_ownership_ck check (ownership in ('corporate', 'personal', 'unknown')),
			constraint device_compliance_ck check (
				compliance in ('compliant', 'noncompliant', 'in_grace_period', 'config_manager', 'unknown'))
		)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table device`.execute(db);
	await sql`drop table device_snapshot`.execute(db);
}
