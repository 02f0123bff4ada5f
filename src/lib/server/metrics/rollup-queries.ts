import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { startOfDay, wallClockOf } from '../db/day';

/**
 * The monthly rollup of one organisation, rebuilt from its raw rows in two statements (delete, then one
 * insert … select), inside the caller's transaction. Months run from the first month with any data to the
 * last (at most 72 months back from the last), UTC calendar months, and each kind of figure is null for
 * months its data does not speak for:
 *
 * - training: every month, when the organisation has required training records. A training file is the
 *   current extract (people who left are gone from it), so every month counts today's required staff; a
 *   person is trained at a month's end when a required record has a completion in the 12 months before it
 *   (after the same day a year earlier, up to and including the last day: the training metric's window).
 * - devices: from the month of the first snapshot, the latest snapshot on or before the month's last day
 *   (as the device metrics pick it); later months carry the last snapshot forward.
 * - incidents: detected in the month, from the first to the last month with an incident; months in between
 *   with none are 0. "Notified late" is a reportable incident notified more than 72 hours after detection.
 * - spend: lines dated in the month, from the first to the last month with a line.
 */
export async function refreshMonthlyRollup(db: Kysely<DB>, organisationId: number): Promise<number> {
	await sql`delete from monthly_rollup where organisation_id = ${organisationId}`.execute(db);
	const result = await sql`
		with span as (
			select min(first) as first, max(last) as last from (
				select min(${wallClockOf(sql`detected_at`)}) as first, max(${wallClockOf(sql`detected_at`)}) as last
				from incident where organisation_id = ${organisationId}
				union all
				select min(spent_on)::timestamp, max(spent_on)::timestamp from spend_line where organisation_id = ${organisationId}
				union all
				select min(as_of)::timestamp, max(as_of)::timestamp from device_snapshot where organisation_id = ${organisationId}
				union all
				select min(completed_on)::timestamp, max(completed_on)::timestamp
				from training_record where organisation_id = ${organisationId} and is_required
			) kinds
		),
		months as (
			select m::date as month, (m + interval '1 month' - interval '1 day')::date as month_end
			from span, generate_series(
				greatest(date_trunc('month', span.first), date_trunc('month', span.last) - interval '71 months'),
				date_trunc('month', span.last), interval '1 month') m
		),
		required as (
			select count(distinct staff_key collate "C")::int as staff from training_record where organisation_id = ${organisationId} and is_required
		),
		-- A person's required completions, one per month (the last): all the 12-month window needs. Keys
		-- compare in the "C" collation: byte order sorts fastest, and any consistent order will do.
		person_month as (
			select staff_key collate "C" as staff_key, date_trunc('month', completed_on::timestamp) as month, max(completed_on) as completed_on
			from training_record
			where organisation_id = ${organisationId} and is_required and completed_on is not null
			group by 1, 2
		),
		-- The months whose last day a completion covers: its own month to 11 months on (12 when the window's
		-- start is clamped, as for 29 February), cut short where the person's next completion takes over, so
		-- each person counts once a month and trained staff is a running sum of +1 / −1 steps.
		training_cover as (
			select month as first_month,
				least(
					month + case when ((month + interval '13 months' - interval '1 day') - interval '12 months')::date < completed_on
						then interval '12 months' else interval '11 months' end,
					lead(month) over (partition by staff_key order by month) - interval '1 month') as last_month
			from person_month
		),
		step as materialized (
			select month, sum(step)::int as step from (
				select first_month as month, 1 as step from training_cover
				union all
				select last_month + interval '1 month', -1 from training_cover
			) s
			group by month
		),
		trained as (
			select m.month, coalesce(sum(s.step), 0)::int as staff from months m left join step s on s.month <= m.month group by m.month
		),
		completing as (
			select month::date as month, count(*)::int as staff from person_month group by 1
		),
		incident_month as (
			select date_trunc('month', ${wallClockOf(sql`detected_at`)})::date as month,
				count(*)::int as detected,
				count(*) filter (where is_ico_reportable)::int as ico,
				count(*) filter (where is_dhsc_reportable)::int as dhsc,
				count(*) filter (where is_ico_reportable and notified_at > detected_at + interval '72 hours')::int as late,
				coalesce(sum(cost_pence), 0)::bigint as cost
			from incident where organisation_id = ${organisationId}
			group by 1
		),
		spend_category as (
			select date_trunc('month', spent_on::timestamp)::date as month, category, sum(amount_pence)::bigint as pence
			from spend_line where organisation_id = ${organisationId}
			group by 1, 2
		),
		spend_month as (
			select month, sum(pence)::bigint as pence, jsonb_object_agg(category, pence) as by_category from spend_category group by month
		),
		kind_span as (
			select (select min(month) from incident_month) as incident_first, (select max(month) from incident_month) as incident_last,
				(select min(month) from spend_month) as spend_first, (select max(month) from spend_month) as spend_last
		)
		insert into monthly_rollup (
			organisation_id, month, training_required_staff, training_trained_staff, training_completing_staff,
			device_as_of, device_total, device_managed, device_compliant, device_encrypted, device_supported_os, device_stale,
			incidents_detected, incidents_ico_reportable, incidents_dhsc_reportable, incidents_notified_late, incident_cost_pence,
			spend_pence, spend_by_category)
		select ${organisationId}::bigint, m.month,
			nullif(r.staff, 0),
			case when r.staff > 0 then coalesce(t.staff, 0) end,
			case when r.staff > 0 then coalesce(c.staff, 0) end,
			d.as_of, d.total_count, d.managed_count, d.compliant_count, d.encrypted_count, d.supported_os_count, d.stale_count,
			case when incidents then coalesce(i.detected, 0) end,
			case when incidents then coalesce(i.ico, 0) end,
			case when incidents then coalesce(i.dhsc, 0) end,
			case when incidents then coalesce(i.late, 0) end,
			case when incidents then coalesce(i.cost, 0) end,
			case when spending then coalesce(s.pence, 0) end,
			case when spending then coalesce(s.by_category, '{}'::jsonb) end
		from months m
		cross join required r
		cross join kind_span k
		cross join lateral (select m.month between k.incident_first and k.incident_last as incidents,
			m.month between k.spend_first and k.spend_last as spending) covered
		left join trained t on t.month = m.month
		left join completing c on c.month = m.month
		left join incident_month i on i.month = m.month
		left join spend_month s on s.month = m.month
		left join lateral (
			select as_of, total_count, managed_count, compliant_count, encrypted_count, supported_os_count, stale_count
			from device_snapshot
			where organisation_id = ${organisationId} and as_of <= m.month_end
			order by as_of desc
			limit 1
		) d on true`.execute(db);
	return Number(result.numAffectedRows ?? 0);
}

export interface MonthlyRollupRow {
	month: string;
	training_required_staff: number | null;
	training_trained_staff: number | null;
	training_completing_staff: number | null;
	device_as_of: string | null;
	device_total: number | null;
	device_managed: number | null;
	device_compliant: number | null;
	device_encrypted: number | null;
	device_supported_os: number | null;
	device_stale: number | null;
	incidents_detected: number | null;
	incidents_ico_reportable: number | null;
	incidents_dhsc_reportable: number | null;
	incidents_notified_late: number | null;
	incident_cost_pence: number | null;
	spend_pence: number | null;
	spend_by_category: Record<string, number> | null;
	refreshed_at: Date;
}

/** The rollup rows of months from..to (first days of months, inclusive), oldest first: one index range read. */
export async function selectMonthlyRollup(db: Kysely<DB>, organisationId: number, from: string, to: string): Promise<MonthlyRollupRow[]> {
	const rows = await db
		.selectFrom('monthly_rollup')
		.selectAll()
		.where('organisation_id', '=', organisationId)
		.where('month', '>=', from)
		.where('month', '<=', to)
		.orderBy('month')
		.execute();
	return rows.map(({ organisation_id: _, ...row }) => ({ ...row, spend_by_category: row.spend_by_category as Record<string, number> | null }));
}

/** A month's figures to a date inside it, in the rollup's shape (see toDateRow in trends.ts for how they replace the month's). */
export type MonthToDateRow = Omit<MonthlyRollupRow, 'refreshed_at' | 'month'>;

/**
 * The rollup's figures for the month starting `monthStart`, as they stand at the end of `asOf` (a day inside
 * it) rather than at the month's end: training as the metrics count it on that date, the latest device
 * snapshot on or before it, incidents detected and spend dated from the month's first day to it. Nothing
 * dated after `asOf` counts. Counts here are never null; whether the month has incident or spend data at
 * all is the rollup's to say.
 */
export async function selectMonthToDate(db: Kysely<DB>, organisationId: number, monthStart: string, asOf: string): Promise<MonthToDateRow> {
	const start = startOfDay(sql`${monthStart}::date`);
	const end = startOfDay(sql`${asOf}::date + 1`);
	const { rows } = await sql<MonthToDateRow>`
		with person as (
			select staff_key collate "C" as staff_key,
				coalesce(bool_or(completed_on > (${asOf}::date - interval '12 months')::date and completed_on <= ${asOf}::date), false) as done,
				coalesce(bool_or(completed_on >= ${monthStart}::date and completed_on <= ${asOf}::date), false) as completing
			from training_record where organisation_id = ${organisationId} and is_required
			group by 1
		),
		spend_category as (
			select category, sum(amount_pence)::bigint as pence from spend_line
			where organisation_id = ${organisationId} and spent_on >= ${monthStart}::date and spent_on <= ${asOf}::date
			group by 1
		)
		select
			(select nullif(count(*), 0)::int from person) as training_required_staff,
			(select case when count(*) > 0 then count(*) filter (where done)::int end from person) as training_trained_staff,
			(select case when count(*) > 0 then count(*) filter (where completing)::int end from person) as training_completing_staff,
			d.as_of as device_as_of, d.total_count as device_total, d.managed_count as device_managed, d.compliant_count as device_compliant,
			d.encrypted_count as device_encrypted, d.supported_os_count as device_supported_os, d.stale_count as device_stale,
			i.detected as incidents_detected, i.ico as incidents_ico_reportable, i.dhsc as incidents_dhsc_reportable,
			i.late as incidents_notified_late, i.cost as incident_cost_pence,
			(select coalesce(sum(pence), 0)::bigint from spend_category) as spend_pence,
			(select coalesce(jsonb_object_agg(category, pence), '{}'::jsonb) from spend_category) as spend_by_category
		from (
			select count(*)::int as detected,
				count(*) filter (where is_ico_reportable)::int as ico,
				count(*) filter (where is_dhsc_reportable)::int as dhsc,
				count(*) filter (where is_ico_reportable and notified_at < ${end} and notified_at > detected_at + interval '72 hours')::int as late,
				coalesce(sum(cost_pence), 0)::bigint as cost
			from incident where organisation_id = ${organisationId} and detected_at >= ${start} and detected_at < ${end}
		) i
		left join lateral (
			select as_of, total_count, managed_count, compliant_count, encrypted_count, supported_os_count, stale_count
			from device_snapshot
			where organisation_id = ${organisationId} and as_of <= ${asOf}::date
			order by as_of desc
			limit 1
		) d on true`.execute(db);
	return rows[0]!;
}
