import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import { inForceOn } from '../db/as-of-sql';
import type { AssuranceActivity, AssuranceFinding, DB, PhishingResult } from '../db/schema';

// ---------------------------------------------------------------- activities

export async function insertActivity(db: Kysely<DB>, row: Insertable<AssuranceActivity>) {
	return db.insertInto('assurance_activity').values(row).returning('id').executeTakeFirstOrThrow();
}

const ACTIVITY_COLUMNS = [
	'a.id',
	'a.activity_type',
	'a.title',
	'a.provider',
	'a.started_on',
	'a.completed_on',
	'a.scope',
	'a.overall_opinion',
	'a.veracity_confidence',
	'a.opinion_note',
	'a.report_file_id',
	'a.organisation_id'
] as const;

/** Activities of the organisations, latest first, with their report file's name when there is one. */
export function selectActivities(db: Kysely<DB>, organisationIds: readonly number[]) {
	return db
		.selectFrom('assurance_activity as a')
		.leftJoin('evidence_file as f', 'f.id', 'a.report_file_id')
		.select([...ACTIVITY_COLUMNS, 'f.file_name as report_file_name'])
		.where('a.organisation_id', 'in', organisationIds)
		.orderBy('a.started_on', 'desc')
		.orderBy('a.id', 'desc')
		.execute();
}

export function findActivity(db: Kysely<DB>, organisationId: number, id: number) {
	return db
		.selectFrom('assurance_activity as a')
		.select(ACTIVITY_COLUMNS)
		.where('a.organisation_id', '=', organisationId)
		.where('a.id', '=', id)
		.executeTakeFirst();
}

export async function setActivityReportFile(db: Kysely<DB>, id: number, fileId: number) {
	await db.updateTable('assurance_activity').set({ report_file_id: fileId }).where('id', '=', id).execute();
}

export async function deleteActivity(db: Kysely<DB>, id: number) {
	await db.deleteFrom('assurance_activity').where('id', '=', id).execute();
}

export async function insertReportFile(db: Kysely<DB>, row: Insertable<DB['evidence_file']>) {
	return db.insertInto('evidence_file').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function deleteReportFile(db: Kysely<DB>, organisationId: number, fileId: number) {
	await db
		.deleteFrom('evidence_file')
		.where('organisation_id', '=', organisationId)
		.where('id', '=', fileId)
		.where('assessment_response_id', 'is', null)
		.execute();
}

export function findReportFile(db: Kysely<DB>, organisationId: number, activityId: number) {
	return db
		.selectFrom('assurance_activity as a')
		.innerJoin('evidence_file as f', 'f.id', 'a.report_file_id')
		.select(['f.id', 'f.file_name', 'f.media_type', 'f.sha256', 'f.content'])
		.where('a.organisation_id', '=', organisationId)
		.where('a.id', '=', activityId)
		.executeTakeFirst();
}

// ---------------------------------------------------------------- phishing

export async function replacePhishingResults(db: Kysely<DB>, activityId: number, rows: Insertable<PhishingResult>[]) {
	await db.deleteFrom('phishing_result').where('activity_id', '=', activityId).execute();
	if (rows.length > 0) await db.insertInto('phishing_result').values(rows).execute();
}

/** Every phishing result row of the organisations, with its exercise's dates. */
export function selectPhishingResults(db: Kysely<DB>, organisationIds: readonly number[]) {
	return (
		db
			.selectFrom('phishing_result as p')
			.innerJoin('assurance_activity as a', 'a.id', 'p.activity_id')
			.select([
				'a.organisation_id',
				'a.id as activity_id',
				'a.title',
				'a.started_on',
				'p.staff_group',
				'p.emails_sent',
				'p.clicked',
				'p.credentials_entered',
				'p.reported'
			])
			.where('a.organisation_id', 'in', organisationIds)
			// Only exercises have results; saying so lets the planner look each one's rows up by key.
			.where('a.activity_type', '=', 'phishing_exercise')
			.orderBy('a.started_on')
			.orderBy('a.id')
			.orderBy('p.staff_group')
			.execute()
	);
}

// ---------------------------------------------------------------- findings

export async function insertFinding(db: Kysely<DB>, row: Insertable<AssuranceFinding>) {
	return db.insertInto('assurance_finding').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateFinding(db: Kysely<DB>, id: number, row: Updateable<AssuranceFinding>) {
	await db
		.updateTable('assurance_finding')
		.set({ ...row, updated_at: sql<Date>`now()` })
		.where('id', '=', id)
		.execute();
}

const FINDING_COLUMNS = [
	'f.id',
	'f.organisation_id',
	'f.activity_id',
	'f.reference',
	'f.title',
	'f.severity',
	'f.raised_on',
	'f.due_on',
	'f.owner',
	'f.status',
	'f.remediated_on',
	'f.accepted_by',
	'f.accepted_reason',
	'f.accepted_on'
] as const;

export function findFinding(db: Kysely<DB>, organisationId: number, reference: string) {
	return db
		.selectFrom('assurance_finding as f')
		.select(FINDING_COLUMNS)
		.where('f.organisation_id', '=', organisationId)
		.where('f.reference', '=', reference)
		.executeTakeFirst();
}

/**
 * The organisations' findings as they stood at the end of the date (their history: migration
 * 20261209100000), with the title of the activity that raised each: what every page and pack as of a date reads.
 */
export function selectFindingsAsOf(db: Kysely<DB>, organisationIds: readonly number[], asOf: string) {
	return db
		.selectFrom('assurance_finding_history as f')
		.leftJoin('assurance_activity as a', (j) => j.onRef('a.id', '=', 'f.activity_id').onRef('a.organisation_id', '=', 'f.organisation_id'))
		.select([...FINDING_COLUMNS.filter((c) => c !== 'f.id'), 'f.finding_id as id', 'a.title as activity_title', 'a.activity_type'])
		.where('f.organisation_id', 'in', organisationIds)
		.where(inForceOn('f', asOf))
		.orderBy('f.raised_on')
		.orderBy('f.reference')
		.execute();
}

/** What the metrics need of each finding as it stood at the end of the date, and nothing else. */
export function selectFindingDatesAsOf(db: Kysely<DB>, organisationIds: readonly number[], asOf: string) {
	return db
		.selectFrom('assurance_finding_history as f')
		.select(['f.organisation_id', 'f.severity', 'f.status', 'f.raised_on', 'f.due_on', 'f.remediated_on', 'f.accepted_on'])
		.where('f.organisation_id', 'in', organisationIds)
		.where(inForceOn('f', asOf))
		.execute();
}

// ---------------------------------------------------------------- messaging apps

export function selectApprovedApps(db: Kysely<DB>, organisationIds: readonly number[]) {
	return db
		.selectFrom('approved_messaging_app')
		.select(['id', 'organisation_id', 'name', 'active_users', 'active_users_on'])
		.where('organisation_id', 'in', organisationIds)
		.orderBy(sql`lower(name)`)
		.execute();
}

export async function insertApprovedApp(db: Kysely<DB>, row: Insertable<DB['approved_messaging_app']>) {
	return db.insertInto('approved_messaging_app').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateApprovedApp(db: Kysely<DB>, organisationId: number, id: number, row: Updateable<DB['approved_messaging_app']>) {
	const r = await db.updateTable('approved_messaging_app').set(row).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
	return Number(r.numUpdatedRows);
}

export async function deleteApprovedApp(db: Kysely<DB>, organisationId: number, id: number) {
	return db.deleteFrom('approved_messaging_app').where('organisation_id', '=', organisationId).where('id', '=', id).returning('name').executeTakeFirst();
}

/** The organisations' approved apps as they stood at the end of the date (their history: migration 20261208110000). */
export function selectApprovedAppsAsOf(db: Kysely<DB>, organisationIds: readonly number[], asOf: string) {
	return db
		.selectFrom('approved_messaging_app_history as h')
		.select(['h.app_id as id', 'h.organisation_id', 'h.name', 'h.active_users', 'h.active_users_on'])
		.where('h.organisation_id', 'in', organisationIds)
		.where(inForceOn('h', asOf))
		.orderBy(sql`lower(h.name)`)
		.execute();
}

/** Record an approved app as it now is: the version in force closes and a new one opens, at the change's instant. */
export async function recordApprovedAppVersion(db: Kysely<DB>, id: number, when: Date): Promise<void> {
	const at = when.toISOString();
	await sql`update approved_messaging_app_history set valid_to = ${at}::timestamptz where app_id = ${id} and valid_to is null`.execute(db);
	await sql`
		insert into approved_messaging_app_history (app_id, organisation_id, name, active_users, active_users_on, valid_from)
		select id, organisation_id, name, active_users, active_users_on, ${at}::timestamptz from approved_messaging_app where id = ${id}`.execute(db);
}

/** Record that an approval was withdrawn. */
export async function recordApprovedAppWithdrawn(db: Kysely<DB>, id: number, when: Date): Promise<void> {
	const instant = when.toISOString();
	await sql`update approved_messaging_app_history set valid_to = ${instant}::timestamptz where app_id = ${id} and valid_to is null`.execute(db);
}

/**
 * A first version of each approved app of the organisations that has none, valid from when it was added
 * (the rule migration 20261208110000 applied): for seeds that load the apps in bulk, dated by approval.
 */
export async function recordMissingApprovedAppHistory(db: Kysely<DB>, organisationIds: readonly number[]): Promise<void> {
	if (organisationIds.length === 0) return;
	await sql`
		insert into approved_messaging_app_history (app_id, organisation_id, name, active_users, active_users_on, valid_from)
		select a.id, a.organisation_id, a.name, a.active_users, a.active_users_on, a.added_at
		from approved_messaging_app a
		where a.organisation_id in (${sql.join(organisationIds.map((id) => sql`${id}`))})
			and not exists (select 1 from approved_messaging_app_history h where h.app_id = a.id)`.execute(db);
}

/** Each organisation's latest discovered-apps snapshot dated on or before the date. */
export function selectLatestAppSnapshots(db: Kysely<DB>, organisationIds: readonly number[], asOf: string) {
	return db
		.selectFrom('discovered_app_snapshot')
		.distinctOn('organisation_id')
		.select(['id', 'organisation_id', 'as_of', 'devices_total'])
		.where('organisation_id', 'in', organisationIds)
		.where('as_of', '<=', asOf)
		.orderBy('organisation_id')
		.orderBy('as_of', 'desc')
		.execute();
}

/** Each app of the snapshots with its device count, over every version. */
export function selectSnapshotApps(db: Kysely<DB>, snapshotIds: readonly number[]) {
	return db
		.selectFrom('discovered_app')
		.select(['snapshot_id', 'app_name', sql<number>`sum(device_count)::int`.as('device_count')])
		.where('snapshot_id', 'in', snapshotIds)
		.groupBy(['snapshot_id', 'app_name'])
		.orderBy('snapshot_id')
		.orderBy('app_name')
		.execute();
}

/** The messaging apps each listed device of the snapshots holds (exports that list devices only). */
export function selectSnapshotAppDevices(db: Kysely<DB>, snapshotIds: readonly number[]) {
	return db.selectFrom('discovered_app_device').select(['snapshot_id', 'device_key', 'app_name']).where('snapshot_id', 'in', snapshotIds).execute();
}
