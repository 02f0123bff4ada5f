import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGlite } from '../../src/lib/server/db/connect';
import { startAppServer, type AppServer } from './helpers/app-server';
import { launchBrowser, type Browser } from './helpers/browser';
import { HttpSession, signIn } from './helpers/http';
import { discoverRoutes } from './helpers/route-tree';
import { pgliteTemplates } from '../integration/setup/pglite-templates';
import { createFixtures, TEST_PASSWORD, type Fixtures } from './setup/fixtures';

/**
 * Hostile values in every place a request carries input: each route's path parameters, each query
 * parameter its server code reads, and each field of each form its pages render, one at a time, the rest
 * left valid. Whatever the value, the answer is the server's refusal (4xx) or its ordinary page, never a
 * 5xx. It runs against a server of its own, as an administrator, so what a form does to the data harms no
 * other test.
 */
const MALFORMED: [string, string][] = [
	['NUL byte', 'a\u0000b'],
	['very long', 'x'.repeat(5_000)],
	['non-numeric', 'abc'],
	['huge number', '99999999999999999999999'],
	['bad date', '2025-02-30'],
	['control characters', '\u0001\u001b[2J\u007f']
];
const ARRAY = 'array for a scalar';
const routesDir = fileURLToPath(new URL('../../src/routes', import.meta.url));

let server: AppServer;
let dir: string;
let fixtures: Fixtures;
let session: HttpSession;
let browser: Browser;
const admin = () => fixtures.principals.find((p) => p.role === 'admin')!.email;

beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-malformed-'));
	const env = { BEACON_DATA_DIR: path.join(dir, 'pglite'), BEACON_SECRET_FILE: path.join(dir, 'secret') };
	process.env.BEACON_SECRET_FILE = env.BEACON_SECRET_FILE;
	const database = await openPGlite(env.BEACON_DATA_DIR, { pgliteTemplate: new Blob([readFileSync((await pgliteTemplates()).demo)]) });
	try {
		fixtures = JSON.parse(JSON.stringify(await createFixtures(database))) as Fixtures;
	} finally {
		await database.close();
	}
	server = await startAppServer('malformed-input', env);
	session = await signIn(server.baseUrl, admin(), TEST_PASSWORD);
	browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
	await browser?.close();
	await server?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

const routes = discoverRoutes();

/** A valid value for each path parameter, so only the one under test is malformed. */
function validParams(): Record<string, string> {
	const victim = fixtures.victims.find((v) => v.email.startsWith('victim-matrix'))!;
	return {
		ods: 'ZB1',
		edition: '2024-25',
		outcome: 'A1.a',
		reportId: fixtures.reportIds.ZB1!,
		activityId: String(fixtures.activityIds.ZB1),
		id: String(victim.id),
		token: fixtures.inviteTokens[0]!
	};
}

function pathOf(routeId: string, params: Record<string, string>): string {
	const withoutGroups = routeId.replace(/\/\([^)]+\)/g, '') || '/';
	return withoutGroups.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The query parameters a route's server code reads: `searchParams.get('x')` and `queryParams(url, ['x', …])`. */
function queryNames(routeId: string): string[] {
	const names = new Set<string>();
	for (const file of ['+page.server.ts', '+server.ts']) {
		let source: string;
		try {
			source = readFileSync(path.join(routesDir, routeId, file), 'utf8');
		} catch {
			continue;
		}
		for (const m of source.matchAll(/searchParams\.get\('(\w+)'\)/g)) names.add(m[1]!);
		for (const m of source.matchAll(/queryParams\(url, \[([^\]]*)\]\)/g)) for (const n of m[1]!.matchAll(/'(\w+)'/g)) names.add(n[1]!);
	}
	return [...names];
}

interface FormField {
	name: string;
	type: string;
	value: string;
}
interface PageForm {
	action: string;
	fields: FormField[];
}

/** The post forms a page renders, read by Chromium from the page's HTML, with a valid value for each field. */
async function formsOf(html: string, pageUrl: string): Promise<PageForm[]> {
	const page = await browser.context.newPage();
	try {
		await page.route('**/*', (route) => route.abort());
		await page.setContent(html, { waitUntil: 'domcontentloaded' });
		return await page.evaluate((base) => {
			const plausible: Record<string, string> = {
				email: 'malformed.test@e2e.beacon.invalid',
				date: '2025-06-01',
				number: '1',
				password: 'a malformed-input test password'
			};
			return [...document.querySelectorAll('form')]
				.filter((f) => f.method.toLowerCase() === 'post')
				.map((f) => {
					const fields: { name: string; type: string; value: string }[] = [];
					for (const el of f.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input[name], select[name], textarea[name]')) {
						const type = el instanceof HTMLInputElement ? el.type : el.tagName.toLowerCase();
						if (type === 'submit' || type === 'button' || type === 'reset' || type === 'image') continue;
						if ((type === 'checkbox' || type === 'radio') && !(el as HTMLInputElement).checked && fields.some((x) => x.name === el.name)) continue;
						let value = el instanceof HTMLSelectElement ? el.value || (el.options[1]?.value ?? '') : el.value;
						if (!value && type !== 'file') value = plausible[type] ?? (type === 'checkbox' ? 'on' : 'Malformed input test');
						if (!fields.some((x) => x.name === el.name)) fields.push({ name: el.name, type, value });
					}
					return { action: new URL(f.getAttribute('action') ?? '', base).toString(), fields };
				});
		}, pageUrl);
	} finally {
		await page.close();
	}
}

interface Probe {
	label: string;
	url: string;
	form?: [string, string][];
}

async function send(probe: Probe): Promise<number> {
	if (!session.signedIn) session = await signIn(server.baseUrl, admin(), TEST_PASSWORD);
	const response = await session.request(probe.url, probe.form ? { method: 'POST', form: probe.form } : {});
	await response.arrayBuffer();
	return response.status;
}

/** Run the probes a few at a time; collect every 5xx. */
async function run(probes: Probe[]): Promise<string[]> {
	const failures: string[] = [];
	let next = 0;
	const worker = async () => {
		while (next < probes.length) {
			const probe = probes[next++]!;
			const status = await send(probe);
			if (status >= 500) failures.push(`${status} ${probe.label}`);
		}
	};
	await Promise.all([worker(), worker(), worker()]);
	return failures;
}

const short = (url: string) => (url.length > 120 ? `${url.slice(0, 117)}…` : url);

describe('malformed input gets a 4xx, never a 5xx', () => {
	it('in every path parameter of every route, for a page, each form action and each endpoint', async () => {
		const probes: Probe[] = [];
		for (const route of routes) {
			const names = [...route.id.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
			for (const name of names)
				for (const [label, value] of MALFORMED) {
					const url = pathOf(route.id, { ...validParams(), [name]: value });
					for (const op of route.ops) {
						if (op === 'GET') probes.push({ label: `GET ${route.id} [${name}] = ${label}`, url });
						else if (op.startsWith('action:'))
							probes.push({ label: `${op} ${route.id} [${name}] = ${label}`, url: op === 'action:default' ? url : `${url}?/${op.slice(7)}`, form: [] });
					}
				}
		}
		expect(probes.length).toBeGreaterThan(100);
		expect(await run(probes)).toEqual([]);
	}, 600_000);

	it('in every query parameter a route reads', async () => {
		const probes: Probe[] = [];
		for (const route of routes.filter((r) => r.ops.includes('GET')))
			for (const name of queryNames(route.id)) {
				const base = pathOf(route.id, validParams());
				for (const [label, value] of MALFORMED)
					probes.push({ label: `GET ${route.id} ?${name} = ${label}`, url: `${base}?${new URLSearchParams([[name, value]]).toString()}` });
				probes.push({ label: `GET ${route.id} ?${name} = ${ARRAY}`, url: `${base}?${name}=a&${name}=2025-01-01` });
			}
		expect(probes.length).toBeGreaterThan(30);
		expect(await run(probes)).toEqual([]);
	}, 600_000);

	it('in every field of every form the pages render, the other fields valid', async () => {
		const seen = new Set<string>();
		const probes: Probe[] = [];
		for (const route of routes.filter((r) => r.type === 'page' && !r.id.includes('[token]'))) {
			const url = pathOf(route.id, validParams());
			const response = await session.request(url);
			if (response.status !== 200) {
				await response.arrayBuffer();
				continue;
			}
			for (const form of await formsOf(await response.text(), new URL(url, server.baseUrl).toString())) {
				const target = new URL(form.action);
				const key = `${target.pathname.replace(/\/ZB\d\b/, '/ODS')}${target.search} ${form.fields.map((f) => f.name).join(',')}`;
				if (seen.has(key) || target.origin !== server.baseUrl) continue;
				seen.add(key);
				const action = `${target.pathname}${target.search}`;
				const valid = form.fields.filter((f) => f.type !== 'file').map((f): [string, string] => [f.name, f.value]);
				for (const field of form.fields) {
					const others = valid.filter(([n]) => n !== field.name);
					for (const [label, value] of MALFORMED)
						probes.push({ label: `POST ${short(action)} ${field.name} = ${label}`, url: action, form: [...others, [field.name, value]] });
					probes.push({ label: `POST ${short(action)} ${field.name} = ${ARRAY}`, url: action, form: [...others, [field.name, 'a'], [field.name, 'b']] });
				}
			}
		}
		expect(seen.size).toBeGreaterThan(15);
		// Sign-out forms last: they end the session each probe needs (send() signs in again).
		probes.sort((a, b) => Number(/sign[oO]ut/.test(a.url)) - Number(/sign[oO]ut/.test(b.url)));
		expect(await run(probes)).toEqual([]);
	}, 900_000);
});
