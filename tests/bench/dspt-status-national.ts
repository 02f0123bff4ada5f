/**
 * Benchmark: a national public DSPT status export (targets: 64,000 rows over five editions imported in under
 * 15 s on PostgreSQL; `benchmark` on it in under 1 s). Writes a fictional export in the 2022 onward layout
 * (codes ZN…, odd codes among them as real exports have), imports it as one snapshot, then a second snapshot a
 * month later in which every 50th organisation changed status, and times the status distribution of an edition.
 * Run: npx tsx tests/bench/dspt-status-national.ts [--rows 64000]; with BENCH_DATABASE_URL set it uses that
 * PostgreSQL database (which it migrates and fills), else an in-memory PGlite.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemActor } from '../../src/lib/server/auth/actor';
import { getStatusDistribution } from '../../src/lib/server/benchmark/public-status';
import { openPGlite, openPostgres } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { importDsptStatus } from '../../src/lib/server/imports/dspt-status-import';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '64000' } } });
const total = Number(values.rows);
const url = process.env.BENCH_DATABASE_URL;
const database = url ? openPostgres(url) : await openPGlite('', { inMemory: true });
await migrateToLatest(database.db);
await sql`delete from public_status`.execute(database.db);
await sql`delete from import_batch where kind = 'dspt-status'`.execute(database.db);
const ctx = { db: database.db, actor: systemActor('bench') };

const EDITIONS = ['19/20', '20/21', '21/22', '22/23', '23/24'];
const STATUSES = ['Standards Met', 'Standards Exceeded', 'Approaching Standards', 'Standards Not Met'];
const SECTORS = ['GP', 'Social Care', 'Pharmacy', 'Dental', 'NHS Trust', 'Optician'];
const dir = mkdtempSync(path.join(tmpdir(), 'beacon-bench-dspt-'));

function writeExport(name: string, shift: number): string {
	const lines = ['Code,Organisation Name,Status,Date Of Publication,Primary Sector,Commissioner (From ODS)'];
	for (let i = 0; i < total; i++) {
		const code = i % 400 === 0 ? `${i}` : i % 401 === 0 ? `ZN${i}-MASH` : `ZN${i}`;
		const edition = EDITIONS[i % EDITIONS.length] as string;
		const changed = shift > 0 && i % 50 === 0 ? shift : 0;
		const status = i % 97 === 0 ? 'Not Published' : `${edition} ${STATUSES[(i + changed) % STATUSES.length]}`;
		const year = 2000 + Number(edition.slice(3));
		const date = status === 'Not Published' ? '' : `${String((i % 28) + 1).padStart(2, '0')}/06/${year}`;
		lines.push(`${code},Fictional organisation ${i},${status},${date},${SECTORS[i % SECTORS.length]},NHS FICTIONAL ICB ${i % 42}`);
	}
	const file = path.join(dir, name);
	writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
	const t0 = performance.now();
	const result = await work();
	console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
	return result;
};

console.log(`national export of ${total.toLocaleString('en-GB')} rows on ${database.kind}`);
const first = await timed('import, first snapshot', () =>
	importDsptStatus(ctx, { path: writeExport('national-1.csv', 0), edition: '23/24', asOf: '2024-07-01' })
);
console.log(`  ${first.rowsImported} statuses, ${first.errors.length} problems, editions ${first.editions.join(' ')}`);
const second = await timed('import, second snapshot', () =>
	importDsptStatus(ctx, { path: writeExport('national-2.csv', 1), edition: '23/24', asOf: '2024-08-01' })
);
console.log(`  ${second.rowsImported} statuses, ${second.changes.count} changed against the first`);
for (let run = 1; run <= 3; run++) {
	const d = await timed(`benchmark --edition 22/23, run ${run}`, () => getStatusDistribution(ctx, { edition: '22/23', asOf: '2024-12-31' }));
	if (run === 3) console.log(`  ${d.total} organisations: ${JSON.stringify(d.statuses)}`);
}
await timed('benchmark --edition 22/23 --sector GP', () => getStatusDistribution(ctx, { edition: '22/23', sector: 'GP', asOf: '2024-12-31' }));
rmSync(dir, { recursive: true, force: true });
await database.close();
