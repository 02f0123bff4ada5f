/**
 * Benchmark: importing a 1,000,000-row Intune "All devices" CSV (targets: PostgreSQL ≥ 100,000 rows/s end
 * to end and ≥ 0.6× `psql \copy` of the same stored rows into the same table; PGlite ≥ 30,000 rows/s;
 * peak RSS < 400 MB, and no more for a file ten times larger).
 * Each import runs in its own process (the real CLI), so its peak RSS is the import's alone.
 * Run: npx tsx tests/bench/import-devices.ts [--rows 1000000|10000000] [--backend postgres|pglite|both] [--database NAME]
 * PostgreSQL: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to create
 * and drop a database of its own (--database names it; default beacon_bench_<pid>).
 * The file is written to a temporary directory and deleted at the end (10,000,000 rows is 4.7 GB).
 * The load average is printed before and after: a ratio to psql is reported only when the 1-minute load
 * was at most 0.5 at the start, since other work on the machine slows the two unequally; under load the
 * rates are still printed, marked as measured under load.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeIntuneExport } from '../fixtures/intune-export';

const { values } = parseArgs({
	options: { rows: { type: 'string', default: '1000000' }, backend: { type: 'string', default: 'both' }, database: { type: 'string' } }
});
const rows = Number(values.rows);
if (!Number.isSafeInteger(rows) || rows < 1) throw new Error('--rows is a whole number of rows, e.g. 1000000 or 10000000');
if (values.database && !/^[a-z_][a-z0-9_]*$/.test(values.database)) throw new Error('--database is a plain lower-case name');
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const work = mkdtempSync(path.join(tmpdir(), 'beacon-bench-import-'));
const file = path.join(work, `intune-${rows}.csv`);
const secret = 'bench-secret-bench-secret-bench-secret-0123';
/** Above this 1-minute load average at the start, the machine is busy and no ratio is reported. */
const IDLE_LOAD = 0.5;
const load = () =>
	loadavg()
		.map((l) => l.toFixed(2))
		.join(', ');
const startLoad = loadavg()[0] ?? 0;
const busy = startLoad > IDLE_LOAD;
console.log(`load average at the start (1, 5, 15 min): ${load()}${busy ? ' — busy: rates will be marked as measured under load, and no ratio given' : ''}`);

process.on('exit', () => rmSync(work, { recursive: true, force: true }));
console.log(`writing ${rows.toLocaleString('en-GB')} Intune rows to ${file}…`);
await writeIntuneExport(file, rows);
console.log(
	`file: ${(statSync(file).size / 1e6).toFixed(0)} MB, ${rows.toLocaleString('en-GB')} rows; ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB`
);

/** Run the CLI; returns wall seconds, the process's peak RSS in MB and its CPU seconds, all threads (GNU time's %M, %U + %S). */
function cli(args: string[], env: Record<string, string>): { seconds: number; rssMb: number; cpuSeconds: number; stdout: string } {
	const started = performance.now();
	const run = spawnSync('/usr/bin/time', ['-f', 'RSS_KB=%M CPU=%U+%S', 'node', 'scripts/cli.mjs', ...args], {
		env: { ...process.env, BEACON_SECRET: secret, ...env },
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	const seconds = (performance.now() - started) / 1000;
	if (run.status !== 0) throw new Error(`cli ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
	const rss = Number(/RSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
	const cpu = /CPU=([\d.]+)\+([\d.]+)/.exec(run.stderr);
	return { seconds, rssMb: Math.round(rss), cpuSeconds: Number(cpu?.[1] ?? 0) + Number(cpu?.[2] ?? 0), stdout: run.stdout };
}

function psql(url: string, ...args: string[]): string {
	return execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', ...args], { encoding: 'utf8' });
}

/** Checkpoints PostgreSQL has begun since its statistics were reset, on time or on WAL volume. */
function checkpoints(url: string): number {
	return Number(psql(url, '-c', 'select checkpoints_timed + checkpoints_req from pg_stat_bgwriter').trim());
}

const results: string[] = [];

if (values.backend !== 'pglite') {
	const name = values.database ?? `beacon_bench_${process.pid}`;
	psql(adminUrl, '-c', `create database ${name}`);
	const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
	try {
		const env = { DATABASE_URL: url };
		cli(['migrate'], env);
		cli(['org', 'add', '--ods', 'ZX1', '--name', 'Bench Trust', '--kind', 'trust'], env);
		// Each timed run starts from a checkpoint: a million rows write about 500 MB of WAL, close to what sets
		// off a checkpoint on PostgreSQL's defaults, and one begun by the run before would otherwise slow
		// whichever run it fell in (measured: the same import in 15.1 s and 18.2 s).
		psql(url, '-c', 'checkpoint');
		const loadBefore = load();
		const checkpointsBefore = checkpoints(url);
		const run = cli(['import', 'devices', file, '--org', 'ZX1', '--json'], env);
		const report = JSON.parse(run.stdout) as { rowsImported: number };
		if (report.rowsImported !== rows) throw new Error(`imported ${report.rowsImported} of ${rows}`);
		const checkpointsInImport = checkpoints(url) - checkpointsBefore;
		// The baseline: psql \copy of the very rows Beacon stored, into the same table, in one transaction.
		const stored = path.join(work, 'stored.tsv');
		const columns =
			'snapshot_id, device_key, device_type, os, os_version, is_os_supported, ownership, compliance, is_managed, is_encrypted, is_jailbroken, enrolled_at, last_check_in_at, manufacturer, model';
		psql(url, '-c', `\\copy (select ${columns} from device) to '${stored}'`);
		psql(url, '-c', `insert into device_snapshot (organisation_id, as_of, source) select id, '2000-01-01', 'other' from organisation where ods_code = 'ZX1'`);
		const baselineFile = path.join(work, 'baseline.tsv');
		execFileSync('sh', [
			'-c',
			`awk -F'\\t' -v OFS='\\t' -v id="$(psql '${url}' -qAt -c "select max(id) from device_snapshot")" '{ $1 = id; print }' '${stored}' > '${baselineFile}'`
		]);
		psql(url, '-c', 'checkpoint');
		const copyCheckpointsBefore = checkpoints(url);
		const started = performance.now();
		psql(url, '-1', '-c', `\\copy device (${columns}) from '${baselineFile}'`);
		const copySeconds = (performance.now() - started) / 1000;
		const checkpointsInCopy = checkpoints(url) - copyCheckpointsBefore;
		const ours = rows / run.seconds;
		const theirs = rows / copySeconds;
		results.push(
			`PostgreSQL${busy ? ' (MEASURED UNDER LOAD)' : ''}: beacon import ${run.seconds.toFixed(1)} s = ${Math.round(ours).toLocaleString('en-GB')} rows/s (peak RSS ${run.rssMb} MB, CPU ${run.cpuSeconds.toFixed(1)} s); ` +
				`psql \\copy of the stored rows ${copySeconds.toFixed(1)} s = ${Math.round(theirs).toLocaleString('en-GB')} rows/s; ` +
				(busy
					? `no ratio: the 1-minute load average was ${startLoad.toFixed(2)} at the start (more than ${IDLE_LOAD}); measure on an idle machine`
					: `ratio ${(ours / theirs).toFixed(2)}×`),
			`load average (1, 5, 15 min) at the start ${startLoad.toFixed(2)}; before the import ${loadBefore}; after psql ${load()}`,
			`checkpoints PostgreSQL began during the import: ${checkpointsInImport}; during psql \\copy: ${checkpointsInCopy}`
		);
	} finally {
		psql(adminUrl, '-c', `drop database if exists ${name} with (force)`);
	}
}

if (values.backend !== 'postgres') {
	const env = { BEACON_DATA_DIR: path.join(work, 'pglite'), DATABASE_URL: '' };
	cli(['migrate'], env);
	cli(['org', 'add', '--ods', 'ZX1', '--name', 'Bench Trust', '--kind', 'trust'], env);
	const loadBefore = load();
	const run = cli(['import', 'devices', file, '--org', 'ZX1', '--json'], env);
	const report = JSON.parse(run.stdout) as { rowsImported: number };
	if (report.rowsImported !== rows) throw new Error(`imported ${report.rowsImported} of ${rows}`);
	results.push(
		`PGlite${busy ? ' (MEASURED UNDER LOAD)' : ''}: beacon import ${run.seconds.toFixed(1)} s = ${Math.round(rows / run.seconds).toLocaleString('en-GB')} rows/s (peak RSS ${run.rssMb} MB, CPU ${run.cpuSeconds.toFixed(1)} s); load average before ${loadBefore}, after ${load()}`
	);
}

rmSync(work, { recursive: true, force: true });
console.log(results.join('\n'));
console.log('(wall time of the whole CLI process: start-up, hashing the file, parsing, validating, COPY, rollup, commit)');
