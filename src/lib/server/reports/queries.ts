import { sql, type Kysely } from 'kysely';
import type { ReportKindName } from '../../schemas/report';
import type { DB, Json } from '../db/schema';

export interface SnapshotInsert {
	report_id: string;
	kind: ReportKindName;
	organisation_id: number;
	period: string;
	data: string;
	data_sha256: string;
	pdf: Buffer;
	pdf_sha256: string;
	page_count: number;
	/** The audit checkpoint as JSON text. */
	audit_checkpoint: string;
	generated_by: number | null;
	generated_at: Date;
}

export function insertSnapshot(db: Kysely<DB>, row: SnapshotInsert) {
	// jsonb from text: the canonical JSON whose hash is data_sha256.
	return db
		.insertInto('report_snapshot')
		.values({ ...row, data: sql<Json>`cast(${row.data} as jsonb)`, audit_checkpoint: sql<Json>`cast(${row.audit_checkpoint} as jsonb)` })
		.returning('id')
		.executeTakeFirstOrThrow();
}

const SUMMARY = [
	's.id',
	's.report_id',
	's.kind',
	's.period',
	's.data_sha256',
	's.pdf_sha256',
	's.page_count',
	's.generated_at',
	's.signed_off_name',
	's.signed_off_role',
	's.signed_off_on',
	's.sign_off_comment',
	's.organisation_id',
	's.audit_checkpoint'
] as const;

/** An organisation's snapshots, newest first, without their PDF or data. */
export function selectSnapshots(db: Kysely<DB>, organisationId: number) {
	return db
		.selectFrom('report_snapshot as s')
		.leftJoin('app_user as u', 'u.id', 's.generated_by')
		.leftJoin('app_user as su', 'su.id', 's.signed_off_by')
		.select([...SUMMARY, 'u.display_name as generated_by_name', 'su.display_name as signed_off_by_name', sql<number>`octet_length(s.pdf)`.as('bytes')])
		.where('s.organisation_id', '=', organisationId)
		.orderBy('s.generated_at', 'desc')
		.orderBy('s.id', 'desc')
		.execute();
}

export function findSnapshot(db: Kysely<DB>, reportId: string) {
	return db
		.selectFrom('report_snapshot as s')
		.innerJoin('organisation as o', 'o.id', 's.organisation_id')
		.leftJoin('app_user as su', 'su.id', 's.signed_off_by')
		.select([...SUMMARY, 'o.ods_code', 'o.name as organisation_name', 'o.parent_id', 'su.display_name as signed_off_by_name'])
		.where('s.report_id', '=', reportId)
		.executeTakeFirst();
}

export function findSnapshotPdf(db: Kysely<DB>, id: number) {
	return db.selectFrom('report_snapshot').select(['pdf', 'data']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** The snapshot whose stored PDF has exactly these bytes' hash. */
export function findSnapshotByPdfHash(db: Kysely<DB>, sha256: string) {
	return db
		.selectFrom('report_snapshot as s')
		.innerJoin('organisation as o', 'o.id', 's.organisation_id')
		.leftJoin('app_user as su', 'su.id', 's.signed_off_by')
		.select([
			's.report_id',
			's.kind',
			's.period',
			's.generated_at',
			'o.ods_code',
			'o.name as organisation_name',
			's.signed_off_on',
			's.signed_off_name',
			's.signed_off_role',
			's.sign_off_comment',
			'su.display_name as signed_off_by_name'
		])
		.where('s.pdf_sha256', '=', sha256)
		.executeTakeFirst();
}

export function recordSignOff(
	db: Kysely<DB>,
	id: number,
	values: { signed_off_by: number | null; signed_off_name: string; signed_off_role: string; signed_off_on: string; sign_off_comment: string | null }
) {
	return db.updateTable('report_snapshot').set(values).where('id', '=', id).where('signed_off_on', 'is', null).executeTakeFirst();
}

export function insertShare(db: Kysely<DB>, row: { report_snapshot_id: number; user_id: number; shared_by: number | null; shared_by_label: string }) {
	return db
		.insertInto('report_share')
		.values(row)
		.onConflict((oc) => oc.constraint('report_share_pk').doNothing())
		.execute();
}

export function selectShares(db: Kysely<DB>, snapshotIds: number[]) {
	if (snapshotIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('report_share as r')
		.innerJoin('app_user as u', 'u.id', 'r.user_id')
		.select(['r.report_snapshot_id', 'r.user_id', 'u.email', 'u.display_name', 'r.shared_at'])
		.where('r.report_snapshot_id', 'in', snapshotIds)
		.orderBy('r.shared_at')
		.execute();
}

export async function isSharedWith(db: Kysely<DB>, snapshotId: number, userId: number): Promise<boolean> {
	const row = await db
		.selectFrom('report_share')
		.select('user_id')
		.where('report_snapshot_id', '=', snapshotId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row !== undefined;
}

/** An active user holding a regulator role, by email. */
export function findRegulator(db: Kysely<DB>, email: string) {
	return db
		.selectFrom('app_user as u')
		.innerJoin('role_grant as g', 'g.user_id', 'u.id')
		.select(['u.id', 'u.email', 'u.display_name'])
		.where(sql`lower(u.email)`, '=', email.trim().toLowerCase())
		.where('u.is_active', '=', true)
		.where('g.role', '=', 'regulator')
		.executeTakeFirst();
}

/** Whether any pack of the organisation is shared with the user: what lets a regulator see it at all. */
export async function hasShareFrom(db: Kysely<DB>, organisationId: number, userId: number): Promise<boolean> {
	const row = await db
		.selectFrom('report_share as r')
		.innerJoin('report_snapshot as s', 's.id', 'r.report_snapshot_id')
		.select('r.user_id')
		.where('s.organisation_id', '=', organisationId)
		.where('r.user_id', '=', userId)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** The ids of the organisations with a pack shared with the user. */
export async function selectSharedOrganisationIds(db: Kysely<DB>, userId: number): Promise<Set<number>> {
	const rows = await db
		.selectFrom('report_share as r')
		.innerJoin('report_snapshot as s', 's.id', 'r.report_snapshot_id')
		.select('s.organisation_id')
		.distinct()
		.where('r.user_id', '=', userId)
		.execute();
	return new Set(rows.map((r) => r.organisation_id));
}

/**
 * Every pack shared with the user, newest first, with its organisation, its sign-off and the state of the
 * assessment of the DSPT edition it reports on (the edition is in the pack's frozen data).
 */
export function selectSharedWith(db: Kysely<DB>, userId: number, frameworkCode: string) {
	return db
		.selectFrom('report_share as r')
		.innerJoin('report_snapshot as s', 's.id', 'r.report_snapshot_id')
		.innerJoin('organisation as o', 'o.id', 's.organisation_id')
		.leftJoin('framework as f', (join) =>
			join.on('f.code', '=', frameworkCode).on(sql<string>`s.data -> 'edition' ->> 'edition'`, '=', sql.ref<string>('f.edition'))
		)
		.leftJoin('assessment as a', (join) => join.onRef('a.organisation_id', '=', 's.organisation_id').onRef('a.framework_id', '=', 'f.id'))
		.leftJoin('app_user as su', 'su.id', 'a.submitted_by')
		.select([
			's.report_id',
			's.kind',
			's.period',
			's.generated_at',
			's.signed_off_name',
			's.signed_off_role',
			's.signed_off_on',
			'o.ods_code',
			'o.name as organisation_name',
			'f.edition',
			'a.status as assessment_status',
			'a.submitted_at',
			'su.display_name as submitted_by_name',
			'r.shared_at'
		])
		.where('r.user_id', '=', userId)
		.orderBy('s.generated_at', 'desc')
		.orderBy('s.id', 'desc')
		.execute();
}

/** The e-mail addresses of the active board members of an organisation (their grant is on it). */
export function selectBoardMembers(db: Kysely<DB>, odsCode: string) {
	return db
		.selectFrom('role_grant as g')
		.innerJoin('app_user as u', 'u.id', 'g.user_id')
		.innerJoin('organisation as o', 'o.id', 'g.organisation_id')
		.select(['u.email', 'u.display_name'])
		.distinct()
		.where('o.ods_code', '=', odsCode)
		.where('g.role', '=', 'board')
		.where('u.is_active', '=', true)
		.orderBy('u.email')
		.execute();
}

/** When a snapshot's sign-off was recorded: the time of its audit event (none for a sign-off never recorded). */
export function findSignOffRecordedAt(db: Kysely<DB>, reportId: string) {
	return db
		.selectFrom('audit_event')
		.select('occurred_at')
		.where('action', '=', 'report.sign_off')
		.where('entity_type', '=', 'report_snapshot')
		.where('entity_id', '=', reportId)
		.orderBy('id', 'desc')
		.executeTakeFirst();
}
