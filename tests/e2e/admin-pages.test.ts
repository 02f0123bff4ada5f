import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';

const { baseUrl, principals, victims, inviteTokens } = inject('e2e');
const admin = principals.find((p) => p.key === 'admin');

describe.skipIf(!hasBrowser)('administration and account pages in Chromium', () => {
	let browser: Browser;
	let page: Page;
	beforeAll(async () => {
		browser = await launchBrowser();
		page = await browser.context.newPage();
		await signInWithPassword(page, baseUrl, admin?.email ?? '', TEST_PASSWORD);
	});
	afterAll(async () => {
		await browser?.close();
	});

	const victim = () => victims.find((v) => v.email.startsWith('victim-matrix'))?.id;
	const pages: [string, () => string, string][] = [
		['admin', () => '/admin', 'Administration – Beacon'],
		['admin-organisations', () => '/admin/organisations', 'Organisations – Administration – Beacon'],
		['admin-users', () => '/admin/users', 'Users and roles – Administration – Beacon'],
		['admin-user', () => `/admin/users/${victim()}`, 'victim-matrix – Users – Beacon'],
		['admin-audit', () => '/admin/audit', 'Audit trail – Administration – Beacon'],
		['account', () => '/account', 'Your account – Beacon'],
		['signout', () => '/signout', 'Sign out – Beacon']
	];
	for (const [name, path, title] of pages) {
		it(`renders ${name} without accessibility violations`, async () => {
			await page.goto(`${baseUrl}${path()}`);
			expect(await page.title()).toBe(title);
			expect(await findAccessibilityViolations(page)).toEqual([]);
			await saveScreenshot(page, name);
		});
	}

	it('invites a user from the users page and shows the link once', async () => {
		await page.goto(`${baseUrl}/admin/users`);
		await page.fill('#email', 'from-the-form@e2e.beacon.invalid');
		await page.fill('#name', 'Fern Form');
		await page.selectOption('#role', 'board');
		await page.fill('#ods', 'ZB3');
		await Promise.all([page.waitForLoadState('load'), page.click('form[action="?/invite"] button')]);
		const link = await page.locator('[data-field="invite-link"]').innerText();
		expect(link).toMatch(new RegExp(`^${baseUrl}/invite/[A-Za-z0-9_-]{43}$`));
		expect(await page.locator('text=Fern Form').count()).toBe(1);
		expect(await findAccessibilityViolations(page)).toEqual([]);
	});

	it('shows a bad form back with an error summary that takes focus', async () => {
		await page.goto(`${baseUrl}/admin/organisations`);
		await page.fill('#ods', 'R!');
		await page.fill('#name', 'Bad Code Trust');
		await Promise.all([page.waitForLoadState('load'), page.click('form[action="?/create"] button')]);
		expect(await page.locator('.nhsuk-error-summary').innerText()).toContain('an ODS code is 3 to 10 letters and digits');
		expect(await page.evaluate(() => document.activeElement?.classList.contains('nhsuk-error-summary'))).toBe(true);
		expect(await findAccessibilityViolations(page)).toEqual([]);
	});

	it('checks the audit trail from its page and filters it by action', async () => {
		await page.goto(`${baseUrl}/admin/audit`);
		await Promise.all([page.waitForLoadState('load'), page.click('form[action="?/verify"] button')]);
		expect(await page.locator('[data-field="verify-result"]').innerText()).toMatch(/Intact\. All \d+ events check out/);
		await page.goto(`${baseUrl}/admin/audit?action=user.invite`);
		// Each action in words, its code beneath; each summary as lines, not JSON.
		const actions = (await page.locator('tbody tr [data-field="action"]').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
		expect(actions.length).toBeGreaterThan(0);
		expect(new Set(actions)).toEqual(new Set(['Invited someone user.invite']));
		const summary = await page.locator('tbody tr [data-field="summary"]').first().innerText();
		expect(summary).toMatch(/^email: \S+@\S+/);
		expect(summary).not.toContain('{');
	});

	it('offers an unused invitation to choose a password, and passes axe', async () => {
		const anonymous = await launchBrowser();
		const invitee = await anonymous.context.newPage();
		await invitee.goto(`${baseUrl}/invite/${inviteTokens[2]}`);
		expect(await invitee.locator('h1').innerText()).toBe('Accept your invitation');
		expect(await invitee.locator('main').innerText()).toContain('Invited 3');
		expect(await findAccessibilityViolations(invitee)).toEqual([]);
		await saveScreenshot(invitee, 'invite');
		await anonymous.close();
	});
});
