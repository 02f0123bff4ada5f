import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { principalEmail } from './helpers/signed-in';

const { baseUrl } = inject('e2e');

describe.skipIf(!hasBrowser)('error pages in the service frame, in Chromium', () => {
	let browser: Browser;
	let page: Page;
	beforeAll(async () => {
		browser = await launchBrowser();
		page = await browser.context.newPage();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('answers an address that is not there with a 404 page: header, plain words, a way back to sign in', async () => {
		const response = await page.goto(`${baseUrl}/no-such-page`);
		expect(response?.status()).toBe(404);
		expect(await page.locator('header.nhsuk-header').count()).toBe(1);
		expect(await page.locator('h1').innerText()).toBe('Page not found');
		expect(await page.locator('[data-field="way-back"]').getAttribute('href')).toBe('/signin');
		expect(await findAccessibilityViolations(page)).toEqual([]);
	});

	it("shows a signed-in user another organisation's page as not found, and a page their role may not open as 403", async () => {
		await signInWithPassword(page, baseUrl, principalEmail('board@ZB1'), TEST_PASSWORD);
		const missing = await page.goto(`${baseUrl}/org/ZC1/devices`);
		expect(missing?.status()).toBe(404);
		expect(await page.locator('h1').innerText()).toBe('Page not found');
		expect(await page.locator('main').innerText()).not.toContain('ZC1');
		expect(await page.locator('[data-field="way-back"]').getAttribute('href')).toBe('/');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'error-404');

		const forbidden = await page.goto(`${baseUrl}/admin`);
		expect(forbidden?.status()).toBe(403);
		expect(await page.locator('h1').innerText()).toBe('You do not have access to this page');
		expect(await page.locator('header').innerText()).toContain('Beacon');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'error-403');
		await Promise.all([page.waitForURL((u) => u.pathname !== '/admin'), page.click('[data-field="way-back"]')]);
		expect(new URL(page.url()).pathname).toBe('/org/ZB1');
	});
});
