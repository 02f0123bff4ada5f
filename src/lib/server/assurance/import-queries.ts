import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

// ---------------------------------------------------------------- findings trackers

export const FINDING_STAGING_TABLE = 'assurance_finding_staging';

export async function createFindingStaging(db: Kysely<DB>): Promise<void> {
	await sql`
		create temp table assurance_finding_staging (
			reference text not null,
			title text not null,
			severity text not null,
			raised_on date not null,
			due_on date not null,
			due_given boolean not null,
			owner text,
			status text not null,
			remediated_on date,
			accepted_by text,
			accepted_reason text,
			accepted_on date
		) on commit drop`.execute(db);
}

/**
 * Merge the staged findings into the organisation's by reference: new ones are added, known ones take the
 * tracker's values. Two things a tracker may leave blank keep what Beacon has: the owner, and the due date
 * while the severity and raised date are unchanged (the default for the severity would otherwise undo a
 * due date agreed in Beacon). The activity a finding was linked to by hand stays linked.
 */
export async function mergeStagedFindings(db: Kysely<DB>, organisationId: number, batchId: number): Promise<{ added: number; updated: number }> {
	const updated = await sql`
		update assurance_finding f set
			title = s.title, severity = s.severity, raised_on = s.raised_on,
			due_on = case when s.due_given or f.severity <> s.severity or f.raised_on <> s.raised_on then s.due_on else f.due_on end,
			owner = coalesce(s.owner, f.owner), status = s.status, remediated_on = s.remediated_on,
			accepted_by = s.accepted_by, accepted_reason = s.accepted_reason, accepted_on = s.accepted_on,
			import_batch_id = ${batchId}::bigint, updated_at = now()
		from assurance_finding_staging s
		where f.organisation_id = ${organisationId} and f.reference = s.reference`.execute(db);
	const added = await sql`
		insert into assurance_finding (organisation_id, reference, title, severity, raised_on, due_on, owner, status, remediated_on,
			accepted_by, accepted_reason, accepted_on, import_batch_id)
		select ${organisationId}::bigint, s.reference, s.title, s.severity, s.raised_on, s.due_on, s.owner, s.status, s.remediated_on,
			s.accepted_by, s.accepted_reason, s.accepted_on, ${batchId}::bigint
		from assurance_finding_staging s
		where not exists (select 1 from assurance_finding f where f.organisation_id = ${organisationId} and f.reference = s.reference)`.execute(db);
	return { added: Number(added.numAffectedRows ?? 0), updated: Number(updated.numAffectedRows ?? 0) };
}

// ---------------------------------------------------------------- discovered apps

export const APP_STAGING_TABLE = 'discovered_app_staging';

export async function createAppStaging(db: Kysely<DB>): Promise<void> {
	await sql`
		create temp table discovered_app_staging (
			device_key text not null,
			app_name text not null,
			app_version text not null
		) on commit drop`.execute(db);
}

/** A new snapshot for the date, replacing the organisation's snapshot of that date (its apps and devices go with it). */
export async function replaceAppSnapshot(
	db: Kysely<DB>,
	row: { organisationId: number; asOf: string; devicesTotal: number | null; batchId: number }
): Promise<{ snapshotId: number; replacedSnapshot: number | null }> {
	const replaced = await db
		.deleteFrom('discovered_app_snapshot')
		.where('organisation_id', '=', row.organisationId)
		.where('as_of', '=', row.asOf)
		.returning('id')
		.executeTakeFirst();
	const snapshot = await db
		.insertInto('discovered_app_snapshot')
		.values({ organisation_id: row.organisationId, as_of: row.asOf, devices_total: row.devicesTotal, import_batch_id: row.batchId })
		.returning('id')
		.executeTakeFirstOrThrow();
	return { snapshotId: snapshot.id, replacedSnapshot: replaced?.id ?? null };
}

/** Distinct devices among the staged rows. */
export async function countStagedDevices(db: Kysely<DB>): Promise<number> {
	const r = await sql<{ n: number }>`select count(distinct device_key)::int as n from discovered_app_staging`.execute(db);
	return r.rows[0]?.n ?? 0;
}

/** Each staged app and version with its distinct devices (a device listed twice counts once); how many apps. */
export async function insertStagedApps(db: Kysely<DB>, snapshotId: number): Promise<number> {
	const r = await sql`
		insert into discovered_app (snapshot_id, app_name, app_version, device_count)
		select ${snapshotId}::bigint, app_name, app_version, count(distinct device_key)::int
		from discovered_app_staging
		group by app_name, app_version`.execute(db);
	return Number(r.numAffectedRows ?? 0);
}

/** The distinct app names staged, for matching against the messaging app lists. */
export async function selectStagedAppNames(db: Kysely<DB>): Promise<string[]> {
	const r = await sql<{ app_name: string }>`select distinct app_name from discovered_app_staging`.execute(db);
	return r.rows.map((row) => row.app_name);
}

/** The devices holding any of the named apps, one row per device and app name whatever its versions. */
export async function insertStagedAppDevices(db: Kysely<DB>, snapshotId: number, appNames: readonly string[]): Promise<number> {
	if (appNames.length === 0) return 0;
	const r = await sql`
		insert into discovered_app_device (snapshot_id, device_key, app_name)
		select distinct ${snapshotId}::bigint, device_key, app_name
		from discovered_app_staging
		where app_name = any(${[...appNames]}::text[])`.execute(db);
	return Number(r.numAffectedRows ?? 0);
}

/** Apps of a per-app count export, each name and version once. */
export async function insertAppCounts(
	db: Kysely<DB>,
	snapshotId: number,
	apps: readonly { appName: string; appVersion: string; deviceCount: number }[]
): Promise<void> {
	if (apps.length === 0) return;
	await sql`
		insert into discovered_app (snapshot_id, app_name, app_version, device_count)
		select ${snapshotId}::bigint, * from unnest(${apps.map((a) => a.appName)}::text[], ${apps.map((a) => a.appVersion)}::text[], ${apps.map((a) => a.deviceCount)}::int[])`.execute(
		db
	);
}

/** The names of the organisation's approved messaging apps. */
export async function selectApprovedAppNames(db: Kysely<DB>, organisationId: number): Promise<string[]> {
	const rows = await db.selectFrom('approved_messaging_app').select('name').where('organisation_id', '=', organisationId).execute();
	return rows.map((r) => r.name);
}
