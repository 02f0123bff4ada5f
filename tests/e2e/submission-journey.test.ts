import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasPdfTools, pdfText } from '../helpers/pdf-tools';
import { SUBMISSION_JOURNEY, TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { waitForMail } from './helpers/mail';

const { baseUrl, mailDir } = inject('e2e');

/**
 * The IT lead's and the board's way to a DSPT submission, in Chromium: the IT lead generates the regulator
 * pack, the board member (told by e-mail) signs it off, the IT lead submits; the self-assessment is then
 * read-only and a later pack says when and by whom it was submitted. Trust ZB4, which no other test changes.
 */
describe.skipIf(!hasBrowser)('the IT lead and the board, from regulator pack to DSPT submission', () => {
	let leadBrowser: Browser;
	let boardBrowser: Browser;
	let lead: Page;
	let board: Page;
	let reportId: string;

	beforeAll(async () => {
		leadBrowser = await launchBrowser();
		boardBrowser = await launchBrowser();
		lead = await leadBrowser.context.newPage();
		board = await boardBrowser.context.newPage();
	});
	afterAll(async () => {
		await leadBrowser?.close();
		await boardBrowser?.close();
	});

	it('the IT lead lands on the trust, and cannot submit before the board has signed off a regulator pack', async () => {
		await signInWithPassword(lead, baseUrl, SUBMISSION_JOURNEY.it_lead, TEST_PASSWORD);
		expect(new URL(lead.url()).pathname).toBe('/org/ZB4');
		await lead.click('nav[aria-label="Organisation"] a:text-is("Reports")');
		const panel = lead.locator('[data-field="submission"]');
		expect(await panel.getAttribute('data-status')).toBe('draft');
		expect(await panel.innerText()).toContain('Before it can be submitted, generate a DSPT regulator pack below and have the board sign it off.');
		expect(await panel.locator('button').count()).toBe(0);
		await lead.check('#kind-regulator');
		await lead.selectOption('#period', '2025-26');
		await lead.click('button:text-is("Generate")');
		await lead.waitForSelector('[data-field="generated"]');
		reportId = /report ([0-9a-f-]{36})/.exec(await lead.locator('[data-field="generated"]').innerText())![1]!;
	});

	it('the board member follows the e-mail to the pack and records the sign-off', async () => {
		const mail = await waitForMail(mailDir, SUBMISSION_JOURNEY.board, /awaits the board's sign-off/);
		const link = /(http:\/\/\S+\/org\/ZB4\/reports)/.exec(mail.text)?.[1];
		expect(link).toBe(`${baseUrl}/org/ZB4/reports`);
		await board.goto(link!);
		await board.fill('#email', SUBMISSION_JOURNEY.board);
		await board.fill('#password', TEST_PASSWORD);
		await Promise.all([board.waitForURL((u) => u.pathname === '/org/ZB4/reports'), board.click('form[action="?/password"] button[type=submit]')]);
		const card = board.locator(`li[data-report="${reportId}"]`);
		await card.locator('summary').click();
		await card.locator(`#name-${reportId}`).fill('Pat Chair');
		await card.locator(`#role-${reportId}`).fill('Chair of the board');
		await card.locator('button:text-is("Record sign-off")').click();
		await board.waitForSelector('[data-field="saved"]');
		expect(await board.locator(`li[data-report="${reportId}"] [data-field="signed-off"]`).innerText()).toContain(
			': Pat Chair (Chair of the board). Recorded in Beacon by Journey board ZB4.'
		);
		expect(await findAccessibilityViolations(board)).toEqual([]);
	});

	it('the IT lead submits; the self-assessment is then read-only', async () => {
		await lead.reload();
		const panel = lead.locator('[data-field="submission"]');
		expect(await panel.innerText()).toContain('The board signed off the regulator pack for 2025-26');
		expect(await findAccessibilityViolations(lead)).toEqual([]);
		await saveScreenshot(lead, 'journey-submission-ready');
		await panel.locator('button:text-is("Submit the DSPT 2024-25 assessment")').click();
		await lead.waitForSelector('[data-field="saved"]');
		expect(await lead.locator('[data-field="submission"]').getAttribute('data-status')).toBe('submitted');
		expect(await lead.locator('[data-field="submitted"]').innerText()).toMatch(/^Submitted on \d{1,2} \w+ \d{4} by Journey it_lead ZB4\./);
		expect(await findAccessibilityViolations(lead)).toEqual([]);
		await saveScreenshot(lead, 'journey-submitted');

		await lead.goto(`${baseUrl}/org/ZB4/scorecard/2024-25/A1.a`);
		expect(await lead.locator('[data-field="submitted-read-only"]').innerText()).toContain(
			'This assessment has been submitted: its self-assessment and evidence are read-only.'
		);
		expect(await lead.locator('form[action="?/assess"]').count()).toBe(0);
	});

	it('a regulator pack made after the submission says when and by whom it was submitted', async () => {
		await lead.goto(`${baseUrl}/org/ZB4/reports`);
		await lead.check('#kind-regulator');
		await lead.selectOption('#period', '2025-26');
		await lead.click('button:text-is("Generate")');
		await lead.waitForSelector('[data-field="generated"]');
		const later = /report ([0-9a-f-]{36})/.exec(await lead.locator('[data-field="generated"]').innerText())![1]!;
		const pdf = await lead.context().request.get(`${baseUrl}/org/ZB4/reports/${later}/pdf`);
		expect(pdf.status()).toBe(200);
		if (hasPdfTools) expect(pdfText(await pdf.body()).replace(/\s+/g, ' ')).toMatch(/Submitted on \d{1,2} \w+ \d{4} by Journey it_lead ZB4\./);
	});
});
