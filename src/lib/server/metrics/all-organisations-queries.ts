import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';
import type { DateWindow } from './periods';
import {
	incidentCountColumns,
	incidentFlagColumns,
	SNAPSHOT_COUNTS,
	TRAINING_COUNT_COLUMNS,
	trainingPersonColumns,
	type DeviceCountsRow,
	type IncidentCountsRow,
	type IncidentMixRow,
	type SpendTotalsRow,
	type StaffCountRow,
	type TrainingCountsRow
} from './queries';

/**
 * The statements of queries.ts for many organisations at once: the same expressions (shared from there),
 * grouped by organisation_id, so a national instance's metrics take six statements instead of six per
 * organisation. Each row carries its organisation_id. `ids` limits them to those organisations; null
 * means every organisation. An organisation with no rows of a kind is simply absent from that result.
 */
type Ids = readonly number[] | null;
type ByOrganisation<T> = T & { organisation_id: number };

const only = (ids: Ids, column = sql.ref('organisation_id')): RawBuilder<unknown> => (ids === null ? sql`true` : sql`${column} = any(${[...ids]}::bigint[])`);

export async function selectAllTrainingCounts(db: Kysely<DB>, ids: Ids, window: DateWindow): Promise<ByOrganisation<TrainingCountsRow>[]> {
	const result = await sql<ByOrganisation<TrainingCountsRow>>`
		with person as (
			select organisation_id, staff_key collate "C" as staff_key, ${trainingPersonColumns(window)}
			from training_record
			where is_required and ${only(ids)}
			group by 1, 2
		)
		select organisation_id, staff_group, department, grouping(staff_group, department)::int as level, ${TRAINING_COUNT_COLUMNS}
		from person
		group by grouping sets ((organisation_id), (organisation_id, staff_group), (organisation_id, department))`.execute(db);
	return result.rows;
}

/** selectStaffCount for every organisation: the distinct training staff are counted only where there is no headcount. */
export async function selectAllStaffCounts(db: Kysely<DB>, ids: Ids, financialYear: number): Promise<ByOrganisation<StaffCountRow>[]> {
	const result = await sql<ByOrganisation<StaffCountRow>>`
		select o.id as organisation_id, h.headcount,
			case when h.headcount is null then (
				select count(*)::int from (select distinct staff_key from training_record t where t.organisation_id = o.id) s
			) end as training_staff
		from organisation o
		left join organisation_headcount h on h.organisation_id = o.id and h.financial_year = ${financialYear}
		where ${only(ids, sql.ref('o.id'))}`.execute(db);
	return result.rows;
}

/** Each organisation's latest snapshot on or before the date, with the counts kept on it. */
export async function selectAllLatestDeviceCounts(db: Kysely<DB>, ids: Ids, asOf: string): Promise<ByOrganisation<DeviceCountsRow>[]> {
	const result = await sql<ByOrganisation<DeviceCountsRow>>`
		select distinct on (organisation_id) organisation_id, ${sql.join(SNAPSHOT_COUNTS.map((c) => sql.ref(c)))}
		from device_snapshot
		where as_of <= ${asOf}::date and ${only(ids)}
		order by organisation_id, as_of desc`.execute(db);
	return result.rows;
}

export async function selectAllIncidentCounts(db: Kysely<DB>, ids: Ids, start: Date, end: Date): Promise<ByOrganisation<IncidentCountsRow>[]> {
	const result = await sql<ByOrganisation<IncidentCountsRow>>`
		select organisation_id, ${incidentCountColumns(end)}
		from (
			select *, ${incidentFlagColumns(start, end)}
			from incident
			where (detected_at >= ${start}::timestamptz or closed_at >= ${start}::timestamptz) and ${only(ids)}
		) i
		group by organisation_id`.execute(db);
	return result.rows;
}

export async function selectAllIncidentMix(db: Kysely<DB>, ids: Ids, start: Date, end: Date): Promise<ByOrganisation<IncidentMixRow>[]> {
	const result = await sql<ByOrganisation<IncidentMixRow>>`
		select organisation_id, breach_type, category, count(*)::int as incidents
		from incident
		where detected_at >= ${start}::timestamptz and detected_at < ${end}::timestamptz and ${only(ids)}
		group by organisation_id, breach_type, category`.execute(db);
	return result.rows;
}

/** selectSpendTotals for many organisations at once (same columns, same like-for-like part). */
export async function selectAllSpendTotals(db: Kysely<DB>, ids: Ids, from: string, to: string): Promise<ByOrganisation<SpendTotalsRow>[]> {
	const result = await sql<ByOrganisation<SpendTotalsRow>>`
		select organisation_id, extract(year from spent_on - interval '3 months')::int as financial_year, category, expense_type, sum(amount_pence) as pence,
			coalesce(sum(amount_pence) filter (
				where to_char(spent_on - interval '3 months', 'MM-DD') <= to_char(${to}::date - interval '3 months', 'MM-DD')), 0) as same_period_pence
		from spend_line
		where spent_on >= ${from}::date and spent_on <= ${to}::date and ${only(ids)}
		group by 1, 2, 3, 4`.execute(db);
	return result.rows;
}
