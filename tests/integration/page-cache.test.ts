import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { selectOverviewPageVersion } from '../../src/lib/server/overview/queries';
import { createOrganisation, setHeadcount } from '../../src/lib/server/organisations/service';
import { clearPageCache, pageCache } from '../../src/lib/server/web/page-cache';
import { openTestDatabase, type TestDatabase } from './helpers/database';

let database: TestDatabase;
const sys = () => ({ db: database.db, actor: systemActor('test') });
const version = (ods: string) => selectOverviewPageVersion(database.db, ods);
const board = (name = 'Board Member', userId = 41): Actor => ({
	kind: 'user',
	userId,
	email: 'board@example.nhs.uk',
	name,
	grants: [{ role: 'board', organisationId: 2, ods: 'PC1' }]
});

beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(sys(), { ods: 'PC0', name: 'Cache ICB', kind: 'icb' });
	await createOrganisation(sys(), { ods: 'PC1', name: 'Cache Trust', kind: 'trust', parentOds: 'PC0' });
	await createOrganisation(sys(), { ods: 'PC2', name: 'Other Trust', kind: 'trust' });
});
afterAll(async () => {
	await database?.close();
});

describe("an overview page's fingerprint", () => {
	it('moves with the organisation’s data, its ICB’s with its trusts’, and every page’s with the register', async () => {
		const before = { trust: await version('PC1'), icb: await version('PC0'), other: await version('PC2') };
		expect(before.trust).not.toBeNull();
		expect(await version('NOPE1')).toBeNull();

		await setHeadcount(sys(), 'PC1', { financialYear: 2024, headcount: 1200 });
		const afterData = { trust: await version('PC1'), icb: await version('PC0'), other: await version('PC2') };
		expect(afterData.trust).not.toBe(before.trust);
		expect(afterData.icb).not.toBe(before.icb);
		expect(afterData.other).toBe(before.other);

		// Renaming any organisation changes every page: the switcher lists them all.
		await database.db.updateTable('organisation').set({ name: 'Renamed Trust' }).where('ods_code', '=', 'PC2').execute();
		expect(await version('PC1')).not.toBe(afterData.trust);
		const renamed = await version('PC1');
		await createOrganisation(sys(), { ods: 'PC3', name: 'New Trust', kind: 'trust' });
		expect(await version('PC1')).not.toBe(renamed);
	});
});

describe('the page cache', () => {
	let renders = 0;
	let nextStatus = 200;
	const CSP = (nonce: string) => `default-src 'self'; script-src 'self' 'nonce-${nonce}'`;
	const resolve = async () => {
		renders++;
		const nonce = `n${renders}AAAA`;
		return new Response(`<html><script nonce="${nonce}">start()</script><p>render ${renders}</p><script nonce="${nonce}"></script></html>`, {
			status: nextStatus,
			headers: { 'content-type': 'text/html', 'content-security-policy': CSP(nonce), 'set-cookie': 'authjs.session-token=old; Path=/' }
		});
	};
	const event = (actor: Actor | null, path = '/org/PC1', method = 'GET', cookieWrites: string[] = [], isDataRequest = false) =>
		({
			isDataRequest,
			url: new URL(`http://beacon.test${path}`),
			route: { id: path.startsWith('/org/') ? '/(app)/org/[ods]' : '/(app)' },
			params: { ods: path.split('/')[2]?.split('?')[0] },
			request: new Request(`http://beacon.test${path}`, { method }),
			locals: { db: database.db, actor, cookieWrites }
		}) as unknown as RequestEvent;
	const get = async (e: RequestEvent) => {
		const response = await pageCache({ event: e, resolve });
		return { response, html: await response.text() };
	};
	const nonces = (html: string, response: Response) => ({
		html: [...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]),
		csp: /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1]
	});

	beforeEach(() => {
		clearPageCache();
		renders = 0;
		nextStatus = 200;
	});

	it('serves a kept page again, with a fresh nonce in its HTML and policy, and this request’s cookies', async () => {
		const first = await get(event(board()));
		const second = await get(event(board(), '/org/PC1', 'GET', ['authjs.session-token=new; Path=/; HttpOnly']));
		expect(renders).toBe(1);
		expect(second.html.replace(/nonce="[^"]+"/g, '')).toBe(first.html.replace(/nonce="[^"]+"/g, ''));
		const a = nonces(first.html, first.response);
		const b = nonces(second.html, second.response);
		expect(a.html).toEqual([a.csp, a.csp]);
		expect(b.html).toEqual([b.csp, b.csp]);
		expect(b.csp).not.toBe(a.csp);
		// The kept page never carries the cookies of the request that rendered it, only this request's.
		expect(second.response.headers.getSetCookie()).toEqual(['authjs.session-token=new; Path=/; HttpOnly']);
	});

	it('renders again for another user, another address, a changed name, or changed data', async () => {
		await get(event(board()));
		await get(event(board(), '/org/PC1?asOf=2025-03-31'));
		expect(renders).toBe(2);
		await get(event(board('Board Member', 42)));
		expect(renders).toBe(3);
		await get(event(board('Renamed Member')));
		expect(renders).toBe(4);
		await get(event(board()));
		expect(renders).toBe(4);
		await setHeadcount(sys(), 'PC1', { financialYear: 2025, headcount: 1300 });
		const changed = await get(event(board()));
		expect(renders).toBe(5);
		expect(changed.html).toContain('render 5');
	});

	it('builds every page every time when switched off (BEACON_PAGE_CACHE=off), for measuring first views', async () => {
		process.env.BEACON_PAGE_CACHE = 'off';
		try {
			await get(event(board()));
			const second = await get(event(board()));
			expect(renders).toBe(2);
			expect(second.html).toContain('render 2');
		} finally {
			delete process.env.BEACON_PAGE_CACHE;
		}
		await get(event(board()));
		await get(event(board()));
		expect(renders).toBe(3);
	});

	it('keeps only successful GETs by signed-in users of the cacheable pages', async () => {
		nextStatus = 500;
		await get(event(board()));
		await get(event(board()));
		expect(renders).toBe(2);
		nextStatus = 200;
		await get(event(null));
		await get(event(null));
		expect(renders).toBe(4);
		await get(event(board(), '/org/PC1', 'POST'));
		await get(event(board(), '/org/PC1', 'POST'));
		expect(renders).toBe(6);
		await get(event(board(), '/'));
		await get(event(board(), '/'));
		expect(renders).toBe(8);
		// A client-side navigation's data, which SvelteKit gives the page's own address, is never a kept page.
		await get(event(board()));
		await get(event(board(), '/org/PC1', 'GET', [], true));
		expect(renders).toBe(10);
	});
});
