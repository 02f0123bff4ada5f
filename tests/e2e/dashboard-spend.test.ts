import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { formatPence, formatRate } from '../../src/lib/format';
import { METRICS_AS_OF, TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, saveScreenshot, type Browser } from './helpers/browser';
import { answer, signIn } from './helpers/http';
import { chartsDrawn, principalEmail, useSignedInPage } from './helpers/signed-in';

const { baseUrl, metricsZB1 } = inject('e2e');
const email = principalEmail;
const SPEND = `/org/ZB1/spend?asOf=${METRICS_AS_OF}`;
const s = metricsZB1.spend;

describe('the spend page over HTTP', () => {
	it('refuses a year it does not show, and never sends ledger descriptions', async () => {
		const board = await signIn(baseUrl, email('board@ZB1'), TEST_PASSWORD);
		const ok = await board.request(SPEND);
		expect(ok.status).toBe(200);
		const html = await ok.text();
		expect(html).toContain('<h1>Spend and investment</h1>');
		// A demo ledger line's description: it stays on the server.
		expect(html).not.toContain('Cyber security team salaries');
		expect(await answer(board, `${SPEND}&year=2020`)).toMatchObject({
			status: 400,
			html: expect.stringContaining('year: the financial year must be one of those shown (2021 to 2025)')
		});
		expect((await board.request(`${SPEND}&year=2026`)).status).toBe(400);
		expect(await answer(board, `${SPEND}&year=last`)).toMatchObject({
			status: 400,
			html: expect.stringContaining('year: a financial year is written as the year it starts in')
		});
		expect((await board.request(`${SPEND}&year=2021`)).status).toBe(200);
		expect((await board.request('/org/ZC1/spend')).status).toBe(404);
		expect(html).not.toContain('action="?/setBudget"');
	});

	it('lets the IT lead enter the IT budget, and shows spend as a share of it', async () => {
		const lead = await signIn(baseUrl, email('it_lead@ZB1'), TEST_PASSWORD);
		const refused = await lead.request('/org/ZB1/spend?/setBudget', { form: { financialYear: '2025', budgetPounds: 'lots' } });
		expect(await refused.text()).toContain('Enter an amount in pounds');
		const saved = await lead.request('/org/ZB1/spend?/setBudget', { form: { financialYear: '2025', budgetPounds: '14,000,000' } });
		expect(await saved.text()).toContain('IT budget saved.');
		const html = await (await lead.request(SPEND)).text();
		expect(html).toMatch(/data-field="it-budget-share">\d+\.\d %</);
		expect(html).toMatch(/data-field="growth-multiple">× \d+\.\d over/);
	});
});

const signed = (value: number) => `${value > 0 ? '+' : ''}${formatRate(value)}`;

describe.skipIf(!hasBrowser)('the spend page in Chromium', () => {
	let page: Page;
	let browser: Browser;
	useSignedInPage('board@ZB1', (p, b) => {
		page = p;
		browser = b;
	});

	it('shows the same figures as the metrics command, the investments and this year’s lines, and passes axe', async () => {
		await page.goto(`${baseUrl}${SPEND}`);
		expect(s.totalPence).toBeGreaterThan(0);
		expect(await page.locator('[data-field="total-spend"]').innerText()).toBe(formatPence(s.totalPence));
		expect(await page.locator('[data-field="per-staff"]').innerText()).toBe(formatPence(s.perStaffPence.value!));
		expect(await page.locator('[data-field="per-device"]').innerText()).toBe(formatPence(s.perManagedDevicePence.value!));
		const growth = await page
			.locator('[data-field="growth-table"] tbody tr')
			.evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-year'), r.querySelector('[data-field="growth"]')?.textContent?.trim()]));
		expect(growth).toEqual(
			s.previousYears.map((y) => [
				String(y.year),
				y.growth.value === null ? `no data (no spend ${s.period.yearToDate ? 'in those months' : 'that year'})` : signed(y.growth.value)
			])
		);
		const totals = await page.locator('[data-field="year-totals"] td').allInnerTexts();
		expect(totals.at(-1)).toBe(formatPence(s.totalPence));
		expect(totals.slice(0, -1).reverse()).toEqual(s.previousYears.map((y) => formatPence(y.totalPence)));
		expect(await page.locator('[data-field="investments"] tbody tr').count()).toBeGreaterThan(0);
		expect(await page.locator('[data-investment="MDM rollout"] [data-field="go-live"]').innerText()).toMatch(/Live$/);
		expect(await page.locator('[data-field="spend-lines"]').getAttribute('data-year')).toBe(String(s.financialYear.year));
		await chartsDrawn(page, 2);
		expect(await page.locator('h1, h2').allInnerTexts()).toEqual([
			'Spend and investment',
			`${s.financialYear.label} at a glance`,
			'Spend by year and category',
			'Investments',
			`Spend lines, ${s.financialYear.label}`
		]);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'dashboard-spend');
	});

	it('shows a chart as a table with each year’s total', async () => {
		await page.goto(`${baseUrl}${SPEND}`);
		const table = page.locator('[data-table="spend-by-category"]');
		expect(await table.isVisible()).toBe(false);
		await page.click('[data-chart="spend-by-category"] summary');
		expect(await table.isVisible()).toBe(true);
		expect(await table.locator('tbody tr').last().locator('td').last().innerText()).toBe(formatPence(s.totalPence));
		expect(await findAccessibilityViolations(page)).toEqual([]);
	});

	it('drills from a year’s bar, and from a year link without the chart, to that year’s lines', async () => {
		await page.goto(`${baseUrl}${SPEND}`);
		await chartsDrawn(page, 2);
		const previous = s.financialYear.year - 1;
		const box = (await page.locator('[data-chart="spend-by-category"] canvas').boundingBox())!;
		const slot = (box.width - 90) / 5;
		await Promise.all([page.waitForURL(new RegExp(`year=${previous}`)), page.mouse.click(box.x + box.width - 4 - slot * 1.5, box.y + box.height * 0.45)]);
		await page.waitForFunction((y) => document.querySelector('[data-field="spend-lines"]')?.getAttribute('data-year') === y, String(previous));
		const dates = await page.locator('[data-field="spend-lines"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-spent-on') ?? ''));
		expect(dates.length).toBeGreaterThan(0);
		expect(dates.every((d) => d >= `${previous}-04-01` && d <= `${previous + 1}-03-31`)).toBe(true);
		expect(await page.locator(`a[data-year="${previous}"]`).getAttribute('aria-current')).toBe('true');
		// The links under the heading do the same with no script at all.
		const plain = await browser.context.newPage();
		await plain.route('**/*.js', (route) => route.abort());
		await plain.goto(`${baseUrl}${SPEND}`);
		await Promise.all([plain.waitForURL(new RegExp(`year=${s.financialYear.year}`)), plain.click(`a[data-year="${s.financialYear.year}"]`)]);
		expect(await plain.locator('[data-field="spend-lines"]').getAttribute('data-year')).toBe(String(s.financialYear.year));
		await plain.close();
	});

	it('reaches the as-of date, the chart tables and the year links by keyboard', async () => {
		await page.goto(`${baseUrl}${SPEND}`);
		const reached = new Set<string>();
		for (let i = 0; i < 50; i++) {
			await page.keyboard.press('Tab');
			reached.add(
				await page.evaluate(() => {
					const el = document.activeElement as HTMLElement | null;
					if (el?.tagName === 'SUMMARY') return `summary:${el.closest('figure')?.getAttribute('data-chart')}`;
					return el?.id || (el?.getAttribute('data-year') ? `year:${el.getAttribute('data-year')}` : (el?.tagName ?? ''));
				})
			);
		}
		expect([...reached]).toEqual(expect.arrayContaining(['asOf', 'summary:spend-by-category', `year:${s.financialYear.year}`]));
	});
});
