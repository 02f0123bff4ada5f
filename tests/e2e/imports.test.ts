import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { INTUNE_COLUMNS, intuneRow, writeIntuneExport } from '../fixtures/intune-export';
import { TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { signIn, type HttpSession } from './helpers/http';

const { baseUrl, principals } = inject('e2e');
const email = (key: string) => principals.find((p) => p.key === key)?.email ?? '';
// Devices checked in long before the demo's snapshots, so the organisation's latest figures stay as other tests expect.
const AS_OF = '2020-03-31';

let dir: string;
beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-e2e-imports-'));
	await writeIntuneExport(path.join(dir, 'intune-zb1.csv'), 12, { asOf: AS_OF });
	// Twelve devices checked in now, in place of the demo's fleet: a plausible but wrong file.
	await writeIntuneExport(path.join(dir, 'wrong-fleet.csv'), 12, { asOf: new Date().toISOString().slice(0, 10) });
	// Two bad rows: one with a spreadsheet formula where the compliance state belongs.
	const compliance = INTUNE_COLUMNS.indexOf('Compliance');
	const bad: Record<number, string> = { 2: "=cmd|' /C calc'!A0", 5: 'Maybe' };
	const rows = Array.from({ length: 12 }, (_, i) => intuneRow(i, '2020-02-29').map((c, j) => (j === compliance && bad[i] ? bad[i] : c)));
	const quote = (c: string) => (/[",']/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
	writeFileSync(path.join(dir, 'two-bad-rows.csv'), [[...INTUNE_COLUMNS], ...rows].map((r) => r.map(quote).join(',')).join('\r\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cookie = (session: HttpSession) => [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/** A multipart form post, as a browser without JavaScript sends the upload form. */
function upload(session: HttpSession, ods: string, fileName: string): Promise<Response> {
	const body = new FormData();
	body.set('kind', 'devices');
	body.set('file', new File([readFileSync(path.join(dir, fileName))], fileName, { type: 'text/csv' }));
	return fetch(new URL(`/org/${ods}/imports?/upload`, baseUrl), {
		method: 'POST',
		headers: { origin: baseUrl, cookie: cookie(session), accept: 'text/html' },
		body,
		redirect: 'manual'
	});
}

/** The file as the raw body, as the page's script streams it. */
function streamUpload(session: HttpSession, ods: string, fileName: string, origin = baseUrl): Promise<Response> {
	const url = new URL(`/org/${ods}/imports/upload?kind=devices&fileName=${encodeURIComponent(fileName)}`, baseUrl);
	const headers = { origin, cookie: cookie(session), accept: 'application/json', 'content-type': 'application/octet-stream' };
	return fetch(url, { method: 'POST', headers, body: readFileSync(path.join(dir, fileName)), redirect: 'manual' });
}

describe('importing over HTTP', () => {
	it("lets only the organisation's own IT lead import, and shows the history to its readers", async () => {
		const board = await signIn(baseUrl, email('board@ZB1'), TEST_PASSWORD);
		expect((await upload(board, 'ZB1', 'intune-zb1.csv')).status).toBe(403);
		expect((await streamUpload(board, 'ZB1', 'intune-zb1.csv')).status).toBe(403);
		const page = await board.request('/org/ZB1/imports');
		const html = await page.text();
		expect(page.status).toBe(200);
		expect(html).toContain('Import history');
		expect(html).not.toContain('action="?/upload"');

		const icbLead = await signIn(baseUrl, email('it_lead@ZB0'), TEST_PASSWORD);
		expect((await upload(icbLead, 'ZB1', 'intune-zb1.csv')).status).toBe(403);
		const lead = await signIn(baseUrl, email('it_lead@ZB1'), TEST_PASSWORD);
		expect((await upload(lead, 'ZC1', 'intune-zb1.csv')).status).toBe(404);
		expect((await streamUpload(lead, 'ZB1', 'intune-zb1.csv', 'https://elsewhere.example')).status).toBe(403);

		// Without JavaScript the form post itself previews the file; discarding it removes the kept copy.
		const preview = await upload(lead, 'ZB1', 'two-bad-rows.csv');
		const previewHtml = await preview.text();
		expect(preview.status).toBe(200);
		expect(previewHtml).toContain('Check the file before importing');
		const uploadId = /name="uploadId" value="([A-Za-z0-9_-]{32})"/.exec(previewHtml)?.[1] ?? '';
		const discarded = await lead.request('/org/ZB1/imports?/discard', { form: { uploadId } });
		expect(await discarded.text()).toContain('two-bad-rows.csv was discarded');
		const progress = await lead.request(`/org/ZB1/imports/progress?upload=${'A'.repeat(32)}`, { accept: 'application/json' });
		expect(await progress.json()).toEqual({ phase: 'unknown', rowsRead: 0 });
	});
});

describe.skipIf(!hasBrowser)('the import page in Chromium', () => {
	let browser: Browser;
	let page: Page;
	beforeAll(async () => {
		browser = await launchBrowser();
		page = await browser.context.newPage();
		await signInWithPassword(page, baseUrl, email('it_lead@ZB1'), TEST_PASSWORD);
	});
	afterAll(async () => {
		await browser?.close();
	});

	async function uploadFile(fileName: string, asOf?: string) {
		await page.check('#kind-devices');
		await page.setInputFiles('#file', path.join(dir, fileName));
		if (asOf) await page.fill('#asOf', asOf);
		await page.click('button:has-text("Upload and preview")');
	}
	const historyRows = () => page.locator('[data-field="history"] tbody tr').count();

	it('uploads an Intune export, shows what will be stored, imports it and lists it in the history', async () => {
		await page.goto(`${baseUrl}/org/ZB1`);
		await Promise.all([page.waitForURL(/\/org\/ZB1\/imports$/), page.click('[data-field="imports-link"]')]);
		expect(await page.title()).toMatch(/^Import data – .+ – Beacon$/);
		expect(await findAccessibilityViolations(page)).toEqual([]);

		await uploadFile('intune-zb1.csv', AS_OF);
		await page.waitForSelector('h2:has-text("Check the file before importing")');
		expect(await page.locator('[data-field="layout"]').innerText()).toContain('Microsoft Intune');
		expect(await page.locator('tr[data-column="Device ID"] select').inputValue()).toBe('deviceId');
		expect(await page.locator('tr[data-column="Primary user email address"] select').inputValue()).toBe('');
		expect(await page.locator('[data-field="stored-rows"] tbody tr').count()).toBe(10);
		const key = await page.locator('[data-stored="deviceKey"]').first().innerText();
		expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(await page.locator('main').innerText()).not.toContain(intuneRow(0, AS_OF)[0]);
		expect(await page.locator('[data-field="no-problems"]').count()).toBe(1);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'imports-preview');

		await page.click('button:text-is("Import")');
		await page.waitForSelector('[data-field="outcome"]');
		expect(await page.locator('[data-field="outcome"]').innerText()).toMatch(
			/Imported 12 of 12 rows from intune-zb1\.csv as batch \d+, devices as of 31 March 2020/
		);
		const first = page.locator('[data-field="history"] tbody tr').first();
		expect(await first.locator('[data-field="file"]').innerText()).toContain('intune-zb1.csv');
		expect(await first.locator('[data-field="rows"]').innerText()).toBe('12 of 12');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'imports-done');
	});

	it('says a file imported before changes nothing', async () => {
		await page.goto(`${baseUrl}/org/ZB1/imports`);
		await uploadFile('intune-zb1.csv');
		await page.waitForSelector('[data-field="outcome"]');
		expect(await page.locator('[data-field="outcome"]').innerText()).toMatch(/already imported as batch \d+ on .+ — nothing changed/);
	});

	it('shows the problems of a bad file and writes nothing; then imports its valid rows, and the rejected rows download safely', async () => {
		await page.goto(`${baseUrl}/org/ZB1/imports`);
		const before = await historyRows();
		await uploadFile('two-bad-rows.csv');
		await page.waitForSelector('[data-field="problems"]');
		expect(await page.locator('[data-field="problems"] tbody tr').allInnerTexts()).toEqual([
			expect.stringMatching(/^4\tCompliance\t=cmd\|' \/C calc'!A0\t.*Compliant/),
			expect.stringMatching(/^7\tCompliance\tMaybe\t/)
		]);

		await page.click('button:text-is("Import")');
		await page.waitForSelector('[data-field="outcome"]');
		expect(await page.locator('[data-field="outcome"]').innerText()).toContain('two-bad-rows.csv was not imported');
		expect(await page.locator('[data-field="problems"] tbody tr').count()).toBe(2);
		expect(await historyRows()).toBe(before);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'imports-rejected');

		await page.click('button:has-text("Import the valid rows and skip the invalid ones")');
		await page.waitForSelector('.nhsuk-panel[data-field="outcome"]');
		expect(await page.locator('[data-field="outcome"]').innerText()).toContain('Imported 10 of 12 rows');
		expect(await historyRows()).toBe(before + 1);
		const link = page.locator('[data-field="history"] tbody tr').first().locator('a:has-text("Rejected rows (CSV)")');
		const response = await page.context().request.get(`${baseUrl}${await link.getAttribute('href')}`);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
		expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="rejected-rows-devices-\d+\.csv"$/);
		const lines = (await response.text())
			.replace(/^\uFEFF/, '')
			.trim()
			.split(/\r?\n/);
		expect(lines[0]).toBe('Row,Column,Value,Problem');
		expect(lines[1]).toMatch(/^4,Compliance,"?'=cmd\|' \/C calc'!A0"?,/);
		expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['4', '7']);
	});

	it('stops a plausible but wrong file with the figures before and after, and asks for the change to be accepted', async () => {
		await page.goto(`${baseUrl}/org/ZB1/imports`);
		const before = await historyRows();
		await uploadFile('wrong-fleet.csv');
		await page.waitForSelector('h2:has-text("Check the file before importing")');
		await page.click('button:text-is("Import")');
		await page.waitForSelector('[data-field="change"]');
		expect(await page.locator('[data-field="outcome"]').innerText()).toMatch(/wrong-fleet\.csv was not imported: check it is the right file/);
		const devices = page.locator('[data-field="change"] tbody tr').first();
		expect(await devices.innerText()).toMatch(/^devices\s+[\d,]+\s+12$/);
		expect(await page.locator('[data-field="change"]').innerText()).toContain('DSPT scorecard');
		expect(await page.locator('#acceptChange').getAttribute('required')).not.toBeNull();
		expect(await historyRows()).toBe(before);
		expect(await page.locator('[data-field="rejections"] tbody tr').first().innerText()).toContain('wrong-fleet.csv');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'imports-wrong-file');
		// Accepting would replace the demo's fleet that other pages' tests read, so this one discards the file.
		await page.click('button:has-text("Discard the file")');
		await page.waitForSelector('text=was discarded');
		expect(await historyRows()).toBe(before);
	});
});
