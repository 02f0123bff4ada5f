/**
 * Benchmark: hostile input against the built server (issue 17). Starts it (run `npx vite build` first) on a
 * fresh embedded database with the e2e fixtures (the demo trusts), then sends each hostile upload or body
 * while two other users load the ZB1 overview page over and over. For each case it records the server's
 * answer, its peak RSS (the process, worker threads included: VmHWM, reset before each case), the p95 of the
 * overview requests made meanwhile, and its RSS once the case is over. A case holds when the server answered
 * 4xx (or refused the file in its preview), stayed under 600 MB, answered the overview within 500 ms at p95,
 * and is still healthy. The overview is measured over at least the 5 s from each case's start, so a quick
 * refusal still has samples enough for a p95. Prints every case tried and held, by category.
 *
 * Run: npx tsx tests/bench/hostile-input.ts [--backend pglite|postgres] [--bomb-mb 1024] [--body-mb 400]
 * On PostgreSQL (the production database) it creates beacon_bench_hostile_<pid> on BENCH_POSTGRES_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres) and drops it afterwards. On PGlite the server's
 * resting RSS already holds the WebAssembly engine (about 430 MB).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openPGlite, openPostgres } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { systemActor } from '../../src/lib/server/auth/actor';
import { loadShippedFrameworks } from '../../src/lib/server/frameworks/service';
import { seedDemo } from '../../src/lib/server/seed/demo';
import { signIn, type HttpSession } from '../e2e/helpers/http';
import { createFixtures, TEST_PASSWORD } from '../e2e/setup/fixtures';
import { streamedPost } from '../helpers/streamed-post';
import { adminQuery, databaseUrl } from '../integration/helpers/postgres-admin';
import { farColumnWorkbook, lyingWorkbook, millionColumnCsv, unclosedQuoteCsv, writeSharedStringsBomb } from './hostile-files';

const { values } = parseArgs({
	options: { backend: { type: 'string', default: 'pglite' }, 'bomb-mb': { type: 'string', default: '1024' }, 'body-mb': { type: 'string', default: '400' } }
});
const MB = 1024 * 1024;
const BODY_BYTES = Number(values['body-mb']) * MB;
const RSS_LIMIT_MB = 600;
const [P95_LIMIT_MS, MIN_WINDOW_MS] = [500, 5_000];

const dir = mkdtempSync(path.join(tmpdir(), 'beacon-bench-hostile-'));
const dataDir = path.join(dir, 'pglite');
process.env.BEACON_SECRET_FILE = path.join(dir, 'secret');
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const benchDatabase = `beacon_bench_hostile_${process.pid}`;
const postgresUrl = values.backend === 'postgres' ? databaseUrl(adminUrl, benchDatabase) : '';
if (postgresUrl) await adminQuery(adminUrl, `create database ${benchDatabase}`);
const database = postgresUrl ? openPostgres(postgresUrl) : await openPGlite(dataDir);
await migrateToLatest(database.db);
// The server serves the demo, as `npm start` does; the fixtures' users sign in to its trust.
const seedCtx = { db: database.db, actor: systemActor('bench') };
await loadShippedFrameworks(seedCtx);
await seedDemo(seedCtx);
const fixtures = await createFixtures(database);
await database.close();

console.log('writing the hostile files…');
const bomb = path.join(dir, 'bomb.xlsx');
await writeSharedStringsBomb(bomb, Number(values['bomb-mb']) * MB);
const files = {
	bomb: readFileSync(bomb),
	liar: await lyingWorkbook(2_500_000, 'serial-number'),
	heavy: await lyingWorkbook(950_000, 'device-xxxxxxxxxxxxxxxxxxxxxxx'),
	farColumn: await farColumnWorkbook(),
	wide: millionColumnCsv(),
	quote: unclosedQuoteCsv(50 * MB)
};

const port = 3900 + Math.floor(Math.random() * 90);
const baseUrl = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['scripts/cli.mjs', 'serve', '--no-demo'], {
	env: {
		...process.env,
		DATABASE_URL: postgresUrl,
		BEACON_DATA_DIR: dataDir,
		BEACON_UPLOAD_DIR: path.join(dir, 'uploads'),
		PORT: String(port),
		ORIGIN: baseUrl,
		BEACON_LOCAL_ACCOUNTS: 'on'
	},
	stdio: 'ignore'
});

const rssMb = (field = 'VmRSS') => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const resetPeak = () => writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
const healthy = () =>
	fetch(`${baseUrl}/health`)
		.then((r) => r.ok)
		.catch(() => false);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
	status: number;
	text: string;
}

/** POST a body of `size` bytes, declared or chunked, written only as fast as the server reads it; stops at the answer. */
const post = (pathname: string, size: number, headers: Record<string, string>, chunked: boolean): Promise<Answer> =>
	streamedPost(new URL(pathname, baseUrl), size, { headers, chunked });

const cookieOf = (session: HttpSession) => [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** Upload a file through the import page's streamed endpoint: the server stages it and previews it. */
async function upload(lead: HttpSession, name: string, bytes: Uint8Array, kind = 'devices'): Promise<Answer> {
	const response = await fetch(`${baseUrl}/org/ZB1/imports/upload?kind=${kind}&fileName=${encodeURIComponent(name)}`, {
		method: 'POST',
		headers: { origin: baseUrl, cookie: cookieOf(lead), 'content-type': 'application/octet-stream' },
		body: bytes as BodyInit
	});
	const text = await response.text();
	const blocked = (JSON.parse(text) as { preview?: { blocked?: string | null } }).preview?.blocked;
	return { status: response.status, text: blocked ?? text };
}

interface Case {
	category: string;
	name: string;
	run(): Promise<Answer[]>;
	/** The answer that means the server refused it as it should. */
	refused(answer: Answer): boolean;
}

try {
	for (let i = 0; i < 240 && !(await healthy()); i++) await sleep(500);
	const admin = await signIn(baseUrl, fixtures.principals.find((p) => p.key === 'admin')?.email ?? '', TEST_PASSWORD);
	const lead = await signIn(baseUrl, 'it_lead.zb1@e2e.beacon.invalid', TEST_PASSWORD);
	// The anonymous posts may meet the per-address rate limit (429) too.
	const tooLarge = (a: Answer) => a.status === 413 || a.status === 429;
	// A file route takes a body without a declared length only up to 64 KB: send its length, or be refused.
	const refusedUnsized = (a: Answer) => a.status === 413 || a.status === 411 || a.status === 429;
	const fileRefused = (a: Answer) => a.status === 200 && /too large|malformed|cannot be read/.test(a.text);
	const multipart = { 'content-type': 'multipart/form-data; boundary=x' };
	const cases: Case[] = [
		{
			category: 'XLSX upload and preview',
			name: `shared strings inflating to ${values['bomb-mb']} MB (${(files.bomb.length / MB).toFixed(1)} MB file)`,
			run: async () => [await upload(lead, 'bomb.xlsx', files.bomb)],
			refused: fileRefused
		},
		{
			category: 'XLSX upload and preview',
			name: '2.5 M shared strings, the archive saying 1,000 bytes',
			run: async () => [await upload(lead, 'liar.xlsx', files.liar)],
			refused: fileRefused
		},
		{
			category: 'XLSX upload and preview',
			name: '950,000 shared strings of 30 characters, within the limits',
			run: async () => [await upload(lead, 'heavy.xlsx', files.heavy)],
			refused: (a) => a.status === 200
		},
		{
			category: 'XLSX upload and preview',
			name: 'a cell at column ZZZZZZ',
			run: async () => [await upload(lead, 'far.xlsx', files.farColumn)],
			refused: fileRefused
		},
		{
			category: 'CSV upload and preview',
			name: '1,000,000 columns on one line',
			run: async () => [await upload(lead, 'wide.csv', files.wide)],
			refused: fileRefused
		},
		{
			category: 'CSV upload and preview',
			name: 'an unclosed quote over 50 MB',
			run: async () => [await upload(lead, 'quote.csv', files.quote)],
			refused: fileRefused
		},
		{
			category: 'request bodies without a session',
			name: `three ${values['body-mb']} MB posts to /verify?/file at once, declared`,
			run: () => Promise.all([0, 1, 2].map(() => post('/verify?/file', BODY_BYTES, multipart, false))),
			refused: tooLarge
		},
		{
			category: 'request bodies without a session',
			name: `three ${values['body-mb']} MB posts to /verify?/file at once, chunked`,
			run: () => Promise.all([0, 1, 2].map(() => post('/verify?/file', BODY_BYTES, multipart, true))),
			refused: refusedUnsized
		},
		{
			category: 'request bodies without a session',
			name: `a ${values['body-mb']} MB field to /signin?/password, chunked`,
			run: async () => [await post('/signin?/password', BODY_BYTES, { 'content-type': 'application/x-www-form-urlencoded' }, true)],
			refused: tooLarge
		},
		{
			category: 'request bodies, signed in',
			name: `a ${values['body-mb']} MB evidence upload, chunked`,
			run: async () => [await post('/org/ZB1/scorecard/2024-25/A1.a?/evidence', BODY_BYTES, { ...multipart, cookie: cookieOf(lead) }, true)],
			refused: refusedUnsized
		},
		{
			category: 'request bodies, signed in',
			name: 'a 2 GB import upload, declared',
			run: async () => [await post('/org/ZB1/imports/upload?kind=devices&fileName=big.csv', 2048 * MB, { cookie: cookieOf(lead) }, false)],
			refused: tooLarge
		}
	];

	// Warm up: the overview page, and one ordinary preview so the reader's modules have loaded once.
	for (let i = 0; i < 20; i++) await (await admin.request('/org/ZB1')).arrayBuffer();
	await upload(lead, 'ok.csv', Buffer.from('Device ID,OS\n1,iOS\n'));
	await sleep(3000);
	const restMb = rssMb();
	const quiet: number[] = [];
	for (let i = 0; i < 50; i++) {
		const t0 = performance.now();
		await (await admin.request('/org/ZB1')).arrayBuffer();
		quiet.push(performance.now() - t0);
	}
	console.log(`at rest: RSS ${restMb.toFixed(0)} MB; overview p95 ${pct(quiet, 0.95).toFixed(0)} ms with nothing else running`);

	const results: { category: string; name: string; held: boolean; line: string }[] = [];
	for (const c of cases) {
		resetPeak();
		let running = true;
		let sampledPeak = 0;
		const sampler = (async () => {
			while (running) {
				sampledPeak = Math.max(sampledPeak, rssMb());
				await sleep(50);
			}
		})();
		const latencies: number[] = [];
		const load = [0, 1].map(async () => {
			while (running) {
				const t0 = performance.now();
				await (await admin.request('/org/ZB1')).arrayBuffer();
				latencies.push(performance.now() - t0);
			}
		});
		const started = performance.now();
		const answers = await c.run().catch((error: unknown) => [{ status: 0, text: String(error) }]);
		const seconds = (performance.now() - started) / 1000;
		// The overview is measured over at least 5 s from the case's start, so a quick refusal still has a p95.
		await sleep(Math.max(0, MIN_WINDOW_MS - (performance.now() - started)));
		running = false;
		await Promise.all([sampler, ...load]);
		const peakMb = Math.max(sampledPeak, rssMb('VmHWM'));
		let afterMb = rssMb();
		for (let waited = 0; waited < 30_000 && afterMb > restMb + 50; waited += 1000) {
			await sleep(1000);
			afterMb = rssMb();
		}
		const alive = await healthy();
		const p95 = pct(latencies, 0.95);
		const held = answers.every(c.refused) && peakMb < RSS_LIMIT_MB && p95 < P95_LIMIT_MS && alive;
		const answer = [...new Set(answers.map((a) => `${a.status} ${a.text.trim().slice(0, 90)}`))].join(' | ');
		const line = `${held ? 'held  ' : 'FAILED'} ${c.name}: answered in ${seconds.toFixed(1)} s (${answer}); peak RSS ${peakMb.toFixed(0)} MB, after ${afterMb.toFixed(0)} MB (rest ${restMb.toFixed(0)}); overview p95 ${p95.toFixed(0)} ms over ${latencies.length} requests`;
		console.log(line);
		results.push({ category: c.category, name: c.name, held, line });
	}

	console.log('\nby category:');
	for (const category of [...new Set(results.map((r) => r.category))]) {
		const mine = results.filter((r) => r.category === category);
		console.log(`  ${category}: ${mine.filter((r) => r.held).length} of ${mine.length} held`);
		for (const r of mine) console.log(`    ${r.held ? 'held  ' : 'FAILED'} ${r.name}`);
	}
	console.log(
		`backend: ${values.backend}; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')}`
	);
	if (results.some((r) => !r.held)) process.exitCode = 1;
} finally {
	server.kill('SIGTERM');
	await new Promise((resolve) => server.once('exit', resolve));
	rmSync(dir, { recursive: true, force: true });
	if (postgresUrl) await adminQuery(adminUrl, `drop database ${benchDatabase}`);
}
