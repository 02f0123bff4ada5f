/**
 * Benchmark: one organisation's metrics as of a date on a national-size database (target: well under
 * 50 ms for an organisation with ~20,000 devices, with 1.5 M devices in all). Seeds with SQL
 * (generate_series), so loading takes a minute, not an import's worth.
 * Run: npx tsx tests/bench/metrics.ts [--backend postgres|pglite] [--orgs 75] [--devices 20000] [--runs 30]
 * PostgreSQL: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to create
 * and drop a database of its own; with --keep NAME the database NAME is seeded once, kept, and reused.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemActor } from '../../src/lib/server/auth/actor';
import { openPGlite, openPostgres, type Database } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { instantsOf, twelveMonthsBefore } from '../../src/lib/server/metrics/periods';
import * as q from '../../src/lib/server/metrics/queries';
import { getOrganisationMetrics } from '../../src/lib/server/metrics/service';
import { adminQuery, databaseUrl } from '../integration/helpers/postgres-admin';

const { values } = parseArgs({
	options: {
		backend: { type: 'string', default: 'postgres' },
		orgs: { type: 'string', default: '75' },
		devices: { type: 'string', default: '20000' },
		runs: { type: 'string', default: '30' },
		keep: { type: 'string' }
	}
});
const orgs = Number(values.orgs);
const devicesPerOrg = Number(values.devices);
const runs = Number(values.runs);
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const benchName = values.keep ?? `beacon_bench_metrics_${process.pid}`;

/** National-size data: 1.5 M devices, ~1.3 M training records, ~100,000 incidents, ~45,000 spend lines, headcounts. */
async function seed(): Promise<void> {
	const started = performance.now();
	await sql`insert into organisation (ods_code, name, kind) select 'ZM' || lpad(g::text, 3, '0'), 'Bench Trust ' || g, 'trust' from generate_series(0, ${orgs - 1}) g`.execute(
		db
	);
	await sql`insert into device_snapshot (organisation_id, as_of, source) select id, '2025-03-31', 'intune' from organisation`.execute(db);
	await sql`insert into device_snapshot (organisation_id, as_of, source) select id, '2024-12-31', 'intune' from organisation`.execute(db);
	// One full snapshot per organisation (1.5 M rows in all by default); the older snapshots are empty.
	// Each organisation's rows are inserted together, as its imports load them.
	await sql`
		insert into device (snapshot_id, device_key, os, is_os_supported, ownership, compliance, is_managed, is_encrypted, is_jailbroken, last_check_in_at)
		select s.id, md5(s.id::text || ':' || g), (array['iOS', 'Android', 'Windows'])[1 + g % 3], g % 7 <> 0,
			(array['corporate', 'personal', 'unknown'])[1 + g % 3 % 3], case when g % 5 = 0 then 'noncompliant' else 'compliant' end,
			g % 11 <> 0, g % 13 <> 0, case when g % 17 = 0 then true when g % 19 = 0 then null else false end,
			timestamptz '2025-03-31' - (g % 45) * interval '1 day'
		from device_snapshot s cross join generate_series(1, ${devicesPerOrg}) g
		where s.as_of = '2025-03-31'
		order by s.id, g`.execute(db);
	const snapshots = await sql<{ id: number }>`select id from device_snapshot`.execute(db);
	const { refreshSnapshotCounts } = await import('../../src/lib/server/devices/queries');
	for (const s of snapshots.rows) await refreshSnapshotCounts(db, s.id);
	// ~1.3 M training records: about 17,000 people per organisation, some with two completions.
	await sql`
		insert into training_record (organisation_id, staff_key, staff_group, department, course, is_required, is_board_member, completed_on)
		select o.id, md5(o.id::text || ':' || g), (array['Nursing', 'Medical', 'Admin', 'Estates'])[1 + g % 4], 'Dept ' || (g % 40),
			'IG', g % 30 <> 0, g < 12, case when g % 9 = 0 then null else date '2025-03-31' - (g % 500) end
		from organisation o cross join generate_series(1, 15000) g
		order by o.id, g`.execute(db);
	await sql`
		insert into training_record (organisation_id, staff_key, staff_group, department, course, is_required, completed_on)
		select o.id, md5(o.id::text || ':' || g), (array['Nursing', 'Medical', 'Admin', 'Estates'])[1 + g % 4], 'Dept ' || (g % 40), 'IG', true, date '2024-03-31' - (g % 300)
		from organisation o cross join generate_series(1, 2500) g
		order by o.id, g`.execute(db);
	// ~100,000 incidents over five years, ~45,000 spend lines.
	await sql`
		insert into incident (organisation_id, reference, detected_at, notified_at, contained_at, closed_at, breach_type, category, likelihood, severity,
			is_ico_reportable, is_dhsc_reportable, is_rca_completed, cost_pence)
		select o.id, 'INC-' || g, timestamptz '2020-04-01' + g * interval '31 hours', timestamptz '2020-04-01' + g * interval '31 hours' + (g % 100) * interval '1 hour',
			timestamptz '2020-04-01' + g * interval '31 hours' + (g % 30) * interval '1 hour', timestamptz '2020-04-01' + g * interval '31 hours' + interval '20 days',
			(array['confidentiality', 'integrity', 'availability'])[1 + g % 3], 'misdirected', 1 + g % 5, 1 + g % 5, g % 5 >= 2, g % 5 >= 3, g % 2 = 0, g * 100
		from organisation o cross join generate_series(1, ${Math.round(100_000 / orgs)}) g
		order by o.id, g`.execute(db);
	await sql`
		insert into spend_line (organisation_id, spent_on, category, expense_type, amount_pence)
		select o.id, date '2020-04-01' + (g % 1825), (array['mdm', 'training', 'staff', 'other'])[1 + g % 4], 'opex', 100000 + g
		from organisation o cross join generate_series(1, 600) g
		order by o.id, g`.execute(db);
	await sql`insert into organisation_headcount (organisation_id, financial_year, headcount) select o.id, y, 17000 from organisation o cross join generate_series(2020, 2025) y`.execute(
		db
	);
	console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

let database: Database;
let seeded = false;
if (values.backend === 'postgres') {
	try {
		await adminQuery(adminUrl, `create database ${benchName}`);
	} catch (error) {
		if (!values.keep) throw error;
		seeded = true;
	}
	database = openPostgres(databaseUrl(adminUrl, benchName), 4);
} else {
	database = await openPGlite('', { inMemory: true });
}
const { db } = database;

try {
	await migrateToLatest(db);
	if (!seeded) await seed();
	await sql`analyze`.execute(db);
	const counts = await sql<{ devices: number; training: number; incidents: number }>`
		select (select count(*) from device)::int as devices, (select count(*) from training_record)::int as training, (select count(*) from incident)::int as incidents`.execute(
		db
	);
	console.log(`${values.backend}:`, counts.rows[0]);

	const ctx = { db, actor: systemActor('bench') };
	const target = `ZM${String(Math.floor(orgs / 2)).padStart(3, '0')}`;
	const m = await getOrganisationMetrics(ctx, target, '2025-03-31');
	console.log(`${target}: ${m.devices.total} devices, ${m.training.requiredStaff} required staff, ${m.incidents.total} incidents in the 12 months`);
	await measure('just loaded');
	// PostgreSQL's autovacuum soon visits freshly loaded tables; measure as it leaves them too.
	await sql`vacuum analyze`.execute(db);
	await measure('after vacuum');

	async function measure(state: string): Promise<void> {
		for (let i = 0; i < 5; i++) await getOrganisationMetrics(ctx, target, '2025-03-31');
		const timings: number[] = [];
		for (let i = 0; i < runs; i++) {
			const started = performance.now();
			await getOrganisationMetrics(ctx, target, '2025-03-31');
			timings.push(performance.now() - started);
		}
		timings.sort((a, b) => a - b);
		const at = (p: number) => (timings[Math.min(timings.length - 1, Math.floor(p * timings.length))] ?? 0).toFixed(1);
		console.log(`${state}: getOrganisationMetrics over ${runs} runs: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms — target well under 50 ms`);
		// Where the time goes: each statement alone, one after another.
		const org = await sql<{ id: number }>`select id from organisation where ods_code = ${target}`.execute(db);
		const id = org.rows[0]?.id ?? 0;
		const window = twelveMonthsBefore('2025-03-31');
		const { start, end } = instantsOf(window);
		const statements: Record<string, () => Promise<unknown>> = {
			training: () => q.selectTrainingCounts(db, id, window),
			staff: () => q.selectStaffCount(db, id, 2024),
			devices: () => q.selectLatestDeviceCounts(db, id, '2025-03-31'),
			incidents: () => q.selectIncidentCounts(db, id, start, end),
			incidentMix: () => q.selectIncidentMix(db, id, start, end),
			spend: () => q.selectSpendTotals(db, id, '2020-04-01', '2025-03-31')
		};
		const parts: string[] = [];
		for (const [name, run] of Object.entries(statements)) {
			const each: number[] = [];
			for (let i = 0; i < Math.max(5, Math.floor(runs / 2)); i++) {
				const started = performance.now();
				await run();
				each.push(performance.now() - started);
			}
			each.sort((a, b) => a - b);
			parts.push(`${name} ${(each[Math.floor(each.length / 2)] ?? 0).toFixed(1)}`);
		}
		console.log(`  median ms per statement: ${parts.join(', ')}`);
	}
	console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
} finally {
	await database.close();
	if (values.backend === 'postgres' && !values.keep) await adminQuery(adminUrl, `drop database if exists ${benchName} with (force)`);
}
