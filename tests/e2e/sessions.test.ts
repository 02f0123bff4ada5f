import { describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD } from './setup/fixtures';
import { HttpSession, redirectPath, signIn } from './helpers/http';

const { baseUrl, principals, victims } = inject('e2e');
const admin = principals.find((p) => p.key === 'admin');
const victim = (prefix: string) => victims.find((v) => v.email.startsWith(prefix)) ?? { email: '', id: 0 };

/** The first error message a sign-in page shows. */
async function errorText(response: Response): Promise<string> {
	const html = await response.text();
	return /<div class="nhsuk-error-summary__body"><p>([^<]*)<\/p>/.exec(html)?.[1] ?? '';
}

describe('sessions over HTTP', () => {
	it('ends a signed-in session on its next request once an administrator disables the account', async () => {
		const user = victim('victim-revoke');
		const session = await signIn(baseUrl, user.email, TEST_PASSWORD);
		expect((await session.request('/org/ZB1')).status).toBe(200);
		const adminSession = await signIn(baseUrl, admin?.email ?? '', TEST_PASSWORD);
		expect((await adminSession.request(`/admin/users/${user.id}?/disable`, { form: {} })).status).toBe(200);
		const refused = await session.request('/org/ZB1');
		expect(refused.status).toBe(303);
		expect(redirectPath(refused)).toBe('/signin');
		// The dead session cookie is cleared, and signing in again is refused like a wrong password.
		expect(session.signedIn).toBe(false);
		const again = await new HttpSession(baseUrl).request('/signin?/password', {
			form: { providerId: 'credentials', email: user.email, password: TEST_PASSWORD }
		});
		expect(again.status).toBe(400);
		await adminSession.request(`/admin/users/${user.id}?/enable`, { form: {} });
	});

	it('ends every session when the user signs out everywhere', async () => {
		const matrix = victim('victim-matrix');
		const first = await signIn(baseUrl, matrix.email, TEST_PASSWORD);
		const second = await signIn(baseUrl, matrix.email, TEST_PASSWORD);
		expect((await first.request('/account')).status).toBe(200);
		const out = await second.request('/account?/signOutEverywhere', { form: {} });
		expect(out.headers.get('location')).toBe('/signin?signedOut=everywhere');
		expect(redirectPath(await first.request('/account'))).toBe('/signin');
	});

	it('gives an unknown user, a wrong password and a paused account the same answer', async () => {
		const attempt = async (email: string, password: string) =>
			new HttpSession(baseUrl).request('/signin?/password', { form: { providerId: 'credentials', email, password } });
		const unknown = await attempt('nobody@e2e.beacon.invalid', TEST_PASSWORD);
		const wrong = await attempt(victim('victim-throttle').email, 'not the password');
		expect(unknown.status).toBe(400);
		expect(wrong.status).toBe(400);
		const message = await errorText(unknown);
		expect(message).toContain('The e-mail address or password is not right');
		expect(await errorText(wrong)).toBe(message);
		for (let i = 0; i < 5; i++) await attempt(victim('victim-throttle').email, `wrong ${i}`);
		const paused = await attempt(victim('victim-throttle').email, TEST_PASSWORD);
		expect(paused.status).toBe(400);
		expect(await errorText(paused)).toBe(message);
	});

	it('sends security headers, a nonce-based CSP and no caching of the health check', async () => {
		const page = await new HttpSession(baseUrl).request('/signin');
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain(`form-action 'self' http://127.0.0.1:`);
		expect(page.headers.get('x-frame-options')).toBe('DENY');
		expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(page.headers.get('permissions-policy')).toContain('camera=()');
		// Served over http here, so no HSTS (it would be wrong to send it).
		expect(page.headers.get('strict-transport-security')).toBeNull();
		const health = await fetch(`${baseUrl}/health`);
		expect(await health.json()).toEqual({ status: 'ok' });
		expect(health.headers.get('cache-control')).toBe('no-store');
	});

	it('marks static files, which the server sends before any hook runs, nosniff too', async () => {
		const html = await (await new HttpSession(baseUrl).request('/signin')).text();
		const assets = [...new Set([...html.matchAll(/\/_app\/immutable\/[\w./-]+\.(?:js|css)/g)].map((m) => m[0]))];
		expect(assets.length).toBeGreaterThan(0);
		for (const asset of [...assets.slice(0, 3), '/favicon.svg']) {
			const response = await fetch(`${baseUrl}${asset}`);
			await response.arrayBuffer();
			expect(response.status, asset).toBe(200);
			expect(response.headers.get('x-content-type-options'), asset).toBe('nosniff');
		}
	});

	it('marks the session cookie HttpOnly and SameSite=Lax', async () => {
		const response = await new HttpSession(baseUrl).request('/signin?/password', {
			form: { providerId: 'credentials', email: admin?.email ?? '', password: TEST_PASSWORD, redirectTo: '/' }
		});
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('authjs.session-token='));
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
	});

	it('never sends anyone to another site after sign-in', async () => {
		const session = await signIn(baseUrl, admin?.email ?? '', TEST_PASSWORD);
		for (const target of ['//evil.example', '/%5Cevil.example', '/\\evil.example', 'https://evil.example/x', '/%09/evil.example']) {
			const response = await session.request(`/signin?callbackUrl=${encodeURIComponent(target)}`);
			expect(response.status, target).toBe(303);
			expect(new URL(response.headers.get('location') ?? '', baseUrl).origin, target).toBe(baseUrl);
		}
		const inside = await session.request(`/signin?callbackUrl=${encodeURIComponent('/org/ZB1?x=1')}`);
		expect(inside.headers.get('location')).toBe('/org/ZB1?x=1');
	});

	it('ends the session on the server when someone signs out, so a copied cookie stops working', async () => {
		const board = principals.find((p) => p.key === 'board@ZB1');
		const session = await signIn(baseUrl, board?.email ?? '', TEST_PASSWORD);
		const copied = new HttpSession(baseUrl);
		for (const [k, v] of session.cookies) copied.cookies.set(k, v);
		expect((await copied.request('/org/ZB1')).status).toBe(200);
		await session.request('/signout', { form: { redirectTo: '/signin' } });
		expect(redirectPath(await copied.request('/org/ZB1'))).toBe('/signin');
	});

	it("closes Auth.js's own sign-out, which would clear the cookie but leave a copy of it valid: it leads to Beacon's", async () => {
		const board = principals.find((p) => p.key === 'board@ZB1');
		const session = await signIn(baseUrl, board?.email ?? '', TEST_PASSWORD);
		const copied = new HttpSession(baseUrl);
		for (const [k, v] of session.cookies) copied.cookies.set(k, v);
		for (const method of ['GET', 'POST']) {
			const response = await session.request('/auth/signout', method === 'POST' ? { form: { callbackUrl: '/signin' } } : {});
			await response.arrayBuffer();
			expect(response.status, method).toBe(303);
			expect(redirectPath(response), method).toBe('/signout');
			expect(response.headers.get('content-security-policy'), method).toContain("default-src 'none'");
			expect((await copied.request('/org/ZB1')).status, `${method}: the session is neither ended nor half-ended`).toBe(200);
		}
		await session.request('/signout', { form: { redirectTo: '/signin' } });
		expect(redirectPath(await copied.request('/org/ZB1'))).toBe('/signin');
	});

	it('sends an overview it has kept with a fresh nonce, re-issues the session at most once a minute, and refuses it once signed out', async () => {
		const board = principals.find((p) => p.key === 'board@ZB1');
		const session = await signIn(baseUrl, board?.email ?? '', TEST_PASSWORD);
		const views = [];
		for (let i = 0; i < 2; i++) {
			const response = await session.request('/org/ZB1');
			expect(response.status).toBe(200);
			const html = await response.text();
			const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
			expect(nonce).toBeTruthy();
			expect(html).toContain(`nonce="${nonce}"`);
			// Signed in a moment ago: the session is read, not encrypted and sent again (auth/recent-session.ts).
			expect(response.headers.getSetCookie().filter((c) => c.startsWith('authjs.session-token='))).toEqual([]);
			views.push({ nonce, html: html.replaceAll(`nonce="${nonce}"`, '') });
		}
		expect(views[1]!.nonce).not.toBe(views[0]!.nonce);
		expect(views[1]!.html).toBe(views[0]!.html);
		const copied = new HttpSession(baseUrl);
		for (const [k, v] of session.cookies) copied.cookies.set(k, v);
		await session.request('/signout', { form: { redirectTo: '/signin' } });
		expect(redirectPath(await copied.request('/org/ZB1'))).toBe('/signin');
	});

	it("shows a regulator no organisation's working figures", async () => {
		const regulator = principals.find((p) => p.key === 'regulator@ZB0');
		const session = await signIn(baseUrl, regulator?.email ?? '', TEST_PASSWORD);
		const home = await (await session.request('/')).text();
		expect(home).not.toContain('data-field="spend-lines"');
		expect(home).toContain('Packs shared with you');
	});
});
