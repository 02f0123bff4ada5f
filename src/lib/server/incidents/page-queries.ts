import { sql, type Kysely } from 'kysely';
import type { BreachType, IncidentCategory } from '../../schemas/incident';
import type { DB } from '../db/schema';
import type { IncidentCubeRow } from './page-summary';
import { wallClockOf } from '../db/day';

/**
 * The incidents page's reads: one aggregate of the window's incidents, a filtered page of rows
 * (only columns that cannot hold personal data: no description, root cause or actions), and the lessons
 * recorded on incidents closed in the window. All go through (organisation_id, detected_at).
 */

/**
 * Incidents detected in [start, end) grouped by month, category, breach type, grade and reportability,
 * with where each ICO-reportable one stood against the 72-hour rule at `end` (as the metrics count it).
 */
export async function selectIncidentCube(db: Kysely<DB>, organisationId: number, start: Date, end: Date): Promise<IncidentCubeRow[]> {
	const result = await sql<IncidentCubeRow>`
		select to_char(${wallClockOf(sql`detected_at`)}, 'YYYY-MM') as month, category, breach_type, likelihood::int as likelihood, severity::int as severity,
			is_ico_reportable as ico, is_dhsc_reportable as dhsc,
			case
				when not is_ico_reportable then null
				when notified_at < ${end}::timestamptz then case when notified_at <= detected_at + interval '72 hours' then 'within' else 'late' end
				when ${end}::timestamptz > detected_at + interval '72 hours' then 'overdue'
				else 'pending'
			end as notice,
			count(*)::int as incidents
		from incident
		where organisation_id = ${organisationId} and detected_at >= ${start}::timestamptz and detected_at < ${end}::timestamptz
		group by 1, 2, 3, 4, 5, 6, 7, 8`.execute(db);
	return result.rows;
}

export interface IncidentRowFilter {
	start: Date;
	end: Date;
	category?: IncidentCategory;
	breachType?: BreachType;
	/** ICO-reportable, DHSC-reportable, or neither. */
	reportable?: 'ico' | 'dhsc' | 'none';
}

function filteredIncidents(db: Kysely<DB>, organisationId: number, f: IncidentRowFilter) {
	let query = db.selectFrom('incident').where('organisation_id', '=', organisationId).where('detected_at', '>=', f.start).where('detected_at', '<', f.end);
	if (f.category) query = query.where('category', '=', f.category);
	if (f.breachType) query = query.where('breach_type', '=', f.breachType);
	if (f.reportable === 'ico') query = query.where('is_ico_reportable', '=', true);
	if (f.reportable === 'dhsc') query = query.where('is_dhsc_reportable', '=', true);
	if (f.reportable === 'none') query = query.where('is_ico_reportable', '=', false).where('is_dhsc_reportable', '=', false);
	return query;
}

/** One page of the incidents matching the filter, newest first. */
export function selectIncidentRows(db: Kysely<DB>, organisationId: number, f: IncidentRowFilter, page: { limit: number; offset: number }) {
	return filteredIncidents(db, organisationId, f)
		.select([
			'reference',
			'detected_at',
			'notified_at',
			'contained_at',
			'closed_at',
			'category',
			'breach_type',
			'likelihood',
			'severity',
			'is_ico_reportable',
			'is_dhsc_reportable',
			'status',
			'is_rca_completed'
		])
		.orderBy('detected_at', 'desc')
		.orderBy('id', 'desc')
		.limit(page.limit)
		.offset(page.offset)
		.execute();
}

/** How many incidents match the filter. */
export async function countIncidentRows(db: Kysely<DB>, organisationId: number, f: IncidentRowFilter): Promise<number> {
	const row = await filteredIncidents(db, organisationId, f)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/** Every incident the organisation has recorded, whenever. */
export async function countAllIncidents(db: Kysely<DB>, organisationId: number): Promise<number> {
	const row = await db
		.selectFrom('incident')
		.where('organisation_id', '=', organisationId)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

export interface LessonRow {
	lessons: string;
	category: string;
	incidents: number;
	last_closed_at: Date;
}

/** The distinct lessons text of incidents closed in [start, end), per category, most recently closed first. */
export async function selectRecentLessons(db: Kysely<DB>, organisationId: number, start: Date, end: Date, limit: number): Promise<LessonRow[]> {
	const result = await sql<LessonRow>`
		select btrim(lessons) as lessons, category, count(*)::int as incidents, max(closed_at) as last_closed_at
		from incident
		where organisation_id = ${organisationId} and closed_at >= ${start}::timestamptz and closed_at < ${end}::timestamptz
			and lessons is not null and btrim(lessons) <> ''
		group by 1, 2
		order by max(closed_at) desc, 2, 1
		limit ${limit}`.execute(db);
	return result.rows;
}
