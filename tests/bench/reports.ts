/**
 * Benchmark: generating the board pack and the regulator pack (with its bundle) for a demo trust, end to
 * end as `report` does it (gather the data, hash it, render the PDF, store the snapshot). Targets: board
 * pack ≤ 2 s p50 and ≤ 3 MB; regulator pack with bundle ≤ 5 s; peak memory < 500 MB. Then what freezing
 * adds to the PDF alone: the same pack rendered without its embedded files and signature, and with them
 * (embedding, the signature field and the seal), median of the same number of runs: target ≤ 200 ms.
 * Run: npx tsx tests/bench/reports.ts [--backend postgres|pglite] [--runs 7] [--org ZB1] [--period 2025-26]
 * PostgreSQL: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to create
 * and drop a database of its own. Peak memory is this process's maximum RSS (the database's own memory is
 * PostgreSQL's, or PGlite's inside this process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../../src/lib/server/auth/actor';
import { openPGlite, openPostgres, type Database } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { loadShippedFrameworks } from '../../src/lib/server/frameworks/service';
import { REPORT_KINDS } from '../../src/lib/server/reports/kinds';
import { parsePeriod } from '../../src/lib/server/reports/period';
import { generateReport } from '../../src/lib/server/reports/service';
import { signingIdentity } from '../../src/lib/server/signing/identity';
import { sealPdf } from '../../src/lib/server/signing/seal';
import { renderPdf } from '../../reports/render.server';
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
	// What signing and embedding add: the same data and frame rendered bare, then frozen (files + signature).
	signingIdentity();
	const overhead: Record<string, { bare: number[]; frozen: number[]; seal: number[]; added: number[] }> = {};
	for (const kind of ['board', 'regulator'] as const) {
		const definition = REPORT_KINDS[kind];
		const data = JSON.parse(JSON.stringify(await definition.gather(ctx, values.org!, parsePeriod(values.period!)!)));
		const meta = {
			title: definition.title,
			organisation: { ods: values.org!, name: values.org! },
			period: values.period!,
			reportId: '00000000-0000-4000-8000-000000000000',
			dataSha256: '0'.repeat(64),
			generatedAt: new Date().toISOString()
		};
		const bare: number[] = [];
		const frozen: number[] = [];
		const seal: number[] = [];
		const added: number[] = [];
		// Alternating, and differences taken pair by pair: the machine's load moves between runs.
		for (let i = 0; i < runs; i++) {
			let t = performance.now();
			await renderPdf(definition.build(data, meta));
			const b = performance.now() - t;
			t = performance.now();
			const withFiles = await renderPdf(definition.build(data, meta), {
				files: definition
					.files(data, meta)
					.map(([name, bytes]) => ({ name, bytes, type: 'application/json', description: name, relationship: 'Data' as const })),
				signature: { reason: 'bench', name: 'Beacon', location: 'bench', contactInfo: '', signingTime: new Date() }
			});
			const f = performance.now() - t;
			t = performance.now();
			await sealPdf(withFiles.bytes, signingIdentity());
			const sl = performance.now() - t;
			bare.push(b);
			frozen.push(f + sl);
			seal.push(sl);
			added.push(f + sl - b);
		}
		overhead[kind] = { bare, frozen, seal, added };
	}
	console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; backend ${values.backend}; ${values.org} ${values.period}; ${runs} runs each`);
	for (const [kind, r] of Object.entries(results)) {
		console.log(
			`${kind}: p50 ${median(r.ms).toFixed(0)} ms (first ${r.ms[0]!.toFixed(0)} ms, max ${Math.max(...r.ms).toFixed(0)} ms); ${r.pages} pages, PDF ${mb(r.bytes)}${r.bundle ? `, bundle ${mb(r.bundle)}` : ''}`
		);
	}
	for (const [kind, o] of Object.entries(overhead))
		console.log(
			`${kind}: PDF alone p50 ${median(o.bare).toFixed(0)} ms; with embedded files + signature p50 ${median(o.frozen).toFixed(0)} ms; added, pair by pair: p50 ${median(o.added).toFixed(0)} ms (min ${Math.min(...o.added).toFixed(0)}, max ${Math.max(...o.added).toFixed(0)}), of which the seal (CMS over the bytes) p50 ${median(o.seal).toFixed(0)} ms`
		);
	console.log(
		`load average at the end: ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`
	);
	console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)} (after seeding: ${mb(rssBefore)})`);
} finally {
	await database.close();
	if (values.backend === 'pglite') rmSync(dir, { recursive: true, force: true });
	else await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
}
