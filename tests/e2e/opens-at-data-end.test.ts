import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { findAccessibilityViolations, hasBrowser, saveScreenshot } from './helpers/browser';
import { useSignedInPage } from './helpers/signed-in';

const { baseUrl } = inject('e2e');

/**
 * Issue 19: "The demo, whose data ends on 30 September 2026, opens at that date by default, and says so" —
 * every dashboard page, not only the overview.
 */
describe.skipIf(!hasBrowser)('every dashboard page of the demo opens at the end of its data, in Chromium', () => {
	let page: Page;
	useSignedInPage('board@ZB1', (p) => {
		page = p;
	});

	it('opens each page at 30 September 2026 with no date asked, says so, and passes axe; a date asked opens there without the notice', async () => {
		await page.goto(`${baseUrl}/org/ZB1`);
		const scorecard = await page.locator('nav[aria-label="Organisation"] a', { hasText: 'DSPT scorecard' }).getAttribute('href');
		expect(scorecard).toMatch(/^\/org\/ZB1\/scorecard\/[^/?]+$/);
		const pages = [
			'/org/ZB1',
			scorecard!,
			`${scorecard}/plan`,
			'/org/ZB1/spend',
			'/org/ZB1/spend/returns',
			'/org/ZB1/people',
			'/org/ZB1/devices',
			'/org/ZB1/incidents',
			'/org/ZB1/assurance',
			'/org/ZB1/benchmark'
		];
		for (const path of pages) {
			await page.goto(`${baseUrl}${path}`);
			const notice = page.locator('[data-field="opens-at-data-end"]');
			expect(await notice.count(), path).toBe(1);
			expect(await notice.innerText(), path).toContain('data ends on 30 September 2026, so this page opens at that date');
			expect(await page.locator('input#asOf').inputValue(), path).toBe('2026-09-30');
			expect(await findAccessibilityViolations(page), path).toEqual([]);
			if (path.endsWith('/plan')) await saveScreenshot(page, 'plan-opens-at-data-end');

			await page.goto(`${baseUrl}${path}?asOf=2026-06-30`);
			expect(await page.locator('[data-field="opens-at-data-end"]').count(), `${path}?asOf`).toBe(0);
			expect(await page.locator('input#asOf').inputValue(), `${path}?asOf`).toBe('2026-06-30');
		}
	});
});
