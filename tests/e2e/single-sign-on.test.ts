import { OAuth2Server } from 'oauth2-mock-server';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { hasBrowser, launchBrowser, type Browser } from './helpers/browser';
import { parseCsvRecords } from '../helpers/csv';
import { signIn } from './helpers/http';
import { TEST_PASSWORD } from './setup/fixtures';

const { baseUrl, oidcPort, inviteTokens, principals } = inject('e2e');

/**
 * The summaries of the failed single sign-on attempts in the audit trail, newest first, as the administrator
 * exports them (the trail's page shows them in words; its CSV export keeps each summary as JSON).
 */
async function ssoFailures(): Promise<{ reason: string; provider: string; issuer: string }[]> {
	const admin = await signIn(baseUrl, principals.find((p) => p.role === 'admin')!.email, TEST_PASSWORD);
	const csv = await (await admin.request('/admin/audit/export?action=auth.sign_in_failed', { accept: 'text/csv' })).text();
	return parseCsvRecords(csv)
		.map((row) => JSON.parse(row.summary ?? '{}') as { method?: string; reason: string; provider: string; issuer: string })
		.filter((e) => e.method === 'sso' && e.provider);
}

/**
 * OpenID Connect sign-in end to end: Chromium, Beacon's server and a mock identity provider (the server was
 * configured with this provider's address at start-up; it is only contacted when someone signs in).
 */
describe.skipIf(!hasBrowser)('single sign-on with an OpenID Connect provider', () => {
	const idp = new OAuth2Server();
	let subject = 'nobody';
	let issuerOverride: string | undefined;
	let claims: Record<string, unknown> = {};
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		await idp.issuer.keys.generate('RS256');
		idp.issuer.url = `http://127.0.0.1:${oidcPort}`;
		await idp.start(oidcPort, '127.0.0.1');
		idp.service.on('beforeTokenSigning', (token) => {
			token.payload.sub = subject;
			if (issuerOverride) token.payload.iss = issuerOverride;
			Object.assign(token.payload, claims);
		});
	});
	afterAll(async () => {
		await idp.stop();
	});
	beforeEach(async () => {
		browser = await launchBrowser();
		page = await browser.context.newPage();
	});
	afterEach(async () => {
		issuerOverride = undefined;
		claims = {};
		await browser?.close();
	});

	/** Click the provider's button and wait until the round trip through the provider has come back. */
	async function signInWithProvider(from = `${baseUrl}/signin`): Promise<void> {
		await page.goto(from);
		const start = page.url();
		await Promise.all([
			page.waitForURL((url) => url.origin === baseUrl && !url.pathname.startsWith('/auth/') && url.href !== start, { waitUntil: 'load' }),
			page.click('form[action="?/sso"] button')
		]);
	}

	it('refuses someone nobody invited, whatever their e-mail address, with a plain explanation', async () => {
		subject = 'stranger-subject';
		await signInWithProvider();
		expect(new URL(page.url()).pathname).toBe('/signin');
		expect(await page.locator('.nhsuk-error-summary').innerText()).toContain('Beacon does not know this account');
		await page.goto(`${baseUrl}/`);
		expect(new URL(page.url()).pathname).toBe('/signin');
	});

	it('accepts an invited person once through the invitation link, then by issuer and subject alone', async () => {
		subject = 'invited-1-subject';
		await signInWithProvider(`${baseUrl}/invite/${inviteTokens[0]}`);
		// Their one organisation's overview is their home page.
		expect(new URL(page.url()).pathname).toBe('/org/ZB2');
		await page.context().clearCookies();
		await signInWithProvider();
		expect(new URL(page.url()).pathname).toBe('/org/ZB2');
		expect(await page.locator('.beacon-account-nav').innerText()).toContain('Invited 1');
		// The invitation is spent: its page offers no way in for a second identity.
		await page.context().clearCookies();
		await page.goto(`${baseUrl}/invite/${inviteTokens[0]}`);
		expect(await page.locator('main').innerText()).toContain('This invitation link has been used');
		expect(await page.locator('form[action="?/sso"]').count()).toBe(0);
	});

	it('refuses a callback whose state was tampered with', async () => {
		subject = 'invited-1-subject';
		const tamper = (redirect: { url: URL }) => redirect.url.searchParams.set('state', 'forged-state');
		idp.service.once('beforeAuthorizeRedirect', tamper);
		await signInWithProvider();
		expect(new URL(page.url()).pathname).toBe('/signin');
		expect(await page.locator('.nhsuk-error-summary').innerText()).toContain('Sign-in did not complete');
		await page.goto(`${baseUrl}/`);
		expect(new URL(page.url()).pathname).toBe('/signin');
	});

	it('refuses an ID token from the wrong issuer', async () => {
		subject = 'invited-1-subject';
		issuerOverride = 'http://evil.example';
		await signInWithProvider();
		expect(new URL(page.url()).pathname).toBe('/signin');
		await page.goto(`${baseUrl}/`);
		expect(new URL(page.url()).pathname).toBe('/signin');
	});

	it('audits each protocol failure as a failed sign-in, naming the provider and the check that failed', async () => {
		subject = 'invited-1-subject';
		const now = Math.floor(Date.now() / 1000);
		const cases: [string, Record<string, unknown>, RegExp][] = [
			['nonce', { nonce: 'forged-nonce' }, /nonce/i],
			['audience', { aud: 'another-client' }, /aud/i],
			['expiry', { iat: now - 7200, exp: now - 3600 }, /exp/i]
		];
		for (const [what, changed, reason] of cases) {
			claims = changed;
			const before = (await ssoFailures()).length;
			await signInWithProvider();
			expect(new URL(page.url()).pathname, what).toBe('/signin');
			const failures = await ssoFailures();
			expect(failures.length, what).toBe(before + 1);
			expect(failures[0], what).toMatchObject({ provider: 'oidc', issuer: `http://127.0.0.1:${oidcPort}`, reason: expect.stringMatching(reason) });
		}
		claims = {};
		const tamper = (redirect: { url: URL }) => redirect.url.searchParams.set('state', 'forged-state');
		idp.service.once('beforeAuthorizeRedirect', tamper);
		await signInWithProvider();
		expect((await ssoFailures())[0]?.reason).toMatch(/state/i);
		issuerOverride = 'http://evil.example';
		await signInWithProvider();
		expect((await ssoFailures())[0]?.reason).toMatch(/iss/i);
	});
});
