/**
 * Benchmark: the latency the per-request session check adds (issue 3). Starts the built server (run
 * `npm run build` first) on a fresh embedded database with the e2e fixtures, signs in, then times GET
 * /health with and without the session cookie, interleaved. With a cookie, every request decrypts and
 * re-issues the session token and re-reads the user and their grants; the difference of the medians is
 * what the check costs. Run: npx tsx tests/bench/session-check.ts [--requests 2000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openPGlite } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { HttpSession, signIn } from '../e2e/helpers/http';
import { createFixtures, TEST_PASSWORD } from '../e2e/setup/fixtures';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' } } });
const requests = Number(values.requests);
const dir = mkdtempSync(path.join(tmpdir(), 'beacon-bench-session-'));
const dataDir = path.join(dir, 'pglite');
process.env.BEACON_SECRET_FILE = path.join(dir, 'secret');
const database = await openPGlite(dataDir);
await migrateToLatest(database.db);
const fixtures = await createFixtures(database);
await database.close();

const port = 3900 + Math.floor(Math.random() * 90);
const baseUrl = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['scripts/cli.mjs', 'serve', '--no-demo'], {
	env: { ...process.env, DATABASE_URL: '', BEACON_DATA_DIR: dataDir, PORT: String(port), ORIGIN: baseUrl, BEACON_LOCAL_ACCOUNTS: 'on' },
	stdio: 'ignore'
});
try {
	for (let i = 0; i < 120; i++) {
		if (
			await fetch(`${baseUrl}/health`)
				.then((r) => r.ok)
				.catch(() => false)
		)
			break;
		await new Promise((r) => setTimeout(r, 500));
	}
	const admin = fixtures.principals.find((p) => p.key === 'admin');
	const signedIn = await signIn(baseUrl, admin?.email ?? '', TEST_PASSWORD);
	const anonymous = new HttpSession(baseUrl);
	const time = async (session: HttpSession) => {
		const t0 = performance.now();
		const response = await session.request('/health');
		await response.arrayBuffer();
		return performance.now() - t0;
	};
	for (let i = 0; i < 200; i++) await Promise.all([time(signedIn), time(anonymous)]);
	const withSession: number[] = [];
	const without: number[] = [];
	for (let i = 0; i < requests; i++) {
		withSession.push(await time(signedIn));
		without.push(await time(anonymous));
	}
	if (!signedIn.signedIn) throw new Error('the session ended during the benchmark');
	const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;
	const ms = (x: number) => `${x.toFixed(2)} ms`;
	console.log(`GET /health without a session: p50 ${ms(pct(without, 0.5))}, p95 ${ms(pct(without, 0.95))}`);
	console.log(`GET /health with a session:    p50 ${ms(pct(withSession, 0.5))}, p95 ${ms(pct(withSession, 0.95))}`);
	console.log(`added by the session check: p50 ${ms(pct(withSession, 0.5) - pct(without, 0.5))} over ${requests} requests each (embedded PGlite)`);
	console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
} finally {
	server.kill('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
}
