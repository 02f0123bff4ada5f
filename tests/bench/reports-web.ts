/**
 * Benchmark: generating a pack from the Reports page, as an IT lead does it (issue 22 item 4: p50 ≤ 1 s on
 * PostgreSQL with the app warm), measured through the page: the form post to `?/generate` until its answer,
 * which comes once the pack is frozen (gathered, hashed, rendered, signed, stored).
 *
 * 1. Creates a PostgreSQL database of its own and starts the built server on it (`serve`: migrate, load the
 *    demo), from the current build: run `npx vite build` first.
 * 2. Adds an IT lead of ZB1 with the command line and signs in through the sign-in form.
 * 3. Warms up (two packs of each kind), then posts --runs board packs and --runs regulator packs, one at a
 *    time, and prints p50 / p95 / max of each, with the load average before and after.
 *
 * Run: npx tsx tests/bench/reports-web.ts [--runs 9] [--period 2025-26]
 * BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) creates and drops the database.
 * Exits non-zero on errors only, never because a target is missed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { signIn } from '../e2e/helpers/http';
import { adminQuery, databaseUrl } from '../integration/helpers/postgres-admin';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' }, period: { type: 'string', default: '2025-26' } } });
const runs = Number(values.runs);
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `beacon_bench_reports_web_${process.pid}`;
const url = databaseUrl(adminUrl, name);
const dir = mkdtempSync(path.join(tmpdir(), 'beacon-bench-reports-web-'));
const port = 4200 + Math.floor(Math.random() * 90);
const baseUrl = `http://127.0.0.1:${port}`;
const env = {
	...process.env,
	DATABASE_URL: url,
	BEACON_SECRET: 'reports-web-bench-secret-reports-web-bench-secret',
	BEACON_SIGNING_FILE: path.join(dir, 'signing.pem'),
	BEACON_LOCAL_ACCOUNTS: 'on',
	PORT: String(port),
	ORIGIN: baseUrl
};
const load = () =>
	loadavg()
		.map((n) => n.toFixed(2))
		.join(' ');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * p) - 1] ?? 0;

await adminQuery(adminUrl, `create database ${name}`);
const server = spawn(process.execPath, ['scripts/cli.mjs', 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
try {
	await new Promise<void>((resolve, reject) => {
		let said = '';
		// serve says what it is doing on standard error (standard output is for data).
		server.stderr!.on('data', (chunk: Buffer) => {
			said += chunk.toString();
			if (said.includes('Beacon is running')) resolve();
		});
		server.once('exit', (code) => reject(new Error(`serve exited with ${code} before running:\n${said}`)));
	});
	const email = 'bench.lead@example.nhs.uk';
	const password = 'reports web bench passphrase 2026';
	const added = spawnSync(
		process.execPath,
		['scripts/cli.mjs', 'user', 'add', '--email', email, '--name', 'Bench Lead', '--role', 'it_lead', '--org', 'ZB1', '--password-stdin'],
		{
			env,
			input: password
		}
	);
	if (added.status !== 0) throw new Error(`user add failed: ${added.stderr.toString()}`);
	const lead = await signIn(baseUrl, email, password);
	const generate = async (kind: 'board' | 'regulator') => {
		const started = performance.now();
		// A board pack's cover sheet, as the Reports page asks for one.
		const cover = { purpose: 'assurance', recommendation: 'To note.', executiveLead: 'Chief Digital Officer', author: 'Head of IT Security' };
		const response = await lead.request('/org/ZB1/reports?/generate', { form: { kind, period: values.period as string, ...(kind === 'board' ? cover : {}) } });
		const html = await response.text();
		const ms = performance.now() - started;
		if (response.status !== 200 || !html.includes('data-field="generated"')) throw new Error(`generating a ${kind} pack answered ${response.status}`);
		return ms;
	};
	for (const kind of ['board', 'regulator'] as const) for (let i = 0; i < 2; i++) await generate(kind);
	console.log(`load average before: ${load()}`);
	console.log('| pack, through the Reports page | p50 | p95 | max |');
	console.log('|---|---|---|---|');
	for (const kind of ['board', 'regulator'] as const) {
		const times: number[] = [];
		for (let i = 0; i < runs; i++) times.push(await generate(kind));
		console.log(
			`| ${kind} ${values.period}, ${runs} runs | ${pct(times, 0.5).toFixed(0)} ms | ${pct(times, 0.95).toFixed(0)} ms | ${Math.max(...times).toFixed(0)} ms |`
		);
	}
	console.log(`load average after: ${load()}`);
} finally {
	server.kill('SIGTERM');
	await new Promise((resolve) => server.once('exit', resolve));
	await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
	rmSync(dir, { recursive: true, force: true });
}
