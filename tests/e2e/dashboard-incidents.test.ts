import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { formatCount, formatRate } from '../../src/lib/format';
import { METRICS_AS_OF, TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, saveScreenshot } from './helpers/browser';
import { answer, signIn } from './helpers/http';
import { chartsDrawn, principalEmail, useSignedInPage } from './helpers/signed-in';

const { baseUrl, metricsZB1 } = inject('e2e');
const email = principalEmail;
const INCIDENTS = `/org/ZB1/incidents?asOf=${METRICS_AS_OF}`;
const m = metricsZB1.incidents;

describe('the incidents page over HTTP', () => {
	it('refuses filters it does not know, and never sends incident descriptions', async () => {
		const board = await signIn(baseUrl, email('board@ZB1'), TEST_PASSWORD);
		const ok = await board.request(INCIDENTS);
		expect(ok.status).toBe(200);
		const html = await ok.text();
		expect(html).toContain('<h1>Incidents</h1>');
		// The demo's descriptions read "<category> reported by <department>".
		expect(html).not.toContain(' reported by ');
		expect(await answer(board, `${INCIDENTS}&month=2025-03`)).toMatchObject({
			status: 400,
			html: expect.stringContaining('month: a month is written YYYY-MM and must be one of the 12 months shown (2025-04 to 2026-03)')
		});
		expect(await answer(board, `${INCIDENTS}&category=gossip`)).toMatchObject({ status: 400, html: expect.stringContaining('category: Invalid option') });
		expect(await answer(board, `${INCIDENTS}&reportable=maybe`)).toMatchObject({ status: 400, html: expect.stringContaining('reportable: Invalid option') });
		expect(await answer(board, '/org/ZB1/incidents?asOf=2026-02-30')).toMatchObject({
			status: 400,
			html: expect.stringContaining('asOf: a date is written YYYY-MM-DD and must exist')
		});
		expect((await board.request(`${INCIDENTS}&month=2026-03&category=phishing`)).status).toBe(200);
		expect((await board.request('/org/ZC1/incidents')).status).toBe(404);
	});
});

/** Click a bar of a chart, counted from the right (no axis there, so its position does not depend on tick widths). */
async function clickBarFromRight(page: Page, chart: string, fromRight: number, bars: number): Promise<void> {
	const box = await page.locator(`[data-chart="${chart}"] canvas`).boundingBox();
	if (!box) throw new Error(`no canvas for ${chart}`);
	const plotWidth = box.width - 48; // less the value axis
	const slot = plotWidth / bars;
	await page.mouse.click(box.x + box.width - 4 - slot * (fromRight + 0.5), box.y + box.height * 0.45);
}

describe.skipIf(!hasBrowser)('the incidents page in Chromium', () => {
	let page: Page;
	useSignedInPage('board@ZB1', (p) => (page = p));

	it('shows the same figures as the metrics command, the grid and the lessons, and passes axe', async () => {
		await page.goto(`${baseUrl}${INCIDENTS}`);
		const field = (name: string) => page.locator(`[data-field="incident-figures"] [data-field="${name}"]`).innerText();
		expect(m.total).toBeGreaterThan(0);
		expect(await field('total')).toBe(formatCount(m.total));
		expect(await field('ico-reportable')).toBe(formatCount(m.icoReportable));
		expect(await field('dhsc-reportable')).toBe(formatCount(m.dhscReportable));
		expect(await field('notified-within')).toBe(formatCount(m.notifiedWithin72h));
		expect(await field('notified-late')).toBe(formatCount(m.notifiedLate));
		expect(await field('overdue')).toBe(formatCount(m.notNotifiedOverdue));
		expect(await field('pending')).toBe(formatCount(m.notNotifiedPending));
		expect(await field('notified-rate')).toBe(
			`${formatRate(m.notifiedWithin72hRate.value!)} (${formatCount(m.notifiedWithin72h)} of ${formatCount(m.icoReportable)} ICO-reportable)`
		);
		expect(await field('median-contain')).toBe(`${m.medianHoursToContain.value!.toFixed(1)} hours`);
		expect(await field('rca-rate')).toBe(
			`${formatRate(m.rcaCompletedRate.value!)} (${formatCount(m.rcaCompletedRate.numerator)} of ${formatCount(m.rcaCompletedRate.denominator)} closed)`
		);
		// The grid holds every incident of the 12 months; the reportable region is named in words.
		const cells = await page.locator('[data-field="grade-grid"] [data-field="cell-count"]').allInnerTexts();
		expect(cells).toHaveLength(25);
		expect(cells.reduce((sum, c) => sum + Number(c.replace(/,/g, '')), 0)).toBe(m.total);
		expect(await page.locator('td[data-likelihood="3"][data-severity="2"]').innerText()).toMatch(/ICO$/);
		expect(await page.locator('td[data-likelihood="5"][data-severity="5"]').innerText()).toMatch(/ICO \+ DHSC$/);
		expect(await page.locator('td[data-likelihood="2"][data-severity="5"]').innerText()).toMatch(/DHSC$/);
		expect(await page.locator('td[data-likelihood="2"][data-severity="2"]').innerText()).toMatch(/^\d+$/);
		expect(await page.locator('[data-field="lessons"] li').count()).toBeGreaterThan(0);
		expect(await page.locator('[data-field="incident-count"]').innerText()).toMatch(new RegExp(`^${formatCount(m.total)} incidents match`));
		// The list comes 50 at a time, so the page stays small: pages link to each other, filters kept.
		const pages = Math.ceil(m.total / 50);
		expect(pages).toBeGreaterThan(1);
		expect(await page.locator('[data-field="incident-table"] tbody tr').count()).toBe(50);
		expect(await page.locator('[data-field="incident-count"]').innerText()).toContain(`page 1 of ${pages} (1 to 50)`);
		expect(await page.locator('[data-field="pagination"] a[rel="prev"]').count()).toBe(0);
		await Promise.all([page.waitForURL(/page=2/), page.click('[data-field="pagination"] a[rel="next"]')]);
		expect(await page.locator('[data-field="incident-count"]').innerText()).toContain(`page 2 of ${pages} (51 to ${Math.min(100, m.total)})`);
		expect(await page.locator('[data-field="pagination"] a[rel="prev"]').innerText()).toContain('Incidents 1 to 50');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await page.goto(`${baseUrl}${INCIDENTS}`);
		await chartsDrawn(page, 3);
		expect(await page.locator('h1, h2').allInnerTexts()).toEqual([
			'Incidents',
			'The 12 months at a glance',
			'Volume by month, category and breach type',
			'Likelihood and severity',
			'Lessons learned',
			'Incident list'
		]);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'dashboard-incidents');
	});

	it('shows a chart as a table whose months add up to the total', async () => {
		await page.goto(`${baseUrl}${INCIDENTS}`);
		const table = page.locator('[data-table="incidents-by-month"]');
		expect(await table.isVisible()).toBe(false);
		await page.click('[data-chart="incidents-by-month"] summary');
		expect(await table.isVisible()).toBe(true);
		const totals = await table.locator('tbody tr td:last-child').allInnerTexts();
		expect(totals).toHaveLength(12);
		expect(totals.reduce((sum, t) => sum + Number(t.replace(/,/g, '')), 0)).toBe(m.total);
		expect(await findAccessibilityViolations(page)).toEqual([]);
	});

	it('drills from a month’s bar to its incidents, and filters through the form in the URL', async () => {
		await page.goto(`${baseUrl}${INCIDENTS}`);
		await chartsDrawn(page, 3);
		await page.click('[data-chart="incidents-by-month"] summary');
		const march = Number((await page.locator('[data-table="incidents-by-month"] tbody tr').last().locator('td').last().innerText()).replace(/,/g, ''));
		await Promise.all([page.waitForURL(/month=2026-03/), clickBarFromRight(page, 'incidents-by-month', 0, 12)]);
		await page.waitForFunction(
			() => document.querySelector('#filter-month') && (document.querySelector('#filter-month') as HTMLSelectElement).value === '2026-03'
		);
		const months = await page
			.locator('[data-field="incident-table"] tbody tr')
			.evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-month')))]);
		expect(months).toEqual(march > 0 ? ['2026-03'] : []);
		expect(await page.locator('[data-field="incident-count"]').innerText()).toMatch(new RegExp(`^${formatCount(march)} incident`));

		// The form: clear, then phishing only; the URL carries the filter and the table shows only phishing.
		await Promise.all([page.waitForURL((url) => !url.search.includes('month=')), page.click('[data-field="clear-filters"]')]);
		await page.selectOption('#filter-category', 'phishing');
		await Promise.all([page.waitForURL(/category=phishing/), page.click('[data-field="apply-filters"]')]);
		expect(new URL(page.url()).searchParams.get('asOf')).toBe(METRICS_AS_OF);
		const categories = await page
			.locator('[data-field="incident-table"] tbody tr')
			.evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-category')))]);
		expect(categories).toEqual(m.byCategory.phishing > 0 ? ['phishing'] : []);
		expect(await page.locator('[data-field="incident-count"]').innerText()).toMatch(new RegExp(`^${formatCount(m.byCategory.phishing)} incident`));
		await page.selectOption('#filter-reportable', 'ico');
		await Promise.all([page.waitForURL(/reportable=ico/), page.click('[data-field="apply-filters"]')]);
		expect(
			await page.locator('[data-field="incident-table"] [data-field="reportable"]').evaluateAll((cells) => cells.every((c) => c.textContent?.includes('ICO')))
		).toBe(true);
		expect(await findAccessibilityViolations(page)).toEqual([]);
	});

	it('reaches the as-of date, the chart tables and the filters by keyboard', async () => {
		await page.goto(`${baseUrl}${INCIDENTS}`);
		const reached = new Set<string>();
		for (let i = 0; i < 60; i++) {
			await page.keyboard.press('Tab');
			reached.add(
				await page.evaluate(() => {
					const el = document.activeElement as HTMLElement | null;
					return (
						el?.id ||
						el?.getAttribute('data-field') ||
						(el?.tagName === 'SUMMARY' ? `summary:${el.closest('figure')?.getAttribute('data-chart')}` : (el?.tagName ?? ''))
					);
				})
			);
		}
		expect([...reached]).toEqual(expect.arrayContaining(['asOf', 'summary:incidents-by-month', 'filter-category', 'filter-month', 'apply-filters']));
	});
});
