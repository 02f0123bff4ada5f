/**
 * Benchmark: a fresh embedded (PGlite) database to migrated and seeded with the demo, in one process, as
 * `npm start` does on a fresh clone. Target (issue 2): under 15 s. Run: npm run bench:seed [-- --runs 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openPGlite } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { systemActor } from '../../src/lib/server/auth/actor';

const SYSTEM = systemActor('test');

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const timings: { open: number; migrate: number; seed: number; total: number }[] = [];

for (let run = 1; run <= runs; run++) {
	const dir = mkdtempSync(path.join(tmpdir(), 'beacon-bench-'));
	const t0 = performance.now();
	const database = await openPGlite(dir);
	const t1 = performance.now();
	await migrateToLatest(database.db);
	const t2 = performance.now();
	const outcome = await seedDemo({ db: database.db, actor: SYSTEM });
	await database.close();
	const t3 = performance.now();
	rmSync(dir, { recursive: true, force: true });
	timings.push({ open: t1 - t0, migrate: t2 - t1, seed: t3 - t2, total: t3 - t0 });
	const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
	console.log(
		`run ${run}: open ${s(t1 - t0)}, migrate ${s(t2 - t1)}, seed ${s(t3 - t2)} (${outcome.devices} devices, ${outcome.trainingRecords} training records), total ${s(t3 - t0)}`
	);
}

const totals = timings.map((t) => t.total).sort((a, b) => a - b);
const median = totals[Math.floor(totals.length / 2)] ?? 0;
console.log(`median total ${(median / 1000).toFixed(2)} s over ${runs} run(s) — target < 15 s`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
