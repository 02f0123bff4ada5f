import { sql, type Kysely } from 'kysely';
import type { ServiceContext } from '../../../src/lib/server/context';
import type { DB } from '../../../src/lib/server/db/schema';
import { getOrganisationMetrics } from '../../../src/lib/server/metrics/service';

/**
 * An organisation's monthly figures worked out again from its raw rows, the slow way, to check the
 * rollup against: training and devices through the metrics as of each month's last day, incidents and
 * spend by grouping the rows here (an incident's month is its month in London, as db/day.ts decides).
 */
export async function rollupFromRawRows(ctx: ServiceContext, ods: string) {
	const db = ctx.db as Kysely<DB>;
	const org = await db.selectFrom('organisation').select('id').where('ods_code', '=', ods).executeTakeFirstOrThrow();
	const incidents = (
		await sql<{ detected: string; ico: boolean; dhsc: boolean; late: boolean; cost: number | null }>`
		select to_char(detected_at at time zone 'Europe/London', 'YYYY-MM') as detected, is_ico_reportable as ico, is_dhsc_reportable as dhsc,
			coalesce(is_ico_reportable and notified_at > detected_at + interval '72 hours', false) as late, cost_pence as cost
		from incident where organisation_id = ${org.id}`.execute(db)
	).rows;
	const spend = (
		await sql<{ month: string; category: string; pence: number }>`
		select to_char(spent_on, 'YYYY-MM') as month, category, amount_pence as pence from spend_line where organisation_id = ${org.id}`.execute(db)
	).rows;
	const snapshots = (await sql<{ month: string }>`select to_char(as_of, 'YYYY-MM') as month from device_snapshot where organisation_id = ${org.id}`.execute(db))
		.rows;
	const completions = (
		await sql<{ month: string; staff_key: string }>`
		select to_char(completed_on, 'YYYY-MM') as month, staff_key from training_record
		where organisation_id = ${org.id} and is_required and completed_on is not null`.execute(db)
	).rows;

	const all = [...incidents.map((i) => i.detected), ...spend.map((s) => s.month), ...snapshots.map((s) => s.month), ...completions.map((c) => c.month)].sort();
	if (all.length === 0) return [];
	const months = monthRange(all[0] as string, all.at(-1) as string).slice(-72);
	const span = (list: string[]) => (list.length ? [list.reduce((a, b) => (a < b ? a : b)), list.reduce((a, b) => (a > b ? a : b))] : null);
	const incidentSpan = span(incidents.map((i) => i.detected));
	const spendSpan = span(spend.map((s) => s.month));
	const within = (m: string, s: string[] | null) => s !== null && m >= (s[0] as string) && m <= (s[1] as string);

	const rows = [];
	for (const month of months) {
		const end = lastDay(month);
		const metrics = await getOrganisationMetrics(ctx, ods, end);
		const required = metrics.training.requiredStaff;
		const inMonth = incidents.filter((i) => i.detected === month);
		const spent = spend.filter((s) => s.month === month);
		const byCategory: Record<string, number> = {};
		for (const s of spent) byCategory[s.category] = (byCategory[s.category] ?? 0) + s.pence;
		rows.push({
			month: `${month}-01`,
			training_required_staff: required > 0 ? required : null,
			training_trained_staff: required > 0 ? metrics.training.completed12m : null,
			training_completing_staff: required > 0 ? new Set(completions.filter((c) => c.month === month).map((c) => c.staff_key)).size : null,
			device_as_of: metrics.devices.snapshot?.asOf ?? null,
			device_total: metrics.devices.snapshot ? metrics.devices.total : null,
			device_managed: metrics.devices.snapshot ? metrics.devices.managed : null,
			device_compliant: metrics.devices.snapshot ? metrics.devices.compliant : null,
			device_encrypted: metrics.devices.snapshot ? metrics.devices.encrypted : null,
			device_supported_os: metrics.devices.snapshot ? metrics.devices.supportedOs : null,
			device_stale: metrics.devices.snapshot ? metrics.devices.stale : null,
			incidents_detected: within(month, incidentSpan) ? inMonth.length : null,
			incidents_ico_reportable: within(month, incidentSpan) ? inMonth.filter((i) => i.ico).length : null,
			incidents_dhsc_reportable: within(month, incidentSpan) ? inMonth.filter((i) => i.dhsc).length : null,
			incidents_notified_late: within(month, incidentSpan) ? inMonth.filter((i) => i.late).length : null,
			incident_cost_pence: within(month, incidentSpan) ? inMonth.reduce((sum, i) => sum + (i.cost ?? 0), 0) : null,
			spend_pence: within(month, spendSpan) ? spent.reduce((sum, s) => sum + s.pence, 0) : null,
			spend_by_category: within(month, spendSpan) ? byCategory : null
		});
	}
	return rows;
}

/** The rollup as stored, in the same shape. */
export async function storedRollup(db: Kysely<DB>, ods: string) {
	const rows = await db
		.selectFrom('monthly_rollup as r')
		.innerJoin('organisation as o', 'o.id', 'r.organisation_id')
		.selectAll('r')
		.where('o.ods_code', '=', ods)
		.orderBy('r.month')
		.execute();
	return rows.map(({ organisation_id: _o, refreshed_at: _r, ...row }) => row);
}

function monthRange(from: string, to: string): string[] {
	const out: string[] = [];
	for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)); `${y}-${String(m).padStart(2, '0')}` <= to; m === 12 ? ((m = 1), (y += 1)) : (m += 1)) {
		out.push(`${y}-${String(m).padStart(2, '0')}`);
	}
	return out;
}

function lastDay(month: string): string {
	const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
	return d.toISOString().slice(0, 10);
}
