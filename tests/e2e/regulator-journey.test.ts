import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { waitForMail } from './helpers/mail';
import { principalEmail } from './helpers/signed-in';

const { baseUrl, mailDir } = inject('e2e');
const REGULATOR = 'journey.regulator@e2e.beacon.invalid';
const PASSWORD = 'a journey regulator passphrase';

/**
 * The regulator's journey, as they would take it, in Chromium: an administrator invites them (by e-mail),
 * they accept; an IT lead generates a regulator pack and shares it (by e-mail); from that e-mail the regulator
 * signs in, finds the pack on their home page, downloads its PDF and bundle, and checks the PDF on /verify.
 * Nothing is typed into the address bar but the links the e-mails give.
 */
describe.skipIf(!hasBrowser)("the regulator's journey, from e-mail to verified download", () => {
	let staff: Browser;
	let regulatorBrowser: Browser;
	let admin: Page;
	let regulator: Page;
	let reportId: string;

	beforeAll(async () => {
		staff = await launchBrowser();
		regulatorBrowser = await launchBrowser();
		admin = await staff.context.newPage();
		regulator = await regulatorBrowser.context.newPage();
	});
	afterAll(async () => {
		await staff?.close();
		await regulatorBrowser?.close();
	});

	it('an administrator invites the regulator, and the invitation arrives by e-mail', async () => {
		await signInWithPassword(admin, baseUrl, principalEmail('admin'), TEST_PASSWORD);
		await admin.click('a:text-is("Administration")');
		await admin.click('a:has-text("Users")');
		await admin.fill('#email', REGULATOR);
		await admin.fill('#name', 'Jo Journey (regulator)');
		await admin.selectOption('#role', 'regulator');
		await admin.fill('#ods', 'ZB0');
		await admin.click('button:text-is("Create invitation")');
		await admin.waitForSelector('[data-field="mail-note"]');
		expect(await admin.locator('[data-field="mail-note"]').innerText()).toBe(`E-mailed ${REGULATOR}.`);
		const mail = await waitForMail(mailDir, REGULATOR, /invited/);
		const link = /(http:\/\/\S+\/invite\/\S+)/.exec(mail.text)?.[1];
		expect(link).toBe(await admin.locator('[data-field="invite-link"]').innerText());

		await regulator.goto(link!);
		await regulator.fill('#password', PASSWORD);
		await regulator.fill('#confirm', PASSWORD);
		await Promise.all([regulator.waitForURL(/\/signin/), regulator.click('button:text-is("Set password")')]);
		await regulator.fill('#email', REGULATOR);
		await regulator.fill('#password', PASSWORD);
		await Promise.all([regulator.waitForURL((u) => u.pathname === '/'), regulator.click('form[action="?/password"] button[type=submit]')]);
		expect(await regulator.locator('h1').innerText()).toBe('Packs shared with you');
		expect(await regulator.locator('[data-field="nothing-shared"]').innerText()).toContain('No organisation has shared a pack with you yet');
		expect(await findAccessibilityViolations(regulator)).toEqual([]);
		await saveScreenshot(regulator, 'journey-regulator-empty-home');
	});

	it('the IT lead generates a regulator pack and shares it; the board and the regulator are e-mailed', async () => {
		await admin.context().clearCookies();
		await signInWithPassword(admin, baseUrl, principalEmail('it_lead@ZB1'), TEST_PASSWORD);
		// One organisation: the IT lead lands on its overview (or, on a list, opens it).
		if (new URL(admin.url()).pathname === '/') await Promise.all([admin.waitForURL(/\/org\/ZB1$/), admin.click('tr[data-ods="ZB1"] a')]);
		await admin.click('nav[aria-label="Organisation"] a:text-is("Reports")');
		await admin.check('#kind-regulator');
		await admin.selectOption('#period', '2025-26');
		await admin.click('button:text-is("Generate")');
		await admin.waitForSelector('[data-field="generated"]');
		reportId = /report ([0-9a-f-]{36})/.exec(await admin.locator('[data-field="generated"]').innerText())![1]!;
		expect(await admin.locator('[data-field="mail-note"]').innerText()).toContain(principalEmail('board@ZB1'));
		const boardMail = await waitForMail(mailDir, principalEmail('board@ZB1'), /awaits the board's sign-off/);
		expect(boardMail.text).toContain(reportId);

		await admin.fill(`#email-${reportId}`, REGULATOR);
		await admin.click(`li[data-report="${reportId}"] button:text-is("Share")`);
		await admin.waitForSelector('[data-field="saved"]');
		expect(await admin.locator('[data-field="saved"]').innerText()).toBe(`Shared with ${REGULATOR}. E-mailed ${REGULATOR}.`);
		expect(await findAccessibilityViolations(admin)).toEqual([]);
		await saveScreenshot(admin, 'journey-it-lead-shared');
	});

	it('from the e-mail the regulator signs in and finds the pack on their home page', async () => {
		const mail = await waitForMail(mailDir, REGULATOR, /shared its DSPT regulator pack for 2025-26/);
		expect(mail.subject).toBe('Borchester General Hospital NHS Foundation Trust (demo) shared its DSPT regulator pack for 2025-26 with you');
		const home = /(http:\/\/\S+\/)\n/.exec(mail.text)?.[1];
		expect(home).toBe(`${baseUrl}/`);
		// They come back later, signed out: the e-mail's link leads through sign-in to the pack.
		await regulator.context().clearCookies();
		await regulator.goto(home!);
		expect(new URL(regulator.url()).pathname).toBe('/signin');
		await regulator.fill('#email', REGULATOR);
		await regulator.fill('#password', PASSWORD);
		await Promise.all([regulator.waitForURL((u) => u.pathname === '/'), regulator.click('form[action="?/password"] button[type=submit]')]);
		const rows = regulator.locator('[data-field="shared-packs"] tbody tr');
		expect(await rows.count()).toBe(1);
		const row = regulator.locator(`tr[data-report="${reportId}"]`);
		expect(await row.locator('th').innerText()).toContain('Borchester General Hospital NHS Foundation Trust (demo)');
		expect(await row.innerText()).toContain('DSPT regulator pack');
		expect(await row.innerText()).toContain('2025-26');
		expect(await row.locator('[data-field="sign-off"]').innerText()).toBe('Not signed off');
		expect(await row.locator('[data-field="submission"]').innerText()).toBe('Not submitted');
		expect(await findAccessibilityViolations(regulator)).toEqual([]);
		await saveScreenshot(regulator, 'journey-regulator-home');
	});

	it('downloads the PDF and the bundle, and /verify says the PDF is authentic', async () => {
		const row = regulator.locator(`tr[data-report="${reportId}"]`);
		const [pdf] = await Promise.all([regulator.waitForEvent('download'), row.locator('[data-field="pdf"]').click()]);
		const pdfPath = await pdf.path();
		expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const [bundle] = await Promise.all([regulator.waitForEvent('download'), row.locator('[data-field="bundle"]').click()]);
		expect(
			readFileSync(await bundle.path())
				.subarray(0, 2)
				.toString('latin1')
		).toBe('PK');

		await Promise.all([regulator.waitForURL(/\/verify\?reportId=/), row.locator('[data-field="verify"]').click()]);
		expect(await regulator.locator('[data-field="verification"]').getAttribute('data-outcome')).toBe('issued');
		await regulator.setInputFiles('#file', pdfPath);
		await regulator.click('button:has-text("Check the file")');
		await regulator.waitForSelector('[data-field="verification"][data-outcome="authentic"]');
		expect(await regulator.locator('[data-field="org"]').innerText()).toContain('(ZB1)');
		expect(await findAccessibilityViolations(regulator)).toEqual([]);
		await saveScreenshot(regulator, 'journey-regulator-verified');
	});

	it("keeps to what was shared: the switcher offers only ZB1, and other organisations' pages are not there", async () => {
		await regulator.goto(`${baseUrl}/`);
		await regulator.locator(`tr[data-report="${reportId}"] [data-field="verify"]`).waitFor();
		const reports = await regulator.request.get(`${baseUrl}/org/ZB1/reports`);
		expect(reports.status()).toBe(200);
		await regulator.goto(`${baseUrl}/org/ZB1/reports`);
		// One organisation shared with them: no switcher, and only the Reports link in the organisation's menu.
		expect(await regulator.locator('[data-field="org-switcher"]').count()).toBe(0);
		expect(await regulator.locator('nav[aria-label="Organisation"] a').allInnerTexts()).toEqual(['Reports']);
		for (const path of ['/org/ZB1', '/org/ZB1/devices', '/org/ZB2/reports', '/org/ZB0/reports']) {
			expect((await regulator.request.get(`${baseUrl}${path}`)).status(), path).toBe(404);
		}
	});
});
