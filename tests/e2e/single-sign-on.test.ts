import { OAuth2Server } from 'oauth2-mock-server';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { hasBrowser, launchBrowser, type Browser } from './helpers/browser';

const { baseUrl, oidcPort, inviteTokens } = inject('e2e');

/**
 * OpenID Connect sign-in end to end: Chromium, Beacon's server and a mock identity provider (the server was
 * configured with this provider's address at start-up; it is only contacted when someone signs in).
 */
describe.skipIf(!hasBrowser)('single sign-on with an OpenID Connect provider', () => {
	const idp = new OAuth2Server();
	let subject = 'nobody';
	let issuerOverride: string | undefined;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		await idp.issuer.keys.generate('RS256');
		idp.issuer.url = `http://127.0.0.1:${oidcPort}`;
		await idp.start(oidcPort, '127.0.0.1');
		idp.service.on('beforeTokenSigning', (token) => {
			token.payload.sub = subject;
			if (issuerOverride) token.payload.iss = issuerOverride;
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
		expect(new URL(page.url()).pathname).toBe('/');
		expect(await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ods')))).toEqual(['ZB2']);
		await page.context().clearCookies();
		await signInWithProvider();
		expect(new URL(page.url()).pathname).toBe('/');
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
});
