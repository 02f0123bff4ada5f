import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsvRecords } from '../helpers/csv';
import { TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { principalEmail } from './helpers/signed-in';

const { baseUrl } = inject('e2e');
const TRUSTS = ['ZB1', 'ZB2', 'ZB3', 'ZB4', 'ZB5'];

/** Each trust row of the overview's table as the page shows it, in the page's order. */
function tableRows(page: Page) {
	return page.locator('[data-field="trusts"] tbody tr').evaluateAll((rows) =>
		rows.map((r) => ({
			ods: r.getAttribute('data-ods') ?? '',
			name: r.querySelector('th a')?.textContent?.trim() ?? '',
			status: r.querySelector('[data-field="status"]')?.textContent?.trim() ?? '',
			// The cell's first line: "12", then "8 unplanned" below it.
			gaps: Number.parseInt(r.querySelector('[data-field="gaps"]')?.firstChild?.textContent ?? '', 10),
			flags: Number.parseInt(r.querySelector('[data-field="flags"]')?.textContent ?? '', 10)
		}))
	);
}

/**
 * The ICB lead's journey (issue 20): sign in and land on the ICB's overview, which leads with its trusts side
 * by side; sort them, take the table away as CSV and XLSX (the same figures as the page), and open a trust.
 * The demo's data ends on 30 September 2026, so the overview opens there.
 */
describe.skipIf(!hasBrowser)("the ICB lead's journey, comparing trusts, in Chromium", () => {
	let browser: Browser;
	let page: Page;
	beforeAll(async () => {
		browser = await launchBrowser();
		page = await browser.context.newPage();
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('signs in and lands on the ICB overview, its trusts first, passing axe', async () => {
		await signInWithPassword(page, baseUrl, principalEmail('it_lead@ZB0'), TEST_PASSWORD);
		expect(new URL(page.url()).pathname).toBe('/org/ZB0');
		expect(await page.locator('h1').innerText()).toBe('NHS Borsetshire Integrated Care Board (demo)');
		const headings = await page.locator('main h2').allInnerTexts();
		expect(headings[0]).toBe('Trusts side by side');
		expect(headings.indexOf('Trusts side by side')).toBeLessThan(headings.indexOf('DSPT status'));
		expect(await page.locator('[data-field="trusts"] caption').innerText()).toBe("The ICB's trusts as of 30 September 2026");
		const rows = await tableRows(page);
		// Name order until a heading is chosen.
		expect(rows.map((r) => r.ods)).toEqual(
			['ZB1', 'ZB2', 'ZB3', 'ZB4', 'ZB5'].sort((a, b) => rows.find((r) => r.ods === a)!.name.localeCompare(rows.find((r) => r.ods === b)!.name))
		);
		expect(rows.map((r) => r.ods).sort()).toEqual(TRUSTS);
		// The demo's story as of its end (seed-demo-assessment.test.ts): Borchester Met, Borsetshire Community Not Met.
		expect(rows.find((r) => r.ods === 'ZB1')).toMatchObject({ status: 'Standards Met', gaps: 0 });
		expect(rows.find((r) => r.ods === 'ZB3')?.status).toBe('Standards Not Met');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'icb-journey-overview');
		await page.locator('section[aria-labelledby="trusts-heading"]').screenshot({ path: 'tests/artifacts/icb-journey-trusts-table.png' });
	});

	it('sorts the trusts by gaps (most first, then fewest) and by veracity flags, saying which way in aria-sort', async () => {
		await page.click('button[data-sort="gaps"]');
		const most = (await tableRows(page)).map((r) => r.gaps);
		expect(most).toEqual([...most].sort((a, b) => b - a));
		expect(await page.locator('[data-field="trusts"] th[aria-sort="descending"]').innerText()).toBe('Gaps');
		await page.click('button[data-sort="gaps"]');
		const fewest = (await tableRows(page)).map((r) => r.gaps);
		expect(fewest).toEqual([...most].sort((a, b) => a - b));
		expect(await page.locator('[data-field="trusts"] th[aria-sort="ascending"]').innerText()).toBe('Gaps');
		await page.click('button[data-sort="flags"]');
		const flags = (await tableRows(page)).map((r) => r.flags);
		expect(flags).toEqual([...flags].sort((a, b) => b - a));
		expect(await page.locator('[data-field="trusts"] th[aria-sort="none"]').count()).toBe(8);
	});

	it('downloads the table as CSV and XLSX, each holding the figures the page shows', async () => {
		const onPage = await tableRows(page);
		const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-field="trusts-csv"]')]);
		expect(csvDownload.suggestedFilename()).toBe('beacon-trusts-ZB0-2026-09-30.csv');
		const csv = parseCsvRecords(readFileSync((await csvDownload.path())!, 'utf8').replace(/^\uFEFF/, ''));
		expect(csv.map((r) => r['ODS code']).sort()).toEqual(TRUSTS);
		for (const row of csv) {
			const shown = onPage.find((r) => r.ods === row['ODS code'])!;
			expect([row.Trust, row['DSPT status'], Number(row.Gaps), Number(row['Veracity flags'])], row['ODS code']).toEqual([
				shown.name,
				shown.status,
				shown.gaps,
				shown.flags
			]);
			expect(row['Device data as of'], row['ODS code']).toBe('2026-09-30');
		}

		const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-field="trusts-xlsx"]')]);
		expect(xlsxDownload.suggestedFilename()).toBe('beacon-trusts-ZB0-2026-09-30.xlsx');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(readFileSync((await xlsxDownload.path())!) as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0]!;
		expect(sheet.name).toBe('Trusts 2026-09-30');
		const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
		expect(values(1)).toEqual(Object.keys(csv[0]!));
		expect(sheet.rowCount).toBe(1 + TRUSTS.length);
		for (let n = 2; n <= sheet.rowCount; n++) {
			const cells = values(n);
			const same = csv.find((r) => r['ODS code'] === cells[0])!;
			// Numbers stay numbers in the sheet (so it sorts and sums), and agree with the CSV.
			expect(typeof cells[3]).toBe('number');
			expect(cells.map((c) => (c === null || c === undefined ? '' : String(c)))).toEqual(Object.values(same));
		}
	});

	it("opens a trust from the table: its overview, read-only to the ICB's lead, passing axe", async () => {
		const zb3 = (await tableRows(page)).find((r) => r.ods === 'ZB3')!;
		await Promise.all([page.waitForURL(/\/org\/ZB3$/), page.click('[data-field="trusts"] tr[data-ods="ZB3"] th a')]);
		expect(await page.locator('h1').innerText()).toBe(zb3.name);
		expect(await page.locator('[data-field="dspt-status"]').innerText()).toContain(zb3.status);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'icb-journey-trust');
		// An ICB's role covers its trusts read-only: the trust's outcome pages offer the ICB's lead no form.
		await page.goto(`${baseUrl}/org/ZB3/scorecard/2024-25/A1.a`);
		expect(await page.locator('h1').innerText()).toContain('A1.a');
		expect(await page.locator('main form[method="POST"]').count()).toBe(0);
	});
});
