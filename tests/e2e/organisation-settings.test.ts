import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, saveScreenshot } from './helpers/browser';
import { signIn } from './helpers/http';
import { principalEmail, useSignedInPage } from './helpers/signed-in';

const { baseUrl } = inject('e2e');
const SETTINGS = '/org/ZB1/settings';

describe('the Settings page over HTTP', () => {
	it('is for those who may change the organisation: the board gets a 403 and no link to it', async () => {
		const board = await signIn(baseUrl, principalEmail('board@ZB1'), TEST_PASSWORD);
		expect((await board.request(SETTINGS)).status).toBe(403);
		expect(await (await board.request('/org/ZB1')).text()).not.toContain(`href="${SETTINGS}`);
	});
});

describe.skipIf(!hasBrowser)('the Settings page in Chromium', () => {
	let page: Page;
	useSignedInPage('it_lead@ZB1', (p) => {
		page = p;
	});

	it('lets the IT lead set how often each source is expected, names a bad value beside its box, and passes axe', async () => {
		await page.goto(`${baseUrl}/org/ZB1`);
		await page.locator('nav[aria-label="Organisation"] a', { hasText: 'Settings' }).click();
		await page.waitForURL(`${baseUrl}${SETTINGS}`);
		expect(await page.locator('h1').innerText()).toBe('Settings');
		expect(await page.locator('#cadence-devices-hint').innerText()).toContain("Beacon's default is 35 days");
		expect(await findAccessibilityViolations(page)).toEqual([]);

		// A value out of bounds comes back named, beside its box, and nothing is saved.
		await page.fill('#cadence-devices', '400');
		await page.click('button:has-text("Save cadences")');
		await page.locator('.nhsuk-error-summary').waitFor();
		expect(await page.locator('#cadence-devices-error').innerText()).toContain('at most 366 days');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'organisation-settings-error');

		// 90 days for devices: ten weeks after the demo's data ends, devices are no longer out of date.
		await page.goto(`${baseUrl}${SETTINGS}`);
		await page.fill('#cadence-devices', '90');
		await page.click('button:has-text("Save cadences")');
		await page.locator('[data-field="saved"]').waitFor();
		expect(await page.locator('#cadence-devices').inputValue()).toBe('90');
		await saveScreenshot(page, 'organisation-settings');
		await page.goto(`${baseUrl}/org/ZB1?asOf=2026-12-07`);
		expect(await page.locator('[data-field="freshness-sources"] [data-source="devices"]').getAttribute('data-stale')).toBe('false');

		// Blank again: the default, and devices out of date again (other tests read the demo's defaults).
		await page.goto(`${baseUrl}${SETTINGS}`);
		await page.fill('#cadence-devices', '');
		await page.click('button:has-text("Save cadences")');
		await page.locator('[data-field="saved"]').waitFor();
		await page.goto(`${baseUrl}/org/ZB1?asOf=2026-12-07`);
		expect(await page.locator('[data-field="freshness-sources"] [data-source="devices"]').getAttribute('data-stale')).toBe('true');
	});
});
