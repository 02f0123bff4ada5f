/**
 * Benchmark: generating the board pack and the regulator pack (with its bundle) for a demo trust, end to
 * end as `report` does it (gather the data, hash it, render the PDF, store the snapshot). Targets: board
 * pack ≤ 2 s p50 and ≤ 3 MB; regulator pack with bundle ≤ 5 s; peak memory < 500 MB.
 * Run: npx tsx tests/bench/reports.ts [--backend postgres|pglite] [--runs 7] [--org ZB1] [--period 2025-26]
 * PostgreSQL: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to create
 * and drop a database of its own. Peak memory is this process's maximum RSS (the database's own memory is
 * PostgreSQL's, or PGlite's inside this process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../../src/lib/server/auth/actor';
import { openPGlite, openPostgres, type Database } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { loadShippedFrameworks } from '../../src/lib/server/frameworks/service';
import { generateReport } from '../../src/lib/server/reports/service';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { adminQuery, databaseUrl } from '../integration/helpers/postgres-admin';

const { values } = parseArgs({
	options: {
		backend: { type: 'string', default: 'postgres' },
		runs: { type: 'string', default: '7' },
		org: { type: 'string', default: 'ZB1' },
		period: { type: 'string', default: '2025-26' }
	}
});
const runs = Number(values.runs);
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `beacon_bench_reports_${process.pid}`;
const dir = values.backend === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'beacon-bench-reports-')) : '';

async function open(): Promise<Database> {
	if (values.backend === 'pglite') return openPGlite(dir);
	await adminQuery(adminUrl, `create database ${name}`);
	return openPostgres(databaseUrl(adminUrl, name), 4);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const database = await open();
try {
	const ctx = { db: database.db, actor: systemActor('bench') };
	await migrateToLatest(database.db);
	await loadShippedFrameworks(ctx);
	await seedDemo(ctx);
	const rssBefore = process.resourceUsage().maxRSS * 1024;
	const results: Record<string, { ms: number[]; pages: number; bytes: number; bundle: number }> = {};
	for (const kind of ['board', 'regulator'] as const) {
		const ms: number[] = [];
		let last: Awaited<ReturnType<typeof generateReport>> | undefined;
		for (let i = 0; i < runs; i++) {
			const started = performance.now();
			last = await generateReport(ctx, values.org!, kind, values.period!);
			ms.push(performance.now() - started);
		}
		results[kind] = { ms, pages: last!.pages, bytes: last!.bytes, bundle: last!.bundle?.length ?? 0 };
	}
	console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; backend ${values.backend}; ${values.org} ${values.period}; ${runs} runs each`);
	for (const [kind, r] of Object.entries(results)) {
		console.log(
			`${kind}: p50 ${median(r.ms).toFixed(0)} ms (first ${r.ms[0]!.toFixed(0)} ms, max ${Math.max(...r.ms).toFixed(0)} ms); ${r.pages} pages, PDF ${mb(r.bytes)}${r.bundle ? `, bundle ${mb(r.bundle)}` : ''}`
		);
	}
	console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)} (after seeding: ${mb(rssBefore)})`);
} finally {
	await database.close();
	if (values.backend === 'pglite') rmSync(dir, { recursive: true, force: true });
	else await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
}
