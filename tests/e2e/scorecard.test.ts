import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EVIDENCE_PDF, TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { answer, signIn } from './helpers/http';
import { principalEmail } from './helpers/signed-in';
import { today } from '../../src/lib/server/db/day';

const { baseUrl, evidenceIds } = inject('e2e');
const email = principalEmail;
const SCORECARD = '/org/ZB1/scorecard/2024-25';
// The demo's pages open at the end of its data (30 September 2026); what is recorded today is read as of today.
const TODAY = today();

describe('the scorecard over HTTP', () => {
	it('shows readers the scorecard without forms, and serves evidence as a checked download', async () => {
		const board = await signIn(baseUrl, email('board@ZB1'), TEST_PASSWORD);
		const page = await board.request(SCORECARD);
		const html = await page.text();
		expect(page.status).toBe(200);
		expect(html).toContain('DSPT 2024-25 scorecard');
		expect(html.match(/data-outcome="/g)).toHaveLength(47);
		const outcome = await (await board.request(`${SCORECARD}/A1.a`)).text();
		expect(outcome).toContain('ZB1-board-minutes.pdf');
		expect(outcome).not.toContain('action="?/assess"');
		expect(outcome).not.toContain('action="?/finding"');

		const file = await board.request(`${SCORECARD}/evidence/${evidenceIds.ZB1}`);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('application/pdf');
		expect(file.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''ZB1-board-minutes.pdf");
		expect(file.headers.get('x-content-type-options')).toBe('nosniff');
		expect(await file.text()).toBe(EVIDENCE_PDF);
		// Another organisation's file is not found, even by a number that exists.
		expect((await board.request(`${SCORECARD}/evidence/${evidenceIds.ZC1}`)).status).toBe(404);
		expect((await board.request('/org/ZB1/scorecard/2031-32')).status).toBe(404);
		expect(await answer(board, `${SCORECARD}?asOf=2025-02-30`)).toMatchObject({
			status: 400,
			html: expect.stringContaining('asOf: a date is written YYYY-MM-DD and must exist')
		});
	});

	it('lets the assessor record a finding that readers then see; the IT lead may not', async () => {
		const lead = await signIn(baseUrl, email('it_lead@ZB1'), TEST_PASSWORD);
		expect((await lead.request(`${SCORECARD}/A2.a?/finding`, { form: { verdict: 'supported', note: 'mine' } })).status).toBe(403);
		const assessor = await signIn(baseUrl, email('assessor@ZB1'), TEST_PASSWORD);
		const form = await (await assessor.request(`${SCORECARD}/A2.a`)).text();
		expect(form).toContain('action="?/finding"');
		expect(form).not.toContain('action="?/assess"');
		const saved = await assessor.request(`${SCORECARD}/A2.a?/finding`, { form: { verdict: 'insufficient_evidence', note: 'No risk register seen.' } });
		expect(await saved.text()).toContain('Finding recorded.');
		const board = await signIn(baseUrl, email('board@ZB1'), TEST_PASSWORD);
		const card = await (await board.request(`${SCORECARD}?asOf=${TODAY}`)).text();
		expect(card).toMatch(/data-outcome="A2\.a"[\s\S]*?Assessor: Not enough evidence to judge/);
	});
});

describe.skipIf(!hasBrowser)('recording a self-assessment in Chromium', () => {
	let browser: Browser;
	let page: Page;
	let dir: string;
	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'beacon-e2e-scorecard-'));
		writeFileSync(path.join(dir, 'mfa-policy.pdf'), EVIDENCE_PDF);
		writeFileSync(path.join(dir, 'not-really.pdf'), 'plain text');
		browser = await launchBrowser();
		page = await browser.context.newPage();
		await signInWithPassword(page, baseUrl, email('it_lead@ZB1'), TEST_PASSWORD);
	});
	afterAll(async () => {
		await browser?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('goes from the organisation to the scorecard, and the page passes axe', async () => {
		await page.goto(`${baseUrl}/org/ZB1`);
		await Promise.all([page.waitForURL(/\/org\/ZB1\/scorecard$/), page.click('[data-field="scorecard-link"]')]);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await Promise.all([page.waitForURL(/\/scorecard\/2024-25$/), page.click('a:has-text("2024-25")')]);
		expect(await page.title()).toMatch(/^DSPT 2024-25 scorecard – .+ – Beacon$/);
		expect(await page.locator('[data-field="status"]').innerText()).toMatch(/^Standards (Not Met|Met|Exceeded)|Approaching Standards$/);
		expect(await page.locator('tr[data-outcome]').count()).toBe(47);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'scorecard');
	});

	it('records B2.a with its hard gate, evidence and an overdue action, and the scorecard reflects them', async () => {
		await page.goto(`${baseUrl}${SCORECARD}/B2.a`);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await page.check('#level-partially_achieved');
		await page.check('#gate-yes');
		await page.fill('#rationale', 'MFA on all remote access since March.');
		await page.fill('#owner', 'Head of Infrastructure');
		await page.fill('#reviewOn', '2026-03-31');
		await page.click('button:has-text("Save self-assessment")');
		await page.waitForSelector('[data-field="saved"]');
		expect(await page.locator('[data-field="self"]').innerText()).toBe('Partially achieved');
		expect(await page.locator('[data-field="hard-gate"]').innerText()).toMatch(/^Confirmed met/);

		await page.setInputFiles('#file', path.join(dir, 'not-really.pdf'));
		await page.click('button:has-text("Upload evidence")');
		await page.waitForSelector('.nhsuk-error-summary');
		expect(await page.locator('.nhsuk-error-summary').innerText()).toContain('not-really.pdf is named as a PDF but its content is not one');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await page.setInputFiles('#file', path.join(dir, 'mfa-policy.pdf'));
		await page.click('button:has-text("Upload evidence")');
		await page.waitForSelector('[data-field="saved"]');
		expect(await page.locator('[data-field="evidence"]').innerText()).toMatch(/mfa-policy\.pdf[\s\S]*SHA-256 [0-9a-f]{64}/);

		await page.click('[data-field="add-action"] summary');
		await page.fill('#new-action-title', 'Extend MFA to privileged access');
		await page.fill('#new-action-owner', 'Head of Infrastructure');
		await page.fill('#new-action-due', '2025-01-31');
		await page.click('button:has-text("Add action")');
		await page.waitForSelector('[data-field="saved"]');
		expect(await page.locator('[data-field="actions"] [data-field="overdue"]').count()).toBe(1);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'scorecard-outcome');

		await page.goto(`${baseUrl}${SCORECARD}?asOf=${TODAY}`);
		const row = page.locator('tr[data-outcome="B2.a"]');
		expect(await row.locator('[data-field="self"]').innerText()).toBe('Partially achieved');
		expect(await row.locator('[data-field="overdue"]').innerText()).toBe('1 overdue');
		await page.click('[data-field="plan-link"]');
		await page.waitForURL(new RegExp(`/plan\\?asOf=${TODAY}$`));
		expect(await page.locator('[data-field="actions"] tbody tr').first().innerText()).toMatch(/B2\.a[\s\S]*Extend MFA to privileged access[\s\S]*Overdue/);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'scorecard-plan');
	});
});

describe.skipIf(!hasBrowser)("an assessor's finding on the improvement plan, in Chromium", () => {
	let browser: Browser;
	let page: Page;
	beforeAll(async () => {
		browser = await launchBrowser();
		page = await browser.context.newPage();
		await signInWithPassword(page, baseUrl, email('assessor@ZB1'), TEST_PASSWORD);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('records a finding on an outcome, and the plan lists it among the claims in question, passing axe', async () => {
		await page.goto(`${baseUrl}${SCORECARD}/D1.a`);
		await page.check('#verdict-overstated');
		await page.fill('#note', 'The incident plan was not tested this year');
		await page.click('button:has-text("Record finding")');
		await page.waitForSelector('[data-field="saved"]');
		await page.goto(`${baseUrl}${SCORECARD}/plan?asOf=${TODAY}`);
		const row = page.locator('[data-field="veracity"] tr[data-outcome="D1.a"]');
		expect(await row.locator('[data-field="finding"]').innerText()).toContain(
			'Level claimed is higher than the evidence supports: “The incident plan was not tested this year”'
		);
		expect(await row.locator('[data-field="finding"]').innerText()).toContain(email('assessor@ZB1'));
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'scorecard-plan-veracity');
	});
});
