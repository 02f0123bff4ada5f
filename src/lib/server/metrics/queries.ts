import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, DeviceSnapshot, Incident, SpendLine } from '../db/schema';
import type { DateWindow } from './periods';

/**
 * The aggregates behind the metrics, one statement per domain, each reading only one organisation's rows
 * through its (organisation_id, …) index. Nothing here loads raw rows into the application.
 */

export interface TrainingCountsRow {
	staff_group: string | null;
	department: string | null;
	/** grouping(staff_group, department): 3 = the whole organisation, 1 = one staff group, 2 = one department. */
	level: number;
	required: number;
	completed: number;
	board_required: number;
	board_completed: number;
}

/**
 * Required staff and those with a completion in the window, for the organisation, each staff group and
 * each department. A person (staff key) is required when any of their records is required; done when any
 * required record has a completion date in the window (after < completed_on ≤ through); a board member
 * when any required record says so. Each person is counted once, under the staff group and department of
 * their required records, or, where those records name more than one (a person with two posts), the first
 * in byte order; so each breakdown adds up to the organisation's total.
 *
 * Keys compare in the "C" collation so the per-person step streams over training_record_metrics_ix in
 * index order instead of sorting: this query is most of the cost of an organisation's metrics.
 */
export async function selectTrainingCounts(db: Kysely<DB>, organisationId: number, window: DateWindow): Promise<TrainingCountsRow[]> {
	const result = await sql<TrainingCountsRow>`
		with person as (
			select staff_key collate "C" as staff_key, ${trainingPersonColumns(window)}
			from training_record
			where organisation_id = ${organisationId} and is_required
			group by 1
		)
		select staff_group, department, grouping(staff_group, department)::int as level, ${TRAINING_COUNT_COLUMNS}
		from person
		group by grouping sets ((), (staff_group), (department))`.execute(db);
	return result.rows;
}

/** What selectTrainingCounts knows of each person (one group of their required records); shared with the all-organisations query. */
export function trainingPersonColumns(window: DateWindow) {
	return sql`min(staff_group collate "C") as staff_group,
		min(department collate "C") as department,
		bool_or(is_board_member) as board,
		coalesce(bool_or(completed_on > ${window.after}::date and completed_on <= ${window.through}::date), false) as done`;
}

/** selectTrainingCounts' counts over a group of people. */
export const TRAINING_COUNT_COLUMNS = sql`count(*)::int as required,
	count(*) filter (where done)::int as completed,
	count(*) filter (where board)::int as board_required,
	count(*) filter (where board and done)::int as board_completed`;

export interface StaffCountRow {
	/** The organisation's recorded headcount for the financial year, if any. */
	headcount: number | null;
	/** Distinct people in its training records, required or not; counted only when there is no headcount. */
	training_staff: number | null;
}

/** The headcount, and only when there is none, the distinct people in the training records (the fallback costs a scan). */
export async function selectStaffCount(db: Kysely<DB>, organisationId: number, financialYear: number): Promise<StaffCountRow> {
	const result = await sql<StaffCountRow>`
		select h.headcount,
			case when h.headcount is null then (
				select count(*)::int from (select distinct staff_key from training_record where organisation_id = ${organisationId}) s
			) end as training_staff
		from (select (select headcount from organisation_headcount where organisation_id = ${organisationId} and financial_year = ${financialYear}) as headcount) h`.execute(
		db
	);
	return result.rows[0] ?? { headcount: null, training_staff: null };
}

/** The counts kept on a snapshot that the device metrics read. */
export const SNAPSHOT_COUNTS = [
	'as_of',
	'source',
	'is_aggregate',
	'total_count',
	'managed_count',
	'compliant_count',
	'encrypted_count',
	'supported_os_count',
	'stale_count',
	'jailbroken_count',
	'corporate_count',
	'personal_count',
	'unknown_ownership_count'
] as const;

export type DeviceCountsRow = Pick<Selectable<DeviceSnapshot>, (typeof SNAPSHOT_COUNTS)[number]>;

/**
 * The organisation's latest snapshot on or before the date, with the counts kept on it: refreshed from
 * its device rows on import (refreshSnapshotCounts decides staleness and stale-is-not-compliant once,
 * there), or given by an aggregate export. One index lookup, whatever the size of the snapshot.
 */
export function selectLatestDeviceCounts(db: Kysely<DB>, organisationId: number, asOf: string): Promise<DeviceCountsRow | undefined> {
	return db
		.selectFrom('device_snapshot')
		.select(SNAPSHOT_COUNTS)
		.where('organisation_id', '=', organisationId)
		.where('as_of', '<=', asOf)
		.orderBy('as_of', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export interface IncidentCountsRow {
	total: number;
	ico_reportable: number;
	dhsc_reportable: number;
	notified_within_72h: number;
	notified_late: number;
	overdue: number;
	pending: number;
	contained: number;
	median_contain_seconds: number | null;
	closed: number;
	rca_completed: number;
	costed: number;
	cost_pence: number | null;
}

/**
 * Incident counts over [start, end): detected in the period for everything but root-cause analysis,
 * which counts incidents closed in it. Notification is judged as of `end`: a notification, containment
 * or closure stamped later had not happened yet. "Within 72 hours" is notified_at ≤ detected_at + 72 h,
 * so 72:00:00 is within and anything later is late.
 */
export async function selectIncidentCounts(db: Kysely<DB>, organisationId: number, start: Date, end: Date): Promise<IncidentCountsRow> {
	const result = await sql<IncidentCountsRow>`
		select ${incidentCountColumns(end)}
		from (
			select *, ${incidentFlagColumns(start, end)}
			from incident
			where organisation_id = ${organisationId} and (detected_at >= ${start}::timestamptz or closed_at >= ${start}::timestamptz)
		) i`.execute(db);
	const row = result.rows[0];
	if (!row) throw new Error('an aggregate query returned no row');
	return row;
}

/** selectIncidentCounts' aggregates over incidents carrying incidentFlagColumns; shared with the all-organisations query. */
export function incidentCountColumns(end: Date) {
	return sql`count(*) filter (where detected)::int as total,
		count(*) filter (where detected and is_ico_reportable)::int as ico_reportable,
		count(*) filter (where detected and is_dhsc_reportable)::int as dhsc_reportable,
		count(*) filter (where detected and is_ico_reportable and notified and notified_at <= deadline)::int as notified_within_72h,
		count(*) filter (where detected and is_ico_reportable and notified and notified_at > deadline)::int as notified_late,
		count(*) filter (where detected and is_ico_reportable and not notified and ${end}::timestamptz > deadline)::int as overdue,
		count(*) filter (where detected and is_ico_reportable and not notified and ${end}::timestamptz <= deadline)::int as pending,
		count(*) filter (where detected and contained)::int as contained,
		percentile_cont(0.5) within group (order by extract(epoch from contained_at - detected_at))
			filter (where detected and contained) as median_contain_seconds,
		count(*) filter (where closed)::int as closed,
		count(*) filter (where closed and is_rca_completed)::int as rca_completed,
		count(cost_pence) filter (where detected)::int as costed,
		sum(cost_pence) filter (where detected) as cost_pence`;
}

/** Where an incident stands in [start, end), as of end. */
export function incidentFlagColumns(start: Date, end: Date) {
	return sql`detected_at >= ${start}::timestamptz and detected_at < ${end}::timestamptz as detected,
		coalesce(notified_at < ${end}::timestamptz, false) as notified,
		coalesce(contained_at < ${end}::timestamptz, false) as contained,
		coalesce(closed_at >= ${start}::timestamptz and closed_at < ${end}::timestamptz, false) as closed,
		detected_at + interval '72 hours' as deadline`;
}

export interface IncidentMixRow {
	breach_type: Incident['breach_type'];
	category: Incident['category'];
	incidents: number;
}

/** Incidents detected in [start, end) by breach type and category. */
export async function selectIncidentMix(db: Kysely<DB>, organisationId: number, start: Date, end: Date): Promise<IncidentMixRow[]> {
	const result = await sql<IncidentMixRow>`
		select breach_type, category, count(*)::int as incidents
		from incident
		where organisation_id = ${organisationId} and detected_at >= ${start}::timestamptz and detected_at < ${end}::timestamptz
		group by breach_type, category`.execute(db);
	return result.rows;
}

export interface SpendTotalsRow {
	financial_year: number;
	category: SpendLine['category'];
	expense_type: SpendLine['expense_type'];
	pence: number;
	/** Of `pence`, the lines dated no later in their financial year than `to` is in its own: the like-for-like part. */
	same_period_pence: number;
}

/**
 * Spend per financial year (named by its starting year), category and capex/opex, for lines dated from..to
 * inclusive, with the part of each year up to the same point in it as `to` (1 April to 30 September of every
 * year when `to` is 30 September). Shifting a date back three months puts its financial year on a calendar
 * year, so "the same point" compares month and day; dates have no time zone, so neither does this.
 */
export async function selectSpendTotals(db: Kysely<DB>, organisationId: number, from: string, to: string): Promise<SpendTotalsRow[]> {
	const result = await sql<SpendTotalsRow>`
		select extract(year from spent_on - interval '3 months')::int as financial_year, category, expense_type, sum(amount_pence) as pence,
			coalesce(sum(amount_pence) filter (
				where to_char(spent_on - interval '3 months', 'MM-DD') <= to_char(${to}::date - interval '3 months', 'MM-DD')), 0) as same_period_pence
		from spend_line
		where organisation_id = ${organisationId} and spent_on >= ${from}::date and spent_on <= ${to}::date
		group by 1, 2, 3`.execute(db);
	return result.rows;
}
