/**
 * Benchmark: DSPT scorecards on the national instance (`seed national`: 260 organisations, ~1.5 M devices,
 * ~1.3 M training records, ~93,000 incidents). Targets: one organisation's scorecard < 50 ms; every
 * organisation's < 5 s; peak memory of the process computing them all < 500 MB. Also times the seed.
 *
 * Each step runs in its own process, so the peak RSS measured is that step's alone: the seed is the real
 * CLI (`seed national`, GNU time's maximum RSS); the measurements run this file again with --measure,
 * which only opens the existing database and computes (process.resourceUsage().maxRSS).
 *
 * Run: npx tsx tests/bench/scorecard.ts [--backend postgres|pglite|both] [--orgs 260] [--runs 5] [--keep]
 * PostgreSQL: BENCH_DATABASE_URL names a database to use (seeded if it has no national instance, kept);
 * otherwise BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to create a
 * database beacon_bench_scorecard_<pid> and drop it afterwards (kept with --keep). PGlite: a temporary
 * data directory (kept with --keep).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';

const { values } = parseArgs({
	options: {
		backend: { type: 'string', default: 'postgres' },
		orgs: { type: 'string', default: '260' },
		runs: { type: 'string', default: '5' },
		'as-of': { type: 'string', default: '2025-03-31' },
		keep: { type: 'boolean', default: false },
		measure: { type: 'string' }
	}
});
const runs = Number(values.runs);
const asOf = values['as-of'] as string;
const secret = 'bench-secret-bench-secret-bench-secret-0123';

if (values.measure) await measure(values.measure);
else await main();

/** Child mode: open the database the environment names and measure one thing; print a JSON line. */
async function measure(what: string): Promise<void> {
	const { systemActor } = await import('../../src/lib/server/auth/actor');
	const { readDatabaseConfig } = await import('../../src/lib/server/config');
	const { openDatabase } = await import('../../src/lib/server/db/connect');
	const { getAllScorecards } = await import('../../src/lib/server/scorecard/all-organisations');
	const { getScorecard } = await import('../../src/lib/server/scorecard/service');
	const database = await openDatabase(readDatabaseConfig());
	const ctx = { db: database.db, actor: systemActor('bench') };
	const result: Record<string, unknown> = { what };
	try {
		if (what === 'open') {
			// The baseline: modules loaded, database open, one trivial query.
			await sql`select count(*) from organisation`.execute(database.db);
		} else if (what === 'vacuum') {
			const started = performance.now();
			await sql`vacuum analyze`.execute(database.db);
			result.seconds = (performance.now() - started) / 1000;
		} else if (what === 'all') {
			const timings: number[] = [];
			let statuses: Record<string, number> = {};
			for (let i = 0; i < runs; i++) {
				const started = performance.now();
				const cards = await getAllScorecards(ctx, '2024-25', asOf);
				timings.push(performance.now() - started);
				statuses = {};
				for (const c of cards) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
				result.organisations = cards.length;
			}
			Object.assign(result, { first: timings[0], ...stats(timings.slice(1).length ? timings.slice(1) : timings), statuses });
		} else if (what === 'one') {
			// The ten largest trusts (~18,000 devices, ~14,000 staff) and every 26th organisation, each several times.
			const largest = (
				await sql<{ ods_code: string }>`
				select o.ods_code from organisation o join device_snapshot s on s.organisation_id = o.id
				where o.ods_code like 'ZN%' order by s.total_count desc, o.ods_code limit 10`.execute(database.db)
			).rows.map((r) => r.ods_code);
			const orgs = await database.db.selectFrom('organisation').select('ods_code').where('ods_code', 'like', 'ZN%').orderBy('ods_code').execute();
			const sample = [...largest, ...orgs.map((o) => o.ods_code).filter((_, i) => i % 26 === 0)];
			for (const code of sample) await getScorecard(ctx, code, '2024-25', asOf);
			const timings: number[] = [];
			const large: number[] = [];
			for (let i = 0; i < runs; i++) {
				for (const code of sample) {
					const started = performance.now();
					await getScorecard(ctx, code, '2024-25', asOf);
					const ms = performance.now() - started;
					timings.push(ms);
					if (largest.includes(code)) large.push(ms);
				}
			}
			Object.assign(result, { organisations: sample.length, ...stats(timings), large: stats(large) });
		}
	} finally {
		await database.close();
	}
	result.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
	// Where the memory is at the end: the JavaScript heap, and buffers outside it (PGlite's WebAssembly memory).
	const memory = process.memoryUsage();
	result.heapMb = Math.round(memory.heapTotal / 2 ** 20);
	result.arrayBuffersMb = Math.round(memory.arrayBuffers / 2 ** 20);
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

function stats(timings: number[]) {
	const sorted = [...timings].sort((a, b) => a - b);
	const at = (p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;
	return { runs: sorted.length, median: at(0.5), p90: at(0.9), max: at(1) };
}

function run(args: string[], env: Record<string, string>): { seconds: number; rssMb: number; stdout: string } {
	const started = performance.now();
	const child = spawnSync('/usr/bin/time', ['-f', 'RSS_KB=%M', 'node', '--import', 'tsx', ...args], {
		env: { ...process.env, BEACON_SECRET: secret, ...env },
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	const seconds = (performance.now() - started) / 1000;
	if (child.status !== 0) throw new Error(`${args.join(' ')} failed (${child.status}):\n${child.stderr}`);
	return { seconds, rssMb: Math.round(Number(/RSS_KB=(\d+)/.exec(child.stderr)?.[1] ?? 0) / 1024), stdout: child.stdout };
}

function bench(label: string, env: Record<string, string>): void {
	const self = path.relative(process.cwd(), new URL(import.meta.url).pathname);
	const child = (what: string) =>
		JSON.parse(
			run([self, '--measure', what, '--runs', String(runs), '--as-of', asOf], env)
				.stdout.trim()
				.split('\n')
				.at(-1) ?? '{}'
		);
	console.log(`${label}: seeding ${values.orgs} organisations…`);
	const seed = run(['scripts/cli.mjs', 'seed', 'national', '--orgs', String(values.orgs), '--json'], env);
	const outcome = JSON.parse(seed.stdout) as { created: boolean; devices: number; trainingRecords: number; incidents: number };
	console.log(
		`${label}: seed national ${outcome.created ? `${seed.seconds.toFixed(1)} s` : 'already present'} (CLI process, peak RSS ${seed.rssMb} MB): ` +
			`${outcome.devices.toLocaleString('en-GB')} devices, ${outcome.trainingRecords.toLocaleString('en-GB')} training records, ${outcome.incidents.toLocaleString('en-GB')} incidents`
	);
	const open = child('open');
	console.log(
		`${label}: a process that only opens the database and runs one query: peak RSS ${open.maxRssMb} MB (heap ${open.heapMb} MB, buffers ${open.arrayBuffersMb} MB)`
	);
	const vacuum = child('vacuum');
	console.log(`${label}: vacuum analyze ${vacuum.seconds.toFixed(1)} s`);
	const all = child('all');
	console.log(
		`${label}: all ${all.organisations} scorecards: first ${Math.round(all.first)} ms, then median ${all.median} ms, p90 ${all.p90} ms over ${all.runs} runs ` +
			`(target < 5,000 ms); peak RSS of that process ${all.maxRssMb} MB (target < 500 MB; heap ${all.heapMb} MB, buffers ${all.arrayBuffersMb} MB at the end); ${JSON.stringify(all.statuses)}`
	);
	const one = child('one');
	console.log(
		`${label}: one scorecard: median ${one.median} ms, p90 ${one.p90} ms, max ${one.max} ms over ${one.runs} (${one.organisations} organisations × ${runs}); ` +
			`the ten largest trusts alone: median ${one.large.median} ms, p90 ${one.large.p90} ms (target < 50 ms)`
	);
}

async function main(): Promise<void> {
	console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
	if (values.backend === 'postgres' || values.backend === 'both') {
		const { adminQuery, databaseUrl } = await import('../integration/helpers/postgres-admin');
		const given = process.env.BENCH_DATABASE_URL;
		const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
		const name = `beacon_bench_scorecard_${process.pid}`;
		if (!given) await adminQuery(adminUrl, `create database ${name}`);
		try {
			bench('PostgreSQL', { DATABASE_URL: given ?? databaseUrl(adminUrl, name) });
		} finally {
			if (!given && !values.keep) await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
			if (!given && values.keep) console.log(`kept database ${name}`);
		}
	}
	if (values.backend === 'pglite' || values.backend === 'both') {
		const dir = mkdtempSync(path.join(tmpdir(), 'beacon-bench-scorecard-'));
		try {
			bench('PGlite', { BEACON_DATA_DIR: dir, DATABASE_URL: '' });
		} finally {
			if (values.keep) console.log(`kept PGlite data directory ${dir}`);
			else rmSync(dir, { recursive: true, force: true });
		}
	}
}
