import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { principalEmail } from './helpers/signed-in';

const { baseUrl } = inject('e2e');

describe.skipIf(!hasBrowser)('the full organisation list at /switch, for users with many organisations', () => {
	let browser: Browser;
	let page: Page;
	beforeAll(async () => {
		browser = await launchBrowser();
		page = await browser.context.newPage();
		await signInWithPassword(page, baseUrl, principalEmail('admin'), TEST_PASSWORD);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('lists every organisation, narrows by name or code, and opens the same page of the one chosen', async () => {
		await page.goto(`${baseUrl}/switch?page=incidents`);
		expect(await page.title()).toBe('Change organisation – Beacon');
		const all = await page.locator('[data-field="switch-list"] li').count();
		expect(all).toBeGreaterThan(1);
		expect(await page.locator('[data-field="switch-count"]').innerText()).toBe(`Your ${all} organisations.`);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await page.fill('#switch-query', 'zb1');
		await Promise.all([page.waitForURL(/q=zb1/), page.click('[data-field="switch-search"] button')]);
		expect(await page.locator('[data-field="switch-list"] li').allInnerTexts()).toEqual([expect.stringMatching(/\(ZB1\)$/)]);
		await saveScreenshot(page, 'org-switcher');
		await Promise.all([page.waitForURL(/\/org\/ZB1\/incidents$/), page.click('[data-field="switch-list"] a')]);
		expect(await page.locator('h1').innerText()).toBe('Incidents');
	});
});
