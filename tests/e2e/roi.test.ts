import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { METRICS_AS_OF, TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, saveScreenshot } from './helpers/browser';
import { answer, signIn } from './helpers/http';
import { principalEmail, useSignedInPage } from './helpers/signed-in';

const { baseUrl } = inject('e2e');
const email = principalEmail;
const RETURNS = `/org/ZB1/spend/returns?asOf=${METRICS_AS_OF}`;
const MDM = '[data-investment="MDM rollout"]';

describe('the investment returns page over HTTP', () => {
	it('shows the page to a reader of the organisation, names a bad what-if value, and hides other organisations', async () => {
		const board = await signIn(baseUrl, email('board@ZB1'), TEST_PASSWORD);
		const ok = await board.request(RETURNS);
		expect(ok.status).toBe(200);
		expect(await ok.text()).toContain('<h1>Investment returns</h1>');
		const bad = await board.request(`${RETURNS}&investment=MDM+rollout&mitigation=1.5`);
		expect(bad.status).toBe(200);
		expect(await bad.text()).toContain('the mitigation ratio runs from 0 to 1');
		expect(await answer(board, `/org/ZB1/spend/returns?asOf=2026-02-30`)).toMatchObject({
			status: 400,
			html: expect.stringContaining('asOf: a date is written YYYY-MM-DD and must exist')
		});
		expect((await board.request('/org/ZC1/spend/returns')).status).toBe(404);
	});
});

const chartsDrawn = (page: Page) =>
	page.waitForFunction(() => {
		const canvases = [...document.querySelectorAll('figure[data-chart] canvas')] as HTMLCanvasElement[];
		return canvases.length > 0 && canvases.every((c) => c.width > 0);
	});

const count = (text: string) => Number(text.replace(/[^0-9]/g, ''));

describe.skipIf(!hasBrowser)('the investment returns page in Chromium', () => {
	let page: Page;
	useSignedInPage('board@ZB1', (p) => (page = p));

	it('is linked from the spend page and shows fewer lost-device incidents after the MDM rollout, with inputs beside the result; passes axe', async () => {
		await page.goto(`${baseUrl}/org/ZB1/spend?asOf=${METRICS_AS_OF}`);
		await Promise.all([page.waitForURL(/\/spend\/returns/), page.click('[data-field="returns-link"]')]);
		expect(new URL(page.url()).searchParams.get('asOf')).toBe(METRICS_AS_OF);
		const headings = await page.locator('h2').allInnerTexts();
		expect(headings).toEqual(expect.arrayContaining(['MDM rollout', 'Secure messaging', 'How the returns are worked out']));
		const before = count(await page.locator(`${MDM} [data-window="before"] [data-field="incidents"]`).innerText());
		const after = count(await page.locator(`${MDM} [data-window="after"] [data-field="incidents"]`).innerText());
		expect(before).toBeGreaterThan(after);
		expect(await page.locator(`${MDM} [data-field="window"]`).innerText()).toMatch(/365 days either side of go-live \(12 months each\)/);
		// Every input is on show beside the result, with where it comes from.
		for (const input of ['sle', 'aro', 'mitigation', 'cost']) expect(await page.locator(`${MDM} [data-input="${input}"]`).count()).toBe(1);
		expect(await page.locator(`${MDM} [data-input="mitigation"] td`).first().innerText()).toBe('0.7');
		expect(await page.locator(`${MDM} [data-field="rosi"]`).innerText()).toMatch(/%$/);
		// Secure messaging went live six months before the date: its windows are shortened to the data.
		expect(await page.locator('[data-investment="Secure messaging"] [data-field="window"]').innerText()).toMatch(/shortened from 12 months/);
		await chartsDrawn(page);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'roi');
	});

	it('recalculates from the what-if form, with the values in the URL, and goes back to the defaults', async () => {
		await page.goto(`${baseUrl}${RETURNS}`);
		const rosi = await page.locator(`${MDM} [data-field="rosi"]`).innerText();
		await page.fill(`${MDM} input[name="mitigation"]`, '1');
		await page.fill(`${MDM} input[name="cost"]`, '1000');
		await Promise.all([page.waitForURL(/mitigation=1/), page.click(`${MDM} [data-field="what-if"] button[type="submit"]`)]);
		const url = new URL(page.url());
		expect([url.searchParams.get('investment'), url.searchParams.get('cost')]).toEqual(['MDM rollout', '1000']);
		expect(await page.locator(`${MDM} [data-input="mitigation"] td`).first().innerText()).toBe('1');
		expect(await page.locator(`${MDM} [data-input="mitigation"]`).innerText()).toContain('What-if');
		expect(await page.locator(`${MDM} [data-input="cost"] td`).first().innerText()).toBe('£1,000');
		const changed = await page.locator(`${MDM} [data-field="rosi"]`).innerText();
		expect(changed).not.toBe(rosi);
		// ROSI = (ALE × 1 − £1,000) ÷ £1,000, from the ALE the page shows.
		const ale = count(await page.locator(`${MDM} [data-field="ale"]`).innerText());
		expect(count(changed.split('.')[0]!)).toBe(Math.trunc(((ale - 1_000) / 1_000) * 100));
		// The other investment keeps its defaults.
		expect(await page.locator('[data-investment="Secure messaging"] [data-input="mitigation"] td').first().innerText()).toBe('0.6');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await Promise.all([page.waitForURL((u) => !u.searchParams.has('investment')), page.click(`${MDM} [data-field="reset"]`)]);
		expect(await page.locator(`${MDM} [data-field="rosi"]`).innerText()).toBe(rosi);
	});
});
