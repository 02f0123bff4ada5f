/**
 * Benchmark: the overview page (`/org/ODS`) server-rendered by the built app on the national instance
 * (`seed national`: 260 organisations, ~1.5 M devices, ~1.3 M training records) in PostgreSQL (issue 6).
 * Targets: p95 < 100 ms and ≥ 200 requests/s at 10 concurrent users; JavaScript shipped for the overview
 * < 200 KB gzipped.
 *
 * 1. Seeds a database with the real CLI (`seed national`, which also loads the shipped frameworks),
 *    `vacuum analyze`s it (what autovacuum does soon after a load), and adds two local accounts: an
 *    administrator, and a board member of one large trust.
 * 2. Starts the built server (`node build/index.js`; `npm run build` first when build/ is missing) with the
 *    environment `serve` would give it, and signs in through the sign-in form.
 * 3. Warms up, then loads `/org/<trust>?asOf=…` round-robin over every trust with 10 concurrent clients
 *    (keep-alive HTTP, one signed-in session) for --duration seconds: p50, p95, p99 latency, requests/s.
 *    Then the same for the board member's trust, for the ICBs' overviews (each lists its trusts), and one
 *    client alone (the latency without queueing).
 * 4. The JavaScript the overview ships: loads the page in Chromium (playwright-core, Debian's Chromium),
 *    waits for the charts to draw (chart.js is a dynamic import when a chart mounts), and gzips every JS
 *    response; cross-checked by following the page's `<script>`/modulepreload set and its imports through
 *    build/client.
 *
 * Run: npx tsx tests/bench/overview.ts [--orgs 260] [--duration 20] [--connections 10] [--as-of 2025-03-31]
 *      [--keep] [--build-dir build] [--skip-browser] [--no-page-cache] [--runs trust,single,board,icb]
 * BENCH_SERVER_NODE_ARGS are given to the server's node (e.g. "--cpu-prof --cpu-prof-dir=DIR" to profile it).
 * BENCH_DATABASE_URL names a database to use (seeded if it has no national instance, kept): the way to
 * re-run without the ~90 s seed (`--keep` once, then BENCH_DATABASE_URL=…/beacon_bench_overview_<pid>).
 * Otherwise BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to create a
 * database beacon_bench_overview_<pid> and drop it afterwards (kept with --keep).
 * Exits non-zero on errors only, never because a target is missed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { adminQuery, databaseUrl } from '../integration/helpers/postgres-admin';
import { signIn, type HttpSession } from '../e2e/helpers/http';

const { values } = parseArgs({
	options: {
		orgs: { type: 'string', default: '260' },
		duration: { type: 'string', default: '20' },
		connections: { type: 'string', default: '10' },
		'as-of': { type: 'string', default: '2025-03-31' },
		'build-dir': { type: 'string', default: 'build' },
		keep: { type: 'boolean', default: false },
		'skip-browser': { type: 'boolean', default: false },
		// First views: the server builds every page (BEACON_PAGE_CACHE=off), as after any data change or for a new user.
		'no-page-cache': { type: 'boolean', default: false },
		// Which runs after the warm-up, e.g. "trust" alone while profiling the server.
		runs: { type: 'string', default: 'trust,single,board,icb' }
	}
});
const duration = Number(values.duration) * 1000;
const connections = Number(values.connections);
const asOf = values['as-of'] as string;
const buildDir = path.resolve(values['build-dir'] as string);
const runs = new Set((values.runs as string).split(','));
const secret = 'bench-secret-bench-secret-bench-secret-0123';
const password = 'bench overview passphrase 2025';
const ADMIN = 'bench-admin@example.nhs.uk';
const BOARD = 'bench-board@example.nhs.uk';
process.env.BEACON_SECRET = secret;

const rows: { what: string; target: string; measured: string }[] = [];
const loads = () =>
	loadavg()
		.map((x) => x.toFixed(2))
		.join(', ');

async function main(): Promise<void> {
	console.log(
		`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average at start ${loads()}`
	);
	if (!existsSync(path.join(buildDir, 'index.js'))) {
		if (values['build-dir'] !== 'build') throw new Error(`no build in ${buildDir}`);
		console.log('no build/: running npm run build…');
		const built = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
		if (built.status !== 0) throw new Error('npm run build failed');
	}
	const given = process.env.BENCH_DATABASE_URL;
	const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
	const name = `beacon_bench_overview_${process.pid}`;
	if (!given) await adminQuery(adminUrl, `create database ${name}`);
	const url = given ?? databaseUrl(adminUrl, name);
	try {
		await prepare(url);
		await serveAndMeasure(url);
	} finally {
		if (!given && !values.keep) await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
		if (!given && values.keep) console.log(`kept database ${name}: BENCH_DATABASE_URL=${url}`);
	}
	printTable();
}

/** Seed (unless present), vacuum analyze, add the two accounts (unless present). */
async function prepare(url: string): Promise<void> {
	const present = await query<{ n: number }>(url, `select count(*)::int as n from organisation where ods_code like 'ZN%'`).catch(() => [{ n: 0 }]);
	if (present[0]!.n >= Number(values.orgs)) console.log(`the national instance is already there (${present[0]!.n} organisations)`);
	else await seed(url);
	await vacuumAndUsers(url);
}

async function seed(url: string): Promise<void> {
	console.log(`seeding ${values.orgs} organisations (about 90 s)…`);
	const started = performance.now();
	const seed = spawnSync('node', ['scripts/cli.mjs', 'seed', 'national', '--orgs', String(values.orgs), '--json'], {
		env: { ...process.env, DATABASE_URL: url },
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	if (seed.status !== 0) throw new Error(`seed national failed (${seed.status}):\n${seed.stderr}`);
	const outcome = JSON.parse(seed.stdout.slice(seed.stdout.indexOf('{'))) as {
		created: boolean;
		organisations: number;
		devices: number;
		trainingRecords: number;
	};
	console.log(
		`seed national: ${outcome.created ? `${((performance.now() - started) / 1000).toFixed(1)} s` : 'already present'}; ` +
			`${outcome.devices.toLocaleString('en-GB')} devices, ${outcome.trainingRecords.toLocaleString('en-GB')} training records`
	);
}

async function vacuumAndUsers(url: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const t0 = performance.now();
		await client.query('vacuum analyze');
		console.log(`vacuum analyze: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	} finally {
		await client.end();
	}
	// In this process, through the same service the CLI's `user add` uses.
	const { openPostgres } = await import('../../src/lib/server/db/connect');
	const { systemActor } = await import('../../src/lib/server/auth/actor');
	const { createUser, listUsers } = await import('../../src/lib/server/users/service');
	const database = openPostgres(url, 2);
	try {
		const ctx = { db: database.db, actor: systemActor('bench') };
		const existing = new Set((await listUsers(ctx)).map((u) => u.email));
		if (!existing.has(ADMIN)) await createUser(ctx, { email: ADMIN, name: 'Bench Administrator', password, grant: { role: 'admin' } });
		if (!existing.has(BOARD))
			await createUser(ctx, { email: BOARD, name: 'Bench Board Member', password, grant: { role: 'board', ods: (await trustsBySize(url))[0]! } });
	} finally {
		await database.close();
	}
}

/** The national instance's trusts (ZNR…), largest (by devices in the latest snapshot) first; and its ICBs. */
async function trustsBySize(url: string): Promise<string[]> {
	return (
		await query<{ ods_code: string }>(
			url,
			`
		select o.ods_code from organisation o
		left join lateral (select s.total_count from device_snapshot s where s.organisation_id = o.id order by s.as_of desc limit 1) s on true
		where o.kind = 'trust' and o.ods_code like 'ZN%' order by s.total_count desc nulls last, o.ods_code`
		)
	).map((r) => r.ods_code);
}

async function query<T>(url: string, text: string): Promise<T[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query(text)).rows as T[];
	} finally {
		await client.end();
	}
}

async function serveAndMeasure(url: string): Promise<void> {
	const trusts = await trustsBySize(url);
	const icbs = (await query<{ ods_code: string }>(url, `select ods_code from organisation where kind = 'icb' and ods_code like 'ZN%' order by ods_code`)).map(
		(r) => r.ods_code
	);
	const largest = new Set(trusts.slice(0, Math.ceil(trusts.length / 6)));
	const port = 4100 + (process.pid % 800);
	const baseUrl = `http://127.0.0.1:${port}`;
	const server = startServer(url, port, baseUrl);
	try {
		await waitForHealth(baseUrl, server);
		const admin = await signIn(baseUrl, ADMIN, password);
		const board = await signIn(baseUrl, BOARD, password);
		const page = (ods: string) => `/org/${ods}?asOf=${asOf}`;
		for (const [session, ods] of [
			[admin, trusts[0]!],
			[admin, icbs[0]!],
			[board, trusts[0]!]
		] as const) {
			const response = await session.request(page(ods));
			if (response.status !== 200) throw new Error(`GET ${page(ods)} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
		}

		console.log(`warming up (every trust and ICB once, then 5 s under load); load average ${loads()}`);
		await load(admin, [...trusts, ...icbs].map(page), 1, 0, [...trusts, ...icbs].length);
		await load(admin, trusts.map(page), connections, 5000);

		if (runs.has('trust')) await trustRuns(url, server, admin, trusts.map(page), largest);
		if (runs.has('single'))
			report('overview of a trust, one client alone (no queueing)', await load(admin, trusts.map(page), 1, Math.min(duration, 10_000)), false);
		if (runs.has('board'))
			report(
				`overview of the largest trust as its board member, ${connections} clients`,
				await load(board, [page(trusts[0]!)], connections, Math.min(duration, 10_000)),
				true
			);
		if (runs.has('icb')) {
			const icbRun = await load(admin, icbs.map(page), connections, Math.min(duration, 15_000));
			report(`overview of an ICB (its trusts side by side), ${icbs.length} ICBs round-robin, ${connections} clients`, icbRun, true);
			const trustsPerIcb = await query<{ n: string }>(
				url,
				`select round(avg(n), 1) as n from (select count(*) n from organisation where kind = 'trust' and parent_id is not null and ods_code like 'ZN%' group by parent_id) x`
			).catch(() => []);
			if (trustsPerIcb[0]) console.log(`  (an ICB lists ${trustsPerIcb[0].n} trusts on average)`);
		}

		if (!admin.signedIn) throw new Error('the session ended during the benchmark');
		await measureJavaScript(admin, page(trusts[0]!));
	} finally {
		server.kill('SIGTERM');
	}
}

/** The main run: every trust round-robin as the administrator, with the CPU each request costs. */
async function trustRuns(url: string, server: ChildProcess, admin: HttpSession, paths: string[], largest: Set<string>): Promise<void> {
	const loadAtStart = loads();
	const cpuBefore = await cpuSeconds(url, server.pid!);
	const trustRun = await load(admin, paths, connections, duration);
	const cpuAfter = await cpuSeconds(url, server.pid!);
	const loadAfter = loads();
	// PostgreSQL publishes a backend's transaction counts within a second or so of it going idle.
	await new Promise((r) => setTimeout(r, 2000));
	cpuAfter.transactions = (await cpuSeconds(url, server.pid!)).transactions;
	report(`overview of a trust, ${paths.length} trusts round-robin, ${connections} clients, ${(duration / 1000).toFixed(0)} s (admin)`, trustRun, true);
	const bySize = (big: boolean) => trustRun.samples.filter((s) => largest.has(s.path.slice(5, s.path.indexOf('?'))) === big).map((s) => s.ms);
	console.log(
		`  the ${largest.size} largest trusts (~15,000 staff, ~20,000 devices): p50 ${fmt(pct(bySize(true), 0.5))}, p95 ${fmt(pct(bySize(true), 0.95))}; the others: p50 ${fmt(pct(bySize(false), 0.5))}, p95 ${fmt(pct(bySize(false), 0.95))}`
	);
	const perRequest = (x: number) => `${((x * 1000) / trustRun.samples.length).toFixed(1)} ms`;
	console.log(
		`  CPU per request: the server (Node) ${perRequest(cpuAfter.server - cpuBefore.server)}, PostgreSQL (this database's backends) ${perRequest(cpuAfter.postgres - cpuBefore.postgres)}; ` +
			`${((cpuAfter.transactions - cpuBefore.transactions) / trustRun.samples.length).toFixed(0)} statements (transactions) per request; the whole machine was busy ${(((cpuAfter.machine - cpuBefore.machine) / trustRun.seconds / cpus().length) * 100).toFixed(0)} % of the run`
	);
	console.log(`  load average before ${loadAtStart}, after ${loadAfter}`);
	rows.push({
		what: 'CPU per trust overview: server (Node) / PostgreSQL',
		target: '',
		measured: `${perRequest(cpuAfter.server - cpuBefore.server)} / ${perRequest(cpuAfter.postgres - cpuBefore.postgres)}`
	});
	rows.push({ what: 'load average (1, 5, 15 min) before / after that run', target: '', measured: `${loadAtStart} / ${loadAfter}` });
}

/** CPU seconds (user + system) used so far by the server process, by this database's PostgreSQL backends, and by the whole machine. */
async function cpuSeconds(url: string, serverPid: number): Promise<{ server: number; postgres: number; machine: number; transactions: number }> {
	const tick = 100; // USER_HZ on Linux
	const ofPid = (pid: number) => {
		try {
			const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
			return (Number(fields[11]) + Number(fields[12])) / tick;
		} catch {
			return 0; // not on Linux, or the process has gone
		}
	};
	const database = new URL(url).pathname.slice(1);
	const backends = await query<{ pid: number }>(
		url,
		`select pid from pg_stat_activity where datname = '${database.replace(/'/g, "''")}' and pid <> pg_backend_pid()`
	);
	let machine = 0;
	try {
		const [, user, nice, system] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).map(Number);
		machine = (user! + nice! + system!) / tick;
	} catch {
		// not on Linux
	}
	const [stats] = await query<{ n: string }>(
		url,
		`select xact_commit + xact_rollback as n from pg_stat_database where datname = '${database.replace(/'/g, "''")}'`
	);
	return { server: ofPid(serverPid), postgres: backends.reduce((sum, b) => sum + ofPid(b.pid), 0), machine, transactions: Number(stats?.n ?? 0) };
}

function startServer(url: string, port: number, baseUrl: string): ChildProcess {
	const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
	const server = spawn('node', [...nodeArgs, path.join(buildDir, 'index.js')], {
		env: {
			...process.env,
			DATABASE_URL: url,
			PORT: String(port),
			ORIGIN: baseUrl,
			BEACON_SECRET: secret,
			BEACON_LOCAL_ACCOUNTS: 'on',
			BODY_SIZE_LIMIT: '1G',
			NODE_ENV: 'production',
			...(values['no-page-cache'] ? { BEACON_PAGE_CACHE: 'off' } : {})
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let errors = '';
	server.stderr?.on('data', (chunk: Buffer) => {
		errors = (errors + chunk.toString()).slice(-4000);
	});
	server.on('exit', (code) => {
		if (code !== null && code !== 0) console.error(`the server exited with ${code}:\n${errors}`);
	});
	return server;
}

async function waitForHealth(baseUrl: string, server: ChildProcess): Promise<void> {
	for (let i = 0; i < 120; i++) {
		if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
		if (
			await fetch(`${baseUrl}/health`)
				.then((r) => r.ok)
				.catch(() => false)
		)
			return;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error('the server did not answer /health within 60 s');
}

interface Run {
	samples: { path: string; ms: number }[];
	seconds: number;
	errors: number;
	bytes: number;
}

/**
 * `clients` loops, each sending its next request when the previous answer has been read in full, over
 * keep-alive connections (node:http: lighter on the shared cores than fetch). Runs for `ms`, or until
 * `limit` requests when given. Follows the session's re-issued cookie.
 */
async function load(session: HttpSession, paths: string[], clients: number, ms: number, limit = Infinity): Promise<Run> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
	const base = new URL(session.baseUrl);
	const samples: Run['samples'] = [];
	let next = 0;
	let errors = 0;
	let bytes = 0;
	const started = performance.now();
	const cookie = () => [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	const one = (p: string) =>
		new Promise<void>((resolve) => {
			const t0 = performance.now();
			const req = http.get({ agent, host: base.hostname, port: base.port, path: p, headers: { cookie: cookie(), accept: 'text/html' } }, (res) => {
				let size = 0;
				res.on('data', (c: Buffer) => (size += c.length));
				res.on('end', () => {
					const setCookie = res.headers['set-cookie']?.find((c) => c.startsWith('authjs.session-token='));
					if (setCookie) session.cookies.set('authjs.session-token', setCookie.slice(setCookie.indexOf('=') + 1, setCookie.indexOf(';')));
					if (res.statusCode === 200) {
						samples.push({ path: p, ms: performance.now() - t0 });
						bytes += size;
					} else errors++;
					resolve();
				});
			});
			req.on('error', () => {
				errors++;
				resolve();
			});
		});
	await Promise.all(
		Array.from({ length: clients }, async () => {
			const more = () => (limit < Infinity ? next < limit : performance.now() - started < ms);
			while (more()) {
				await one(paths[next++ % paths.length]!);
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	agent.destroy();
	if (errors > samples.length / 100) throw new Error(`${errors} of ${errors + samples.length} requests failed`);
	return { samples, seconds, errors, bytes };
}

function pct(xs: number[], p: number): number {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

function report(what: string, run: Run, targets: boolean): void {
	const ms = run.samples.map((s) => s.ms);
	const rps = run.samples.length / run.seconds;
	const text =
		`p50 ${fmt(pct(ms, 0.5))}, p95 ${fmt(pct(ms, 0.95))}, p99 ${fmt(pct(ms, 0.99))}, max ${fmt(pct(ms, 1))}; ` +
		`${rps.toFixed(1)} req/s (${run.samples.length} requests in ${run.seconds.toFixed(1)} s, ${run.errors} errors, ` +
		`${Math.round(run.bytes / Math.max(1, run.samples.length) / 1024)} KB of HTML each)`;
	console.log(`${what}: ${text}`);
	const met = targets ? ` — p95 ${pct(ms, 0.95) < 100 ? 'met' : 'NOT MET'}, req/s ${rps >= 200 ? 'met' : 'NOT MET'}` : '';
	rows.push({ what, target: targets ? 'p95 < 100 ms, ≥ 200 req/s' : '', measured: text + met });
}

/** Every JS file the overview loads in Chromium, gzipped; and the same found statically from the HTML. */
async function measureJavaScript(session: HttpSession, pagePath: string): Promise<void> {
	const response = await session.request(pagePath);
	const statics = staticJavaScript(pagePath, await response.text(), response.headers.get('link') ?? '');
	const staticTotal = statics.reduce((sum, f) => sum + f.gzip, 0);
	console.log(
		`JavaScript from the page's HTML (<script src>, modulepreload, the inline start-up's imports) and their imports in ${path.relative(process.cwd(), buildDir)}/client:`
	);
	for (const f of statics)
		console.log(`  ${(f.gzip / 1024).toFixed(1).padStart(6)} KB gzipped (${(f.raw / 1024).toFixed(1)} KB) ${f.file}${f.dynamic ? ' (dynamic import)' : ''}`);
	console.log(`  total ${(staticTotal / 1024).toFixed(1)} KB gzipped in ${statics.length} files`);
	rows.push({
		what: 'JavaScript for the overview, from the HTML and its imports in build/client (incl. chart.js, a dynamic import)',
		target: '< 200 KB gzipped',
		measured: `${(staticTotal / 1024).toFixed(1)} KB gzipped (${(statics.reduce((s, f) => s + f.raw, 0) / 1024).toFixed(0)} KB raw) in ${statics.length} files — ${staticTotal < 200 * 1024 ? 'met' : 'NOT MET'}`
	});
	if (values['skip-browser']) return;

	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu']
	});
	try {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		await context.addCookies([...session.cookies].map(([name, value]) => ({ name, value, url: session.baseUrl })));
		const page = await context.newPage();
		const scripts = new Map<string, Promise<Buffer>>();
		page.on('response', (response) => {
			const type = response.headers()['content-type'] ?? '';
			if (/javascript/.test(type) || new URL(response.url()).pathname.endsWith('.js')) scripts.set(response.url(), response.body());
		});
		await page.goto(`${session.baseUrl}${pagePath}`, { waitUntil: 'load' });
		const charts = await page.locator('figure[data-chart]').count();
		await page.waitForFunction((n) => {
			const canvases = [...document.querySelectorAll('figure[data-chart] canvas')] as HTMLCanvasElement[];
			return canvases.length === n && canvases.every((c) => c.width > 0);
		}, charts);
		await page.waitForLoadState('networkidle');
		const files = await Promise.all(
			[...scripts].map(async ([u, body]) => ({ file: new URL(u).pathname, raw: (await body).length, gzip: gzipSync(await body, { level: 9 }).length }))
		);
		const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('\n'));
		const total = files.reduce((s, f) => s + f.gzip, 0);
		const inlineGzip = gzipSync(inline, { level: 9 }).length;
		console.log(
			`JavaScript Chromium fetched for the overview (${charts} charts drawn): ${files.length} files, ${(total / 1024).toFixed(1)} KB gzipped (${(files.reduce((s, f) => s + f.raw, 0) / 1024).toFixed(0)} KB raw); ` +
				`and the page's inline start-up script, mostly the serialised page data: ${(inlineGzip / 1024).toFixed(1)} KB gzipped (${(inline.length / 1024).toFixed(0)} KB raw)`
		);
		const missing = files.filter((f) => !statics.some((s) => f.file.endsWith(s.file)));
		const unused = statics.filter((s) => !files.some((f) => f.file.endsWith(s.file)));
		if (missing.length) console.log(`  fetched but not in the static list: ${missing.map((f) => f.file).join(', ')}`);
		if (unused.length) console.log(`  in the static list but not fetched: ${unused.map((f) => f.file).join(', ')}`);
		rows.push({
			what: `JavaScript Chromium fetched for the overview until its ${charts} charts were drawn`,
			target: '< 200 KB gzipped',
			measured: `${(total / 1024).toFixed(1)} KB gzipped in ${files.length} files (+ ${(inlineGzip / 1024).toFixed(1)} KB inline start-up with the page data) — ${total + inlineGzip < 200 * 1024 ? 'met' : 'NOT MET'}`
		});
	} finally {
		await browser.close();
	}
}

/**
 * The page's JS found statically: `<script src>`, modulepreload (`<link>` or the Link header SvelteKit
 * sends), the inline start-up's `import("…")` and the route nodes it starts (node_ids), then their static
 * imports, and the dynamic imports of the page's own chunks (chart.js) — not the app entry's, which are
 * every route's nodes.
 */
function staticJavaScript(pagePath: string, html: string, linkHeader: string): { file: string; raw: number; gzip: number; dynamic: boolean }[] {
	const client = path.join(buildDir, 'client');
	const start = new Set<string>();
	for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) start.add(m[1]!);
	for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*>/g)) start.add(/href="([^"]+)"/.exec(m[0])![1]!);
	for (const m of linkHeader.matchAll(/<([^>]+)>\s*;\s*rel="?modulepreload"?/g)) start.add(m[1]!);
	const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('\n');
	for (const i of inline.matchAll(/import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) start.add(i[1]!);
	// The client always loads the root layout (0) and the root error page (1) as it starts, besides the page's own nodes.
	const nodeIds = new Set([
		'0',
		'1',
		...(/node_ids:\s*\[([\d,\s]*)\]/.exec(inline)?.[1] ?? '')
			.split(',')
			.map((x) => x.trim())
			.filter(Boolean)
	]);
	const toFile = (u: string) => path.join(client, new URL(u, `http://x${pagePath}`).pathname);
	const seen = new Map<string, boolean>();
	const queue = [...start].map((u) => ({ file: toFile(u), dynamic: false }));
	while (queue.length) {
		const { file, dynamic } = queue.shift()!;
		if (seen.has(file)) continue;
		seen.set(file, dynamic);
		const code = readFileSync(file, 'utf8');
		const resolve = (spec: string) => path.resolve(path.dirname(file), spec);
		for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) queue.push({ file: resolve(m[1]!), dynamic });
		const isApp = /[\\/]entry[\\/]app\./.test(file);
		for (const m of code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g)) {
			const node = /\/nodes\/(\d+)\./.exec(m[1]!)?.[1];
			if (!isApp) queue.push({ file: resolve(m[1]!), dynamic: true });
			else if (node !== undefined && nodeIds.has(node)) queue.push({ file: resolve(m[1]!), dynamic });
		}
	}
	return [...seen]
		.map(([file, dynamic]) => {
			const body = readFileSync(file);
			return { file: path.relative(client, file), raw: body.length, gzip: gzipSync(body, { level: 9 }).length, dynamic };
		})
		.sort((a, b) => b.gzip - a.gzip);
}

function printTable(): void {
	console.log('\n| what | target | measured |\n|---|---|---|');
	for (const r of rows) console.log(`| ${r.what} | ${r.target} | ${r.measured} |`);
}

// Last: the helpers above are constants, initialised only when this line is reached.
await main();
