import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatValue } from '../../src/lib/charts/format-value';
import { formatCount, formatDate } from '../../src/lib/format';
import { METRICS_AS_OF, TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { answer, signIn } from './helpers/http';
import { principalEmail } from './helpers/signed-in';

const { baseUrl, metricsZB1 } = inject('e2e');
const email = principalEmail;
const DEVICES = `/org/ZB1/devices?asOf=${METRICS_AS_OF}`;
const devices = metricsZB1.devices;
const share = (count: number | null, rate: { value: number | null } | null) =>
	`${formatCount(count!)} (${formatValue('rate', rate!.value)} of ${formatCount(devices.total)})`;

describe('the Devices page over HTTP', () => {
	it('shows a board member the latest snapshot, rejects a bad date or month, and keeps to their organisation', async () => {
		const board = await signIn(baseUrl, email('board@ZB1'), TEST_PASSWORD);
		const response = await board.request(DEVICES);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(devices.snapshot?.asOf).toBe(METRICS_AS_OF);
		expect(html).toContain(share(devices.compliant, devices.compliantRate));
		expect(html).toContain(`data-snapshot="${METRICS_AS_OF}"`);
		const march = await (await board.request(`${DEVICES}&month=2026-03`)).text();
		expect(march.match(/data-snapshot="/g)).toHaveLength(1);
		expect(await answer(board, '/org/ZB1/devices?asOf=2026-13-01')).toMatchObject({
			status: 400,
			html: expect.stringContaining('asOf: a date is written YYYY-MM-DD and must exist')
		});
		expect(await answer(board, `${DEVICES}&month=March`)).toMatchObject({
			status: 400,
			html: expect.stringContaining('month: a month is written YYYY-MM, e.g. 2026-03')
		});
		expect((await board.request('/org/ZC1/devices')).status).toBe(404);
	});

	it('tells an organisation without snapshots what to import', async () => {
		const admin = await signIn(baseUrl, email('admin'), TEST_PASSWORD);
		const html = await (await admin.request(`/org/ZC1/devices?asOf=${METRICS_AS_OF}`)).text();
		expect(html).toContain('No device snapshots yet');
		expect(html).toMatch(/Import a Microsoft Intune “All devices”\s+export[\s\S]*href="\/org\/ZC1\/imports"/);
		expect(html).not.toContain('data-chart=');
	});
});

describe.skipIf(!hasBrowser)('the Devices page in Chromium', () => {
	let browser: Browser;
	let page: Page;
	const text = (selector: string) => page.locator(selector).first().innerText();
	const snapshotDates = () => page.locator('[data-field="snapshots"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-snapshot')));

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await browser.context.newPage();
		await signInWithPassword(page, baseUrl, email('board@ZB1'), TEST_PASSWORD);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows the headline figures, ownership and history as the metrics service gives them, and passes axe', async () => {
		await page.goto(`${baseUrl}${DEVICES}`);
		expect(await page.title()).toMatch(/^Devices – .+ – Beacon$/);
		expect(await page.locator('h1, h2').evaluateAll((hs) => hs.map((h) => `${h.tagName} ${h.textContent?.trim()}`))).toEqual([
			'H1 Devices',
			'H2 Latest snapshot',
			'H2 Ownership',
			'H2 Trends',
			'H2 Snapshot history'
		]);
		expect(await text('[data-field="snapshot-date"]')).toBe(formatDate(METRICS_AS_OF));
		expect(await text('[data-field="headlines"] [data-field="total"]')).toBe(formatCount(devices.total));
		expect(await text('[data-field="managed"]')).toBe(share(devices.managed, devices.managedRate));
		expect(await text('[data-field="compliant"]')).toBe(share(devices.compliant, devices.compliantRate));
		expect(await text('[data-field="encrypted"]')).toBe(share(devices.encrypted, devices.encryptedRate));
		expect(await text('[data-field="supported-os"]')).toBe(share(devices.supportedOs, devices.supportedOsRate));
		expect(await text('[data-field="stale"]')).toBe(share(devices.stale, devices.staleRate));
		expect(await text('[data-field="jailbroken"]')).toBe(share(devices.jailbroken, devices.jailbrokenRate));

		const latest = page.locator(`[data-field="snapshots"] tr[data-snapshot="${METRICS_AS_OF}"]`);
		expect(await latest.locator('[data-field="total"]').innerText()).toBe(formatCount(devices.total));
		expect(await latest.locator('[data-field="stale"]').innerText()).toBe(formatCount(devices.stale!));
		const dates = await snapshotDates();
		expect(dates[0]).toBe(METRICS_AS_OF);
		expect(dates.every((d) => d! <= METRICS_AS_OF)).toBe(true);

		await page.click('[data-chart="device-ownership"] summary');
		const ownership = page.locator('table[data-table="device-ownership"] tbody tr');
		expect(await ownership.allInnerTexts()).toEqual([
			`Corporate\t${formatCount(devices.ownership!.corporate.numerator)}\t${formatValue('rate', devices.ownership!.corporate.value)}`,
			`Personal\t${formatCount(devices.ownership!.personal.numerator)}\t${formatValue('rate', devices.ownership!.personal.value)}`,
			`Unknown\t${formatCount(devices.ownership!.unknown.numerator)}\t${formatValue('rate', devices.ownership!.unknown.value)}`
		]);
		await page.click('[data-chart="device-rates-trend"] summary');
		expect(await page.locator('table[data-table="device-rates-trend"] tbody tr').count()).toBe(12);
		expect(await page.locator('table[data-table="device-rates-trend"] tbody tr').last().innerText()).toBe(
			`Mar 2026\t${formatValue('rate', devices.compliantRate!.value)}\t${formatValue('rate', devices.encryptedRate!.value)}\t${formatValue('rate', devices.supportedOsRate!.value)}`
		);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'dashboard-devices');
	});

	it('filters the snapshot history to the month of the trend point clicked', async () => {
		await page.goto(`${baseUrl}${DEVICES}`);
		const canvas = page.locator('[data-chart="device-rates-trend"] canvas');
		await page.waitForFunction(() => {
			const c = document.querySelector('[data-chart="device-rates-trend"] canvas') as HTMLCanvasElement | null;
			return (
				c !== null &&
				c.width > 0 &&
				c
					.getContext('2d')!
					.getImageData(0, 0, c.width, c.height)
					.data.some((v) => v !== 0)
			);
		});
		const box = (await canvas.boundingBox())!;
		// The last month sits at the right-hand end of the plot; index mode picks the month nearest the pointer.
		await Promise.all([page.waitForURL(/[?&]month=/), canvas.click({ position: { x: box.width - 24, y: box.height / 2 } })]);
		expect(new URL(page.url()).searchParams.get('month')).toBe('2026-03');
		await page.waitForSelector('[data-field="month-filter"]');
		expect(await snapshotDates()).toEqual([METRICS_AS_OF]);
		expect(await text('[data-field="month-filter"]')).toContain('taken in Mar 2026');
		expect(await findAccessibilityViolations(page)).toEqual([]);
	});

	it('narrows the history by the month form without a chart, explains a month carried forward, and is reachable by keyboard', async () => {
		await page.goto(`${baseUrl}${DEVICES}`);
		await page.selectOption('#month', '2026-02');
		await Promise.all([page.waitForURL((url) => url.searchParams.get('month') === '2026-02'), page.click('[data-field="month-form"] button')]);
		await page.waitForSelector('[data-field="month-filter"]');
		expect(await snapshotDates()).toEqual(['2025-12-31']);
		expect(await text('[data-field="month-filter"]')).toContain('No snapshot was taken in Feb 2026: its figures come from the snapshot of 31 December 2025.');
		await Promise.all([page.waitForURL((url) => !url.searchParams.has('month')), page.click('[data-field="clear-month"]')]);
		await page.waitForFunction(() => document.querySelectorAll('[data-field="snapshots"] tbody tr').length > 1);

		const reached: string[] = [];
		for (let i = 0; i < 40; i++) {
			await page.keyboard.press('Tab');
			reached.push(
				await page.evaluate(() => {
					const el = document.activeElement as HTMLElement | null;
					return el ? `${el.tagName}#${el.id}|${el.textContent?.trim().slice(0, 40) ?? ''}` : '';
				})
			);
		}
		expect(reached.some((r) => r.startsWith('INPUT#asOf'))).toBe(true);
		expect(reached.some((r) => r.includes('Show as table'))).toBe(true);
		expect(reached.some((r) => r.startsWith('SELECT#month'))).toBe(true);

		// Down to a tablet: wide tables scroll inside their own region, the page itself does not scroll sideways.
		await page.setViewportSize({ width: 768, height: 1024 });
		await page.goto(`${baseUrl}${DEVICES}`);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'dashboard-devices-tablet');
		await page.setViewportSize({ width: 1280, height: 900 });
	});
});
