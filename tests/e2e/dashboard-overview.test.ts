import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { formatCount, formatRate } from '../../src/lib/format';
import { METRICS_AS_OF, TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { answer, signIn } from './helpers/http';
import { principalEmail, useSignedInPage } from './helpers/signed-in';

const { baseUrl, metricsZB1 } = inject('e2e');
const email = principalEmail;
const OVERVIEW = `/org/ZB1?asOf=${METRICS_AS_OF}`;

describe('the overview over HTTP', () => {
	it('refuses a date that does not exist, and shows the organisation switcher only to those with several organisations', async () => {
		const lead = await signIn(baseUrl, email('it_lead@ZB1'), TEST_PASSWORD);
		expect(await answer(lead, '/org/ZB1?asOf=2026-02-30')).toMatchObject({
			status: 400,
			html: expect.stringContaining('asOf: a date is written YYYY-MM-DD and must exist')
		});
		expect(await (await lead.request(OVERVIEW)).text()).not.toContain('data-field="org-switcher"');
		const icb = await signIn(baseUrl, email('board@ZB0'), TEST_PASSWORD);
		expect(await (await icb.request('/org/ZB0')).text()).toContain('data-field="org-switcher"');
		const moved = await icb.request('/go?ods=zb2&page=devices');
		expect(moved.status).toBe(303);
		expect(moved.headers.get('location')).toBe('/org/ZB2/devices');
		expect((await icb.request('/go?ods=ZB2&page=../../admin')).headers.get('location')).toBe('/org/ZB2');
		expect((await icb.request('/go?ods=%3Cscript%3E')).status).toBe(400);
		// Before the demo's first day there is nothing yet: the page says what to import.
		const early = await (await lead.request('/org/ZB1?asOf=2020-01-01')).text();
		expect(early).toContain('data-field="empty-state"');
		expect(await (await lead.request(OVERVIEW)).text()).not.toContain('data-field="empty-state"');
	});
});

describe.skipIf(!hasBrowser)('the overview in Chromium', () => {
	let page: Page;
	let browser: Browser;
	useSignedInPage('board@ZB1', (p, b) => {
		page = p;
		browser = b;
	});

	it('shows the same figures as the metrics command, the heat map, the trends and the top risks, and passes axe', async () => {
		await page.goto(`${baseUrl}${OVERVIEW}`);
		const figure = (id: string) => page.locator(`[data-figure="${id}"] [data-field="value"]`).innerText();
		expect(await figure('training')).toBe(formatRate(metricsZB1.training.completionRate.value!));
		expect(await figure('compliant')).toBe(formatRate(metricsZB1.devices.compliantRate!.value!));
		expect(await figure('encrypted')).toBe(formatRate(metricsZB1.devices.encryptedRate!.value!));
		expect(await figure('incidents')).toBe(formatCount(metricsZB1.incidents.total));
		expect(await page.locator('[data-field="dspt-status"]').innerText()).toMatch(/^Standards (Not Met|Met|Exceeded)|^Approaching Standards/);
		expect(await page.locator('[data-field="heat-map"] a[data-state]').count()).toBe(47);
		expect(await page.locator('figure[data-chart]').count()).toBe(4);
		await page.waitForFunction(
			() =>
				document.querySelectorAll('figure[data-chart] canvas').length === 4 &&
				[...document.querySelectorAll('figure[data-chart] canvas')].every((c) => (c as HTMLCanvasElement).width > 0)
		);
		expect(await page.locator('[data-chart="training"] [data-field="chart-summary"]').getAttribute('aria-label')).toMatch(
			/^Data security training completion, monthly, Apr 2025 to Mar 2026\. Latest: .*Target: 95\.0 %\.$/
		);
		expect(await page.locator('[data-field="changes"] tbody tr').count()).toBe(6);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'dashboard-overview');
	});

	it('opens the demo at the end of its data and says how old each source is; a later date opens with the out-of-date warning; passes axe', async () => {
		await page.goto(`${baseUrl}/org/ZB1`);
		expect(await page.locator('[data-field="opens-at-data-end"]').innerText()).toContain('data ends on 30 September 2026, so this page opens at that date');
		expect(await page.locator('[data-field="freshness-sources"] tbody tr').count()).toBe(5);
		expect(await page.locator('[data-field="stale-data"]').count()).toBe(0);
		await page.goto(`${baseUrl}/org/ZB1?asOf=2026-12-07`);
		expect(await page.locator('[data-field="opens-at-data-end"]').count()).toBe(0);
		const warning = await page.locator('[data-field="stale-data"]').innerText();
		expect(warning).toContain('Some data is out of date');
		expect(warning).toMatch(/Devices: the latest device snapshot is dated 30 September 2026, 68 days earlier; new data is expected at least every 35 days/);
		expect(await page.locator('[data-field="freshness-sources"] [data-source="devices"]').getAttribute('data-stale')).toBe('true');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		// The Devices page says the same, as a warning; the People page's training line too.
		await page.goto(`${baseUrl}/org/ZB1/devices?asOf=2026-12-07`);
		const line = page.locator('[data-field="source-age"]');
		expect(await line.getAttribute('data-stale')).toBe('true');
		expect(await line.innerText()).toContain('Devices data: the latest device snapshot is dated 30 September 2026, 68 days before 7 December 2026');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await page.goto(`${baseUrl}/org/ZB1/people?asOf=2026-10-15`);
		expect(await page.locator('[data-field="source-age"]').innerText()).toMatch(/^Training data: the latest training completion is dated/);
	});

	it('shows a chart as a table, and reaches the main actions by keyboard', async () => {
		await page.goto(`${baseUrl}${OVERVIEW}`);
		const table = page.locator('[data-table="training"]');
		expect(await table.isVisible()).toBe(false);
		await page.click('[data-chart="training"] summary');
		expect(await table.isVisible()).toBe(true);
		expect(await table.locator('tbody tr').count()).toBe(12);
		// From the top of the page, Tab reaches the scorecard link of the organisation navigation and the as-of form.
		await page.goto(`${baseUrl}${OVERVIEW}`);
		const reached = new Set<string>();
		for (let i = 0; i < 30; i++) {
			await page.keyboard.press('Tab');
			reached.add(
				await page.evaluate(
					() => (document.activeElement as HTMLElement | null)?.getAttribute('href') ?? (document.activeElement as HTMLElement | null)?.id ?? ''
				)
			);
		}
		expect([...reached]).toEqual(expect.arrayContaining(['/org/ZB1/scorecard/2024-25?asOf=2026-03-31', 'asOf']));
	});

	it('shows an ICB its trusts side by side, and switches organisation', async () => {
		const icb = await browser.context.newPage();
		await icb.context().clearCookies();
		await signInWithPassword(icb, baseUrl, email('board@ZB0'), TEST_PASSWORD);
		await icb.goto(`${baseUrl}/org/ZB0?asOf=${METRICS_AS_OF}`);
		expect(await icb.locator('[data-field="trusts"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ods')).sort())).toEqual([
			'ZB1',
			'ZB2',
			'ZB3',
			'ZB4',
			'ZB5'
		]);
		expect(await findAccessibilityViolations(icb)).toEqual([]);
		await saveScreenshot(icb, 'dashboard-icb');
		await icb.selectOption('#switch-ods', 'ZB3');
		await Promise.all([icb.waitForURL(/\/org\/ZB3$/), icb.click('[data-field="org-switcher"] button')]);
		expect(await icb.locator('h1').innerText()).toContain('(demo)');
		await icb.close();
	});

	it('leads an ICB overview with its trusts, sortable and downloadable as CSV and XLSX, before its own assessment', async () => {
		const icb = await browser.context.newPage();
		await icb.context().clearCookies();
		await signInWithPassword(icb, baseUrl, email('board@ZB0'), TEST_PASSWORD);
		await icb.goto(`${baseUrl}/org/ZB0?asOf=${METRICS_AS_OF}`);
		const headings = await icb.locator('main h2').allInnerTexts();
		expect(headings.indexOf('Trusts side by side')).toBeLessThan(headings.indexOf('DSPT status'));
		expect(headings.indexOf('DSPT status')).toBe(headings.indexOf('Top risks') - 1);
		const gapsOf = async () =>
			icb
				.locator('[data-field="trusts"] tbody tr')
				.evaluateAll((rows) => rows.map((r) => Number.parseInt(r.querySelector('[data-field="gaps"]')?.textContent ?? '', 10)));
		await icb.click('button[data-sort="gaps"]');
		const most = await gapsOf();
		expect(most).toEqual([...most].sort((a, b) => b - a));
		await icb.click('button[data-sort="gaps"]');
		const fewest = await gapsOf();
		expect(fewest).toEqual([...most].sort((a, b) => a - b));
		expect(await icb.locator('[data-field="trusts"] th[aria-sort="ascending"]').innerText()).toBe('Gaps');

		const csv = await icb.context().request.get(`${baseUrl}/org/ZB0/trusts.csv?asOf=${METRICS_AS_OF}`);
		expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
		const lines = (await csv.text())
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\n');
		expect(lines[0]).toMatch(/^ODS code,Trust,DSPT status,Gaps,/);
		expect(
			lines
				.slice(1)
				.map((l) => l.split(',')[0])
				.sort()
		).toEqual(['ZB1', 'ZB2', 'ZB3', 'ZB4', 'ZB5']);
		// The same gaps as the page shows, trust by trust.
		for (const line of lines.slice(1)) {
			const ods = line.split(',')[0]!;
			const onPage = await icb.locator(`[data-field="trusts"] tr[data-ods="${ods}"] [data-field="gaps"]`).innerText();
			expect(line).toContain(`,${Number.parseInt(onPage, 10)},`);
		}
		const xlsx = await icb.context().request.get(`${baseUrl}/org/ZB0/trusts.xlsx?asOf=${METRICS_AS_OF}`);
		expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
		expect(await findAccessibilityViolations(icb)).toEqual([]);
		await saveScreenshot(icb, 'dashboard-icb-trusts-first');
		await icb.locator('section[aria-labelledby="trusts-heading"]').screenshot({ path: 'tests/artifacts/dashboard-icb-trusts-table.png' });
		await icb.close();
	});

	it('prints as a clean A4 document: no navigation or forms, chart numbers shown', async () => {
		const print = await browser.context.newPage();
		await print.goto(`${baseUrl}${OVERVIEW}`);
		await print.emulateMedia({ media: 'print' });
		expect(await print.locator('.beacon-org-frame').isVisible()).toBe(false);
		expect(await print.locator('[data-field="as-of-form"]').isVisible()).toBe(false);
		expect(await print.locator('[data-table="training"]').isVisible()).toBe(true);
		const pdf = await print.pdf({ preferCSSPageSize: true });
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		// A4 is 595 × 842 points.
		expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
		await print.close();
	});

	it('paints its largest content within 1.5 s on localhost', async () => {
		const fresh = await browser.context.newPage();
		await fresh.goto(`${baseUrl}${OVERVIEW}`);
		const lcp = await fresh.evaluate(
			() =>
				new Promise<number>((resolve) => {
					new PerformanceObserver((list) => {
						const entries = list.getEntries();
						resolve(entries[entries.length - 1]!.startTime);
					}).observe({ type: 'largest-contentful-paint', buffered: true });
				})
		);
		console.info(`[beacon] overview largest contentful paint: ${lcp.toFixed(0)} ms`);
		expect(lcp).toBeLessThan(1500);
		await fresh.close();
	});
});
