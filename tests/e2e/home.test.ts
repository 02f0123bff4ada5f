import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatCount } from '../../src/lib/format';
import { findAccessibilityViolations, launchBrowser, saveScreenshot, type Browser } from './helpers/browser';

const { baseUrl, organisations } = inject('e2e');
let browser: Browser;
let page: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	page = await browser.context.newPage();
	await page.goto(`${baseUrl}/`);
});
afterAll(async () => {
	await browser?.close();
});

describe('home page', () => {
	it('lists every organisation with the record counts the database holds', async () => {
		expect(await page.title()).toBe('Organisations – Beacon');
		expect(await page.locator('h1').innerText()).toBe('Organisations');
		const rows = page.locator('tbody tr');
		expect(await rows.count()).toBe(organisations.length);
		for (const org of organisations) {
			const row = page.locator(`tr[data-ods="${org.ods}"]`);
			expect(await row.locator('th').innerText()).toContain(org.name);
			expect(await row.locator('[data-field="spend-lines"]').innerText()).toBe(formatCount(org.spendLines));
			expect(await row.locator('[data-field="training-records"]').innerText()).toBe(formatCount(org.trainingRecords));
			expect(await row.locator('[data-field="incidents"]').innerText()).toBe(formatCount(org.incidents));
			expect(await row.locator('[data-field="latest-devices"]').innerText()).toContain(formatCount(org.latestDevices));
		}
		expect(organisations.every((o) => o.trainingRecords > 0)).toBe(true);
		await saveScreenshot(page, 'home');
	});

	it('has no accessibility violations (axe, WCAG 2.2 AA)', async () => {
		expect(await findAccessibilityViolations(page)).toEqual([]);
	});

	it('offers a skip link as the first stop for keyboard users, and it is visible when focused', async () => {
		await page.goto(`${baseUrl}/`);
		await page.keyboard.press('Tab');
		const focused = page.locator(':focus');
		expect(await focused.innerText()).toBe('Skip to main content');
		expect(await focused.isVisible()).toBe(true);
		await page.keyboard.press('Enter');
		expect(page.url()).toMatch(/#maincontent$/);
	});

	it('answers the health check without revealing anything else', async () => {
		const response = await fetch(`${baseUrl}/health`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	});
});
