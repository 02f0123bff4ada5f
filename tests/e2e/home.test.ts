import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatCount } from '../../src/lib/format';
import { TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';

const { baseUrl, organisations, principals } = inject('e2e');
const email = (key: string) => principals.find((p) => p.key === key)?.email ?? '';

describe.skipIf(!hasBrowser)('home page in Chromium', () => {
	let browser: Browser;
	let page: Page;
	beforeAll(async () => {
		browser = await launchBrowser();
		page = await browser.context.newPage();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('sends someone signed out to the sign-in page, which passes axe', async () => {
		await page.goto(`${baseUrl}/`);
		expect(new URL(page.url()).pathname).toBe('/signin');
		expect(await page.title()).toBe('Sign in – Beacon');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'signin');
	});

	it('offers a skip link as the first stop for keyboard users, visible when focused', async () => {
		await page.keyboard.press('Tab');
		const focused = page.locator(':focus');
		expect(await focused.innerText()).toBe('Skip to main content');
		expect(await focused.isVisible()).toBe(true);
	});

	it('shows an administrator every organisation with the record counts the database holds', async () => {
		await signInWithPassword(page, baseUrl, email('admin'), TEST_PASSWORD);
		expect(await page.title()).toBe('Organisations – Beacon');
		expect(await page.locator('tbody tr').count()).toBe(organisations.length);
		// The real trusts of the demo's public status snapshot are registered with no records: zeros, read at once.
		const empty = organisations.filter((o) => !o.ods.startsWith('Z'));
		expect(empty.length).toBeGreaterThan(200);
		expect(empty.every((o) => o.spendLines + o.trainingRecords + o.incidents === 0)).toBe(true);
		const zeros = await page
			.locator('tbody tr')
			.evaluateAll((rows) =>
				rows.filter((r) => !(r.getAttribute('data-ods') ?? '').startsWith('Z')).map((r) => r.querySelector('[data-field="spend-lines"]')?.textContent?.trim())
			);
		expect(zeros).toEqual(empty.map(() => '0'));
		for (const org of organisations.filter((o) => o.ods.startsWith('Z'))) {
			const row = page.locator(`tr[data-ods="${org.ods}"]`);
			expect(await row.locator('th').innerText()).toContain(org.name);
			expect(await row.locator('[data-field="spend-lines"]').innerText()).toBe(formatCount(org.spendLines));
			expect(await row.locator('[data-field="training-records"]').innerText()).toBe(formatCount(org.trainingRecords));
			expect(await row.locator('[data-field="incidents"]').innerText()).toBe(formatCount(org.incidents));
			expect(await row.locator('[data-field="latest-devices"]').innerText()).toContain(formatCount(org.latestDevices));
		}
		expect(organisations.filter((o) => o.ods.startsWith('ZB')).every((o) => o.trainingRecords > 0)).toBe(true);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'home-admin');
	});

	it("lands an IT lead of one trust on its overview, and a board member of the ICB on the ICB's, with its trusts", async () => {
		const other = await launchBrowser();
		const lead = await other.context.newPage();
		await signInWithPassword(lead, baseUrl, email('it_lead@ZB1'), TEST_PASSWORD);
		expect(new URL(lead.url()).pathname).toBe('/org/ZB1');
		await lead.click('a:text-is("Organisations")');
		expect(new URL(lead.url()).pathname).toBe('/org/ZB1');
		await lead.context().clearCookies();
		await signInWithPassword(lead, baseUrl, email('board@ZB0'), TEST_PASSWORD);
		expect(new URL(lead.url()).pathname).toBe('/org/ZB0');
		expect(await lead.locator('[data-field="trusts"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ods')).sort())).toEqual([
			'ZB1',
			'ZB2',
			'ZB3',
			'ZB4',
			'ZB5'
		]);
		await other.close();
	});

	it('opens an organisation from the list, with the same figures', async () => {
		const zb1 = organisations.find((o) => o.ods === 'ZB1');
		await page.goto(`${baseUrl}/`);
		await Promise.all([page.waitForURL(/\/org\/ZB1$/), page.click('tr[data-ods="ZB1"] a')]);
		expect(await page.locator('h1').innerText()).toBe(zb1?.name);
		expect(await page.locator('[data-field="incidents"]').innerText()).toBe(formatCount(zb1?.incidents ?? -1));
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'organisation');
	});
});
