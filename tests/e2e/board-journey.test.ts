import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasPdfTools, pdfText } from '../helpers/pdf-tools';
import { TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { principalEmail } from './helpers/signed-in';

const { baseUrl } = inject('e2e');

const COMMENTARY = 'Device compliance fell after the Windows 10 cut-off; the replacement programme finishes in June.';
const RECOMMENDATION = 'The board is asked to note the assurance given and to sign off the pack.';

/**
 * A board member's way through Beacon, in Chromium, as that user: the IT lead generates the board pack with
 * its cover sheet and commentary; the board member lands on the overview (status, then top risks and what
 * changed), narrows the scorecard to what needs attention, reads the pack, records the board's sign-off, and
 * sees it on the reports list and on /verify. Each page passes axe; screenshots go to tests/artifacts/.
 */
describe.skipIf(!hasBrowser)('the board member, from the overview to the sign-off', () => {
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

	it('the IT lead enters the cover sheet and commentary, and generates the board pack', async () => {
		await signInWithPassword(lead, baseUrl, principalEmail('it_lead@ZB1'), TEST_PASSWORD);
		await lead.goto(`${baseUrl}/org/ZB1/reports`);
		await lead.check('#kind-board');
		await lead.selectOption('#period', '2025-26');
		await lead.fill('#meeting', 'Trust Board (public), 28 May 2026, item 11');
		await lead.check('#purpose-assurance');
		await lead.fill('#recommendation', RECOMMENDATION);
		await lead.fill('#executiveLead', 'Alex Reed, Chief Digital Officer');
		await lead.fill('#author', 'Sam Patel, Head of IT Security');
		await lead.fill('#bafRisk', 'BAF 7: a cyber attack disrupts clinical services');
		await lead.fill('#commentary', COMMENTARY);
		expect(await findAccessibilityViolations(lead)).toEqual([]);
		await saveScreenshot(lead, 'board-journey-1-cover-sheet');
		await lead.click('button:text-is("Generate")');
		await lead.waitForSelector('[data-field="generated"]');
		reportId = /report ([0-9a-f-]{36})/.exec(await lead.locator('[data-field="generated"]').innerText())![1]!;
	});

	it('the board member lands on the overview: the status, then the top risks and what changed', async () => {
		await signInWithPassword(board, baseUrl, principalEmail('board@ZB1'), TEST_PASSWORD);
		expect(new URL(board.url()).pathname).toBe('/org/ZB1');
		const headings = await board.locator('main h2').allInnerTexts();
		const at = (text: string) => headings.findIndex((h) => h.startsWith(text));
		expect(at('DSPT status')).toBeGreaterThanOrEqual(0);
		expect(at('Top risks')).toBe(at('DSPT status') + 1);
		expect(at('What changed')).toBe(at('Top risks') + 1);
		expect(await findAccessibilityViolations(board)).toEqual([]);
		await saveScreenshot(board, 'board-journey-2-overview');
	});

	it('narrows the scorecard to what needs attention, keeping the date', async () => {
		await board.click('nav[aria-label="Organisation"] a:text-is("DSPT scorecard")');
		await board.waitForURL((u) => u.pathname === '/org/ZB1/scorecard/2024-25');
		const all = await board.locator('tr[data-outcome]').count();
		expect(all).toBe(47);
		const asOf = await board.locator('#asOf').inputValue();
		await board.check('#show-attention');
		await Promise.all([board.waitForURL((u) => u.searchParams.get('show') === 'attention'), board.click('button:text-is("Show these outcomes")')]);
		expect(new URL(board.url()).searchParams.get('asOf')).toBe(asOf);
		const shown = await board.locator('tr[data-outcome]').count();
		expect(shown).toBeGreaterThan(0);
		expect(shown).toBeLessThan(47);
		const summary = await board.locator('[data-field="view-summary"]').innerText();
		expect(summary).toContain(`Showing the ${shown} of 47 outcomes that need`);
		// Each row shown is a gap, a veracity flag or has an overdue action.
		for (const row of await board.locator('tr[data-outcome]').all()) {
			const text = await row.innerText();
			expect(/Gap|overdue|Self-assessment above data/.test(text)).toBe(true);
		}
		expect(await findAccessibilityViolations(board)).toEqual([]);
		await saveScreenshot(board, 'board-journey-3-scorecard-attention');

		// Another date keeps the view; "Show every outcome" brings every row back, on the same date.
		await board.fill('#asOf', '2026-03-31');
		await Promise.all([board.waitForURL((u) => u.searchParams.get('asOf') === '2026-03-31'), board.click('form[data-field="as-of-form"] button')]);
		expect(new URL(board.url()).searchParams.get('show')).toBe('attention');
		expect(await board.locator('[data-field="view-summary"]').innerText()).toContain('as of 31 March 2026');
		await Promise.all([board.waitForURL((u) => !u.searchParams.has('show')), board.click('[data-field="show-all"]')]);
		expect(await board.locator('tr[data-outcome]').count()).toBe(47);
		expect(new URL(board.url()).searchParams.get('asOf')).toBe('2026-03-31');

		// The status panel's count of veracity flags leads to them, on the same date.
		const flags = Number.parseInt(await board.locator('[data-field="show-flags"]').innerText(), 10);
		await Promise.all([board.waitForURL((u) => u.searchParams.get('show') === 'flags'), board.click('[data-field="show-flags"]')]);
		expect(new URL(board.url()).searchParams.get('asOf')).toBe('2026-03-31');
		expect(await board.locator('tr[data-outcome]').count()).toBe(flags);
		expect(await board.locator('tr[data-outcome] [data-field="veracity"]').count()).toBe(flags);
		expect(await board.locator('[data-field="view-summary"]').innerText()).toContain(
			`of 47 outcomes self-assessed above what the data shows, as of 31 March 2026`
		);
	});

	it('reads the pack, with its cover sheet, commentary and returns, then records the sign-off', async () => {
		await board.click('nav[aria-label="Organisation"] a:text-is("Reports")');
		await board.waitForURL((u) => u.pathname === '/org/ZB1/reports');
		const card = board.locator(`li[data-report="${reportId}"]`);
		expect(await card.locator('[data-field="not-signed-off"]').count()).toBe(0);
		const pdf = await board.context().request.get(`${baseUrl}${await card.locator('[data-field="download"]').getAttribute('href')}`);
		expect(pdf.status()).toBe(200);
		if (hasPdfTools) {
			const text = pdfText(await pdf.body()).replace(/\s+/g, ' ');
			for (const s of ['Cover sheet', 'For assurance', RECOMMENDATION, 'Commentary from the IT lead', COMMENTARY, 'Return on each investment'])
				expect(text).toContain(s);
		}
		await card.locator('summary').click();
		await card.locator(`#name-${reportId}`).fill('Pat Chair');
		await card.locator(`#role-${reportId}`).fill('Chair of the board');
		await card.locator(`#on-${reportId}`).fill('2026-05-28');
		await card.locator('button:text-is("Record sign-off")').click();
		await board.waitForSelector('[data-field="saved"]');
		const signed = await board.locator(`li[data-report="${reportId}"] [data-field="signed-off"]`).innerText();
		expect(signed).toContain('Signed off by the board on 28 May 2026: Pat Chair (Chair of the board).');
		expect(signed).toContain('Recorded in Beacon by E2E board@ZB1.');
		expect(await findAccessibilityViolations(board)).toEqual([]);
		await saveScreenshot(board, 'board-journey-4-signed-off');
	});

	it('finds the sign-off on /verify, by the pack’s verification link', async () => {
		await board.click(`li[data-report="${reportId}"] [data-field="verify"]`);
		await board.waitForURL((u) => u.pathname === '/verify');
		expect(await board.locator('[data-field="verification"]').getAttribute('data-outcome')).toBe('issued');
		expect(await board.locator('[data-field="board-sign-off"]').innerText()).toBe(
			'Signed off by the board on 28 May 2026: Pat Chair (Chair of the board). Recorded in Beacon by E2E board@ZB1.'
		);
		expect(await findAccessibilityViolations(board)).toEqual([]);
		await saveScreenshot(board, 'board-journey-5-verify');
	});
});
