import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeCompletion } from '../../src/lib/charts/people-charts';
import { formatCount } from '../../src/lib/format';
import { METRICS_AS_OF, TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { answer, signIn } from './helpers/http';
import { principalEmail } from './helpers/signed-in';

const { baseUrl, metricsZB1 } = inject('e2e');
const email = principalEmail;
const PEOPLE = `/org/ZB1/people?asOf=${METRICS_AS_OF}`;
const training = metricsZB1.training;
const groupHref = (group: string) => `${PEOPLE}&group=${encodeURIComponent(group)}`;

describe('the People page over HTTP', () => {
	it('shows a board member the metrics service figures, drills into a staff group without JavaScript, and names no one', async () => {
		const board = await signIn(baseUrl, email('board@ZB1'), TEST_PASSWORD);
		const response = await board.request(PEOPLE);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(training.requiredStaff).toBeGreaterThan(1000);
		expect(html).toContain(describeCompletion(training.completionRate));
		expect(html).toContain('Overdue staff by department: all staff groups');
		expect(html).not.toMatch(/staff_key|staffKey/);

		const group = training.byStaffGroup.at(-1)!.staffGroup;
		const drilled = await (await board.request(groupHref(group))).text();
		expect(drilled).toContain(`Overdue staff by department: ${group}`);
		expect(drilled).toContain('data-field="clear-group"');
		const unknown = await (await board.request(groupHref('Astronauts'))).text();
		expect(unknown).toContain('There is no staff group called “Astronauts”');

		expect(await answer(board, '/org/ZB1/people?asOf=2026-02-30')).toMatchObject({
			status: 400,
			html: expect.stringContaining('asOf: a date is written YYYY-MM-DD and must exist')
		});
		expect(await answer(board, `${PEOPLE}&group=${'x'.repeat(201)}`)).toMatchObject({
			status: 400,
			html: expect.stringContaining('group: a staff group name is at most 200 characters')
		});
		expect((await board.request('/org/ZC1/people')).status).toBe(404);
	});

	it('tells an organisation without training records what to import', async () => {
		const admin = await signIn(baseUrl, email('admin'), TEST_PASSWORD);
		const html = await (await admin.request(`/org/ZC1/people?asOf=${METRICS_AS_OF}`)).text();
		expect(html).toContain('No training records yet');
		expect(html).toMatch(/Import an ESR training export[\s\S]*href="\/org\/ZC1\/imports"/);
		expect(html).not.toContain('data-chart=');
	});
});

describe.skipIf(!hasBrowser)('the People page in Chromium', () => {
	let browser: Browser;
	let page: Page;
	const text = (selector: string) => page.locator(selector).first().innerText();
	const departmentTotal = () => text('[data-field="overdue-by-department"] [data-field="total-required"]');

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await browser.context.newPage();
		await signInWithPassword(page, baseUrl, email('board@ZB1'), TEST_PASSWORD);
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows completion, board members and who is overdue as the metrics service gives them, and passes axe', async () => {
		await page.goto(`${baseUrl}${PEOPLE}`);
		expect(await page.title()).toMatch(/^People – .+ – Beacon$/);
		expect(await page.locator('h1').innerText()).toBe('People: data security training');
		expect(await page.locator('h1, h2').evaluateAll((hs) => hs.map((h) => h.tagName))).toEqual(['H1', 'H2', 'H2', 'H2', 'H2', 'H2']);
		expect(await text('[data-field="completion"]')).toBe(describeCompletion(training.completionRate));
		expect(await text('[data-field="board-completion"]')).toBe(describeCompletion(training.boardMembers.completionRate));
		expect(await text('[data-field="overdue-total"]')).toBe(formatCount(training.requiredStaff - training.completed12m));
		expect(await text('[data-field="target-verdict"]')).toBe(training.completionRate.value! >= 0.95 ? 'Meets target' : 'Below target');
		for (const g of training.byStaffGroup) {
			const row = page.locator(`[data-field="overdue-by-group"] tr[data-row="${g.staffGroup}"]`);
			expect(await row.locator('[data-field="required"]').innerText()).toBe(formatCount(g.requiredStaff));
			expect(await row.locator('[data-field="overdue"]').innerText()).toBe(formatCount(g.requiredStaff - g.completed12m));
		}
		for (const d of training.byDepartment) {
			const row = page.locator(`[data-field="overdue-by-department"] tr[data-row="${d.department}"]`);
			expect(await row.locator('[data-field="completed"]').innerText()).toBe(formatCount(d.completed12m));
			expect(await row.locator('[data-field="overdue"]').innerText()).toBe(formatCount(d.requiredStaff - d.completed12m));
		}
		expect(await departmentTotal()).toBe(formatCount(training.requiredStaff));
		expect(await page.locator('[data-chart] canvas').count()).toBe(3);
		expect(await page.locator('[data-chart="training-trend"] [data-field="chart-summary"]').getAttribute('aria-label')).toContain('Target: 95.0 %');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'dashboard-people');
	});

	it('filters the department table to the staff group whose bar is clicked', async () => {
		const canvas = page.locator('[data-chart="training-by-staff-group"] canvas');
		await page.waitForFunction(() => {
			const c = document.querySelector('[data-chart="training-by-staff-group"] canvas') as HTMLCanvasElement | null;
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
		// The first bar's band, across the middle of the plot: index mode picks the band under the pointer.
		await Promise.all([page.waitForURL(/[?&]group=/), canvas.click({ position: { x: box.width * 0.6, y: 30 } })]);
		const group = new URL(page.url()).searchParams.get('group')!;
		expect(group).toBe(training.byStaffGroup[0]!.staffGroup);
		expect(new URL(page.url()).searchParams.get('asOf')).toBe(METRICS_AS_OF);
		await page.waitForSelector('[data-field="group-filter"]');
		expect(await text('[data-field="overdue-by-department"] caption')).toBe(`Overdue staff by department: ${group}`);
		expect(await departmentTotal()).toBe(formatCount(training.byStaffGroup[0]!.requiredStaff));
		expect(await text('[data-field="overdue-by-group"] tr[aria-current="true"] th')).toContain(group);
		expect(await findAccessibilityViolations(page)).toEqual([]);
	});

	it('follows a staff group link and back, shows a chart as a table, and is reachable by keyboard', async () => {
		const second = training.byStaffGroup[1]!;
		await Promise.all([
			page.waitForURL((url) => url.searchParams.get('group') === second.staffGroup),
			page.click(`[data-field="overdue-by-group"] tr[data-row="${second.staffGroup}"] a`)
		]);
		await page.waitForFunction((g) => document.querySelector('[data-field="overdue-by-department"] caption')?.textContent?.endsWith(g), second.staffGroup);
		expect(await departmentTotal()).toBe(formatCount(second.requiredStaff));
		await Promise.all([page.waitForURL((url) => !url.searchParams.has('group')), page.click('[data-field="clear-group"]')]);
		await page.waitForFunction(() => document.querySelector('[data-field="overdue-by-department"] caption')?.textContent?.endsWith('all staff groups'));
		expect(await departmentTotal()).toBe(formatCount(training.requiredStaff));

		const table = page.locator('table[data-table="training-by-staff-group"]');
		expect(await table.isVisible()).toBe(false);
		await page.click('[data-chart="training-by-staff-group"] summary');
		expect(await table.isVisible()).toBe(true);
		expect(await table.locator('tbody tr').count()).toBe(training.byStaffGroup.length);
		expect(await table.locator('tbody tr').first().innerText()).toContain(describeCompletion(training.byStaffGroup[0]!.completionRate).split(' (')[0]);

		await page.goto(`${baseUrl}${PEOPLE}`);
		const reached: string[] = [];
		for (let i = 0; i < 60; i++) {
			await page.keyboard.press('Tab');
			reached.push(
				await page.evaluate(() => {
					const el = document.activeElement as HTMLElement | null;
					return el ? `${el.tagName}#${el.id}|${el.getAttribute('data-field') ?? ''}|${el.textContent?.trim().slice(0, 40) ?? ''}` : '';
				})
			);
		}
		expect(reached.some((r) => r.startsWith('INPUT#asOf'))).toBe(true);
		expect(reached.some((r) => r.startsWith('BUTTON#') && r.endsWith('Show'))).toBe(true);
		expect(reached.some((r) => r.includes('Show as table'))).toBe(true);
		expect(reached.some((r) => r.includes('|group-link|'))).toBe(true);

		// Down to a tablet: wide tables scroll inside their own region, the page itself does not scroll sideways.
		await page.setViewportSize({ width: 768, height: 1024 });
		await page.goto(`${baseUrl}${PEOPLE}`);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'dashboard-people-tablet');
		await page.setViewportSize({ width: 1280, height: 900 });
	});
});
