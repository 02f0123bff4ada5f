import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { HttpSession, signIn } from './helpers/http';
import { principalEmail } from './helpers/signed-in';

const { baseUrl, reportIds } = inject('e2e');
const email = principalEmail;

/** The verify form as a browser without JavaScript posts it. */
async function verifyUpload(bytes: Uint8Array): Promise<string> {
	const body = new FormData();
	body.set('file', new File([new Uint8Array(bytes)], 'copy.pdf', { type: 'application/pdf' }));
	const response = await fetch(new URL('/verify?/file', baseUrl), { method: 'POST', headers: { origin: baseUrl, accept: 'text/html' }, body });
	return response.text();
}

describe('reports over HTTP', () => {
	it('lets the IT lead generate a board pack that downloads and verifies; a changed byte does not', async () => {
		const lead = await signIn(baseUrl, email('it_lead@ZB1'), TEST_PASSWORD);
		// A board pack needs its cover sheet: without one the form is refused, naming what is missing.
		const refused = await lead.request('/org/ZB1/reports?/generate', { form: { kind: 'board', period: '2025-26' } });
		expect(refused.status).toBe(400);
		expect(await refused.text()).toMatch(/recommendation[\s\S]*required/);
		const cover = { purpose: 'assurance', recommendation: 'To note.', executiveLead: 'Chief Digital Officer', author: 'Head of IT Security' };
		const made = await lead.request('/org/ZB1/reports?/generate', { form: { kind: 'board', period: '2025-26', ...cover } });
		const html = await made.text();
		const reportId = /Generated the board pack for 2025-26 \(\d+ pages\), report ([0-9a-f-]{36})/.exec(html)?.[1];
		expect(reportId).toBeDefined();
		const pdf = await lead.request(`/org/ZB1/reports/${reportId}/pdf`);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		const bytes = new Uint8Array(await pdf.arrayBuffer());
		expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		const again = new Uint8Array(await (await lead.request(`/org/ZB1/reports/${reportId}/pdf`)).arrayBuffer());
		expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);

		const authentic = await verifyUpload(bytes);
		expect(authentic).toContain('data-outcome="authentic"');
		expect(authentic).toContain('Borchester General Hospital NHS Foundation Trust (demo) (ZB1)');
		const tampered = Buffer.from(bytes);
		tampered[tampered.length - 200]! ^= 0x10;
		expect(await verifyUpload(tampered)).toContain('data-outcome="altered"');
		const lookedUp = await (await new HttpSession(baseUrl).request('/verify?/id', { form: { reportId: reportId! } })).text();
		expect(lookedUp).toContain('data-outcome="issued"');

		const board = await signIn(baseUrl, email('board@ZB1'), TEST_PASSWORD);
		expect((await board.request('/org/ZB1/reports?/generate', { form: { kind: 'board', period: '2025-26' } })).status).toBe(403);
		const signed = await board.request('/org/ZB1/reports?/signOff', {
			form: { reportId: reportId!, name: 'Pat Chair', role: 'Chair', on: '2026-05-20', comment: 'Noted' }
		});
		expect(await signed.text()).toContain('Sign-off recorded.');
		expect(await (await board.request('/org/ZB1/reports')).text()).toContain('Signed off by the board on 20 May 2026: Pat Chair (Chair)');

		// The signed-off copy: the frozen bytes, then the sign-off under a second signature; /verify accepts it.
		const copy = await board.request(`/org/ZB1/reports/${reportId}/signed-off`);
		expect(copy.status).toBe(200);
		const copyBytes = Buffer.from(await copy.arrayBuffer());
		expect(copyBytes.subarray(0, bytes.length).equals(Buffer.from(bytes))).toBe(true);
		const checked = await verifyUpload(copyBytes);
		expect(checked).toContain('data-outcome="authentic"');
		expect(checked).toMatch(/data-field="sign-off"[^>]*>\s*Signed off on 20 May 2026 by Pat Chair \(Chair\): “Noted”/);
		expect(checked.match(/Signature \d: valid/g)).toHaveLength(2);

		// The installation's certificate, for anyone to pin: the fingerprint /verify shows is the PEM's.
		const pem = await (await fetch(new URL('/verify/certificate', baseUrl))).text();
		const fingerprint = new X509Certificate(pem).fingerprint256;
		expect(await (await fetch(new URL('/verify', baseUrl))).text()).toContain(fingerprint);
	});

	it('shows a regulator only the packs shared with them, and only the reports page', async () => {
		const regulator = await signIn(baseUrl, email('regulator@ZB1'), TEST_PASSWORD);
		const page = await (await regulator.request('/org/ZB1/reports')).text();
		expect(page.match(/data-report="/g)).toHaveLength(1);
		expect(page).toContain(`data-report="${reportIds.ZB1}"`);
		expect(page).not.toContain('href="/org/ZB1/devices');
		expect((await regulator.request(`/org/ZB1/reports/${reportIds.ZB1}/bundle`)).headers.get('content-type')).toBe('application/zip');
		// The organisation's other pages, and organisations nothing was shared from, are not there for a regulator.
		expect((await regulator.request('/org/ZB1/devices')).status).toBe(404);
		expect((await regulator.request('/org/ZB1')).status).toBe(404);
		expect((await regulator.request('/org/ZB3/reports')).status).toBe(404);
	});
});

describe.skipIf(!hasBrowser)('the reports and verify pages in Chromium', () => {
	let browser: Browser;
	let page: Page;
	let dir: string;
	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'beacon-e2e-reports-'));
		browser = await launchBrowser();
		page = await browser.context.newPage();
		await signInWithPassword(page, baseUrl, email('it_lead@ZB1'), TEST_PASSWORD);
	});
	afterAll(async () => {
		await browser?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('generates a regulator pack from the page, lists it, and passes axe', async () => {
		await page.goto(`${baseUrl}/org/ZB1/reports`);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await page.check('#kind-regulator');
		await page.selectOption('#period', '2025-26');
		// Held back 1.5 s on its way, so the page is seen while the pack is being made: it says so and offers no second click.
		await page.route(/\/reports\?\/generate$/, (route) => void setTimeout(() => void route.continue(), 1500));
		await page.click('button:text-is("Generate")');
		expect(await page.locator('[data-field="generating"]').innerText()).toMatch(/^Generating the DSPT regulator pack for 2025-26: gathering its figures/);
		expect(await page.locator('button:text-is("Generate")').isDisabled()).toBe(true);
		await page.waitForSelector('[data-field="generated"]');
		await page.unroute(/\/reports\?\/generate$/);
		expect(await page.locator('[data-field="generated"]').innerText()).toMatch(/Generated the regulator pack for 2025-26/);
		expect(await page.locator('[data-field="generating"]').innerText()).toBe('');
		expect(await page.locator('button:text-is("Generate")').isDisabled()).toBe(false);
		expect(await page.locator('[data-field="bundle"]').count()).toBeGreaterThanOrEqual(2);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'reports');
	});

	it('checks an uploaded PDF on the public verify page, which passes axe', async () => {
		const download = await page.context().request.get(`${baseUrl}/org/ZB1/reports/${reportIds.ZB1}/pdf`);
		const file = path.join(dir, 'pack.pdf');
		writeFileSync(file, await download.body());
		// Anyone may check a report: signed out from here on.
		await page.context().clearCookies();
		const anonymous = page;
		await anonymous.goto(`${baseUrl}/verify`);
		expect(await findAccessibilityViolations(anonymous)).toEqual([]);
		await anonymous.setInputFiles('#file', file);
		await anonymous.click('button:has-text("Check the file")');
		await anonymous.waitForSelector('[data-field="verification"]');
		expect(await anonymous.locator('[data-field="verification"]').getAttribute('data-outcome')).toBe('authentic');
		expect(await anonymous.locator('[data-field="org"]').innerText()).toContain('(ZB1)');
		expect(await anonymous.locator('[data-field="signatures"]').innerText()).toMatch(
			/Signature 1: valid, by CN=Beacon report signing.*this Beacon’s certificate/
		);
		expect(await anonymous.locator('[data-field="self-signed"]').count()).toBe(1);
		expect(await findAccessibilityViolations(anonymous)).toEqual([]);
		await saveScreenshot(anonymous, 'verify');
	});
});
