import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { formatValue } from '../../src/lib/charts/format-value';
import { unapprovedDevices } from '../../src/lib/components/assurance/figures';
import { formatCount, formatDate } from '../../src/lib/format';
import { addDays } from '../../src/lib/server/metrics/periods';
import { REPORT_PDF } from './setup/assurance-fixtures';
import { METRICS_AS_OF, TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, saveScreenshot } from './helpers/browser';
import { answer, signIn } from './helpers/http';
import { chartsDrawn, principalEmail, useSignedInPage } from './helpers/signed-in';

const { baseUrl, assuranceZB1: register, metricsZB1, activityIds } = inject('e2e');
const email = principalEmail;
const ASSURANCE = `/org/ZB1/assurance?asOf=${METRICS_AS_OF}`;
const MANAGE = '/org/ZB1/assurance/manage';
const m = register.metrics;
const today = new Date().toISOString().slice(0, 10);

describe('the Assurance page over HTTP', () => {
	it('shows a board member the page without forms, serves reports as checked downloads, and keeps to their organisation', async () => {
		const board = await signIn(baseUrl, email('board@ZB1'), TEST_PASSWORD);
		const response = await board.request(ASSURANCE);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('<h1>Assurance</h1>');
		expect(html).not.toContain('action="?/');
		expect(html).not.toContain('data-field="manage-link"');
		expect((await board.request(MANAGE)).status).toBe(403);
		expect((await board.request(`${MANAGE}?/recordFinding`, { form: { reference: 'X', title: 'x', severity: 'low', raisedOn: today } })).status).toBe(403);

		const file = await board.request(`/org/ZB1/assurance/activities/${activityIds.ZB1}/report`);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('application/pdf');
		expect(file.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''ZB1-internal-audit.pdf");
		expect(file.headers.get('x-content-type-options')).toBe('nosniff');
		expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
		expect(await file.text()).toBe(REPORT_PDF);
		// Another organisation's report is not found, even by a number that exists.
		expect((await board.request(`/org/ZB1/assurance/activities/${activityIds.ZC1}/report`)).status).toBe(404);
		expect((await board.request('/org/ZB1/assurance/activities/first/report')).status).toBe(400);
		expect((await board.request('/org/ZC1/assurance')).status).toBe(404);
		expect(await answer(board, '/org/ZB1/assurance?asOf=2026-02-30')).toMatchObject({
			status: 400,
			html: expect.stringContaining('asOf: a date is written YYYY-MM-DD and must exist')
		});
	});

	it('tells an organisation with nothing recorded what to record and what to import', async () => {
		const admin = await signIn(baseUrl, email('admin'), TEST_PASSWORD);
		const html = await (await admin.request('/org/ZC1/assurance?asOf=2020-01-01')).text();
		expect(html).toContain('No assurance records yet');
		expect(html).toContain('<code>import findings FILE --org ZC1</code>');
		expect(html).toContain('<code>import apps FILE --org ZC1 --as-of YYYY-MM-DD</code>');
		expect(html).toContain('href="/org/ZC1/imports"');
		expect(html).toContain('href="/org/ZC1/assurance/manage"');
		expect(html).not.toContain('data-chart=');
	});

	it('gives the IT lead the forms, and a failed form comes back with the problem and what was typed', async () => {
		const lead = await signIn(baseUrl, email('it_lead@ZB1'), TEST_PASSWORD);
		expect(await (await lead.request(`/org/ZB1/assurance?asOf=${today}`)).text()).toContain('data-field="manage-link"');
		const manage = await (await lead.request(MANAGE)).text();
		for (const action of ['recordActivity', 'recordFinding', 'resolveFinding', 'approveApp', 'removeActivity'])
			expect(manage).toContain(`action="?/${action}"`);
		const again = await lead.request(`${MANAGE}?/recordFinding`, {
			form: { reference: 'E2E-PT-1', title: 'Typed again by mistake', severity: 'high', raisedOn: today }
		});
		expect(again.status).toBe(409);
		const html = await again.text();
		expect(html).toContain('already has a finding E2E-PT-1');
		expect(html).toContain('value="Typed again by mistake"');
	});
});

describe.skipIf(!hasBrowser)('the Assurance page in Chromium, as a board member', () => {
	let page: Page;
	useSignedInPage('board@ZB1', (p) => {
		page = p;
	});
	const text = (selector: string) => page.locator(selector).first().innerText();
	const attributes = (selector: string, name: string) => page.locator(selector).evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);

	it('shows the figures the assurance service gives, activities latest first and open findings overdue first, and passes axe', async () => {
		expect(register.metrics).toEqual(metricsZB1.assurance);
		await page.goto(`${baseUrl}${ASSURANCE}`);
		expect(await page.title()).toMatch(/^Assurance – .+ – Beacon$/);
		expect(await page.locator('h1, h2').evaluateAll((hs) => hs.map((h) => `${h.tagName} ${h.textContent?.trim()}`))).toEqual([
			'H1 Assurance',
			'H2 Headline figures',
			'H2 Activities',
			'H2 Findings',
			'H2 Phishing exercises',
			'H2 Messaging apps'
		]);
		expect(await text('[data-field="open-critical-high"]')).toBe(formatCount(m.openCriticalHigh));
		expect(await text('[data-field="overdue"]')).toBe(formatCount(m.overdueFindings));
		expect(await text('[data-field="risk-accepted"]')).toBe(formatCount(m.riskAccepted));
		expect(await text('[data-field="within-14-days"]')).toBe(formatValue('rate', m.remediatedWithin14dRate.value));
		expect(await text('[data-field="mean-days"]')).toBe(m.meanDaysToRemediate === null ? 'no data' : `${m.meanDaysToRemediate.toFixed(1)} days`);
		expect(await text('[data-field="independent-assessment"]')).toContain(formatDate(m.lastIndependentAssessment!.completedOn));
		expect(await text('[data-field="phishing-click"]')).toBe(formatValue('rate', m.phishingClickRate.value));
		expect(await text('[data-field="phishing-report"]')).toBe(formatValue('rate', m.phishingReportRate.value));
		expect(await text('[data-field="unapproved-messaging"]')).toBe(unapprovedDevices(m.devicesWithUnapprovedMessaging, m.unapprovedMessagingExact));
		if (m.unapprovedMessagingExact === false) expect(await text('[data-field="unapproved-messaging"]')).toMatch(/^at most /);

		expect((await attributes('[data-field="activities"] tbody tr', 'data-activity')).map(Number)).toEqual(register.activities.map((a) => a.id));
		const open = register.findings.filter((f) => f.status === 'open');
		const overdue = await attributes('[data-field="open-findings"] tbody tr', 'data-overdue');
		expect(overdue).toHaveLength(open.length);
		expect(overdue).toEqual([...overdue].sort((a, b) => Number(b === 'true') - Number(a === 'true')));
		const references = await attributes('[data-field="open-findings"] tbody tr', 'data-finding');
		expect([...references].sort()).toEqual(open.map((f) => f.reference).sort());
		expect(references.indexOf('E2E-PT-1')).toBeLessThan(references.indexOf('E2E-PT-2'));
		expect(await text('[data-field="accepted-findings"] tr[data-finding="E2E-IA-2"] [data-field="accepted"]')).toContain('by SIRO');
		expect(await page.locator('[data-field="remediated-findings"] tr[data-finding="E2E-PT-4"]').textContent()).toContain('After its due date');

		await chartsDrawn(page, 2);
		await page.click('[data-chart="assurance-findings-age"] summary');
		const ageRows = page.locator('table[data-table="assurance-findings-age"] tbody tr');
		expect(await ageRows.count()).toBe(4);
		const totals = await ageRows.evaluateAll((rows) => rows.map((r) => Number(r.lastElementChild?.textContent?.replace(/,/g, ''))));
		expect(totals.reduce((s, n) => s + n, 0)).toBe(open.length);
		await page.click('[data-chart="assurance-phishing-trend"] summary');
		expect(await page.locator('table[data-table="assurance-phishing-trend"] tbody tr').count()).toBe(register.phishing.length);
		const winter = register.phishing.find((e) => e.title === 'E2E phishing exercise, winter')!;
		expect(await page.locator(`table[data-exercise="${winter.activityId}"] tbody tr`).count()).toBe(3);
		const whatsapp = m.unapprovedApps.find((a) => a.name === 'WhatsApp')!;
		expect(await text('[data-field="unapproved-apps"] tr[data-app="WhatsApp"] [data-field="devices"]')).toBe(formatCount(whatsapp.devices));
		expect(await text('[data-field="approved-apps"] tr[data-app="Siilo"] [data-field="active-users"]')).toContain('1,800');

		expect(await page.locator('form[method="POST"]').count()).toBe(0);
		expect(await page.locator('[data-field="manage-link"]').count()).toBe(0);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'assurance-board');
	});

	it('fits a tablet without scrolling sideways, and the overview carries the assurance headline figures', async () => {
		await page.setViewportSize({ width: 768, height: 1024 });
		await page.goto(`${baseUrl}${ASSURANCE}`);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'assurance-tablet');
		await page.setViewportSize({ width: 1280, height: 900 });
		await page.goto(`${baseUrl}/org/ZB1?asOf=${METRICS_AS_OF}`);
		const figure = (id: string) => page.locator(`[data-figure="${id}"] [data-field="value"]`).innerText();
		expect(await figure('open-critical-high')).toBe(formatCount(m.openCriticalHigh));
		expect(await figure('phishing-click')).toBe(formatValue('rate', m.phishingClickRate.value));
		expect(await figure('unapproved-messaging')).toBe(unapprovedDevices(m.devicesWithUnapprovedMessaging, m.unapprovedMessagingExact));
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'assurance-overview');
		await page.click('nav[aria-label="Organisation"] a:text-is("Assurance")');
		await page.waitForURL((url) => url.pathname === '/org/ZB1/assurance' && url.searchParams.get('asOf') === METRICS_AS_OF);
	});
});

describe.skipIf(!hasBrowser)('managing assurance in Chromium, as the IT lead', () => {
	let page: Page;
	useSignedInPage('it_lead@ZB1', (p) => {
		page = p;
	});
	const reference = `E2E-NEW-${Date.now().toString(36).toUpperCase()}`;
	const finding = () => page.locator(`[data-field="finding-updates"] li[data-finding="${reference}"]`);
	const saved = () => page.locator('[data-field="saved"]').innerText();
	async function submit(button: ReturnType<Page['locator']>) {
		await Promise.all([page.waitForNavigation(), button.click()]);
	}
	/** Open the finding's update forms; a closed finding's sit in the folded list of closed findings. */
	async function openUpdate() {
		const closed = page.locator('[data-field="closed-findings"]');
		if ((await closed.locator(`li[data-finding="${reference}"]`).count()) > 0 && (await closed.getAttribute('open')) === null)
			await closed.locator(':scope > summary').click();
		await finding().locator('summary').click();
	}

	it('records a finding that is overdue on the Assurance page, then remediates it, late', async () => {
		await page.goto(`${baseUrl}/org/ZB1/assurance?asOf=${today}`);
		await Promise.all([page.waitForURL(`${baseUrl}${MANAGE}`), page.click('[data-field="manage-link"]')]);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'assurance-manage');

		const form = page.locator('[data-field="finding-form"]');
		await form.locator('#finding-reference').fill(reference);
		await form.locator('#finding-severity').selectOption('critical');
		await form.locator('#finding-title').fill('Domain admin password shared in a spreadsheet');
		await form.locator('#finding-raised').fill(addDays(today, -20));
		await form.locator('#finding-owner').fill('Head of infrastructure');
		await submit(form.locator('button[type=submit]'));
		expect(await saved()).toBe(`Finding ${reference} recorded, due ${formatDate(addDays(today, -6))}.`);
		expect(await finding().locator('[data-field="finding-status"]').innerText()).toContain('Overdue by 6 days');

		await page.goto(`${baseUrl}/org/ZB1/assurance?asOf=${today}`);
		const row = page.locator(`[data-field="open-findings"] tr[data-finding="${reference}"]`);
		expect(await row.getAttribute('data-overdue')).toBe('true');
		expect(await row.locator('[data-field="status"]').innerText()).toContain('by 6 days');

		await page.goto(`${baseUrl}${MANAGE}`);
		await openUpdate();
		await saveScreenshot(page, 'assurance-manage-update');
		await finding().locator('input[name="remediatedOn"]').fill(today);
		await submit(finding().locator('[data-field="remediate-form"] button'));
		expect(await saved()).toBe(`Finding ${reference} marked remediated.`);
		expect(await finding().locator('[data-field="finding-status"]').textContent()).toContain(`remediated ${formatDate(today)}`);
		await page.goto(`${baseUrl}/org/ZB1/assurance?asOf=${today}`);
		expect(await page.locator(`[data-field="open-findings"] tr[data-finding="${reference}"]`).count()).toBe(0);
		expect(await page.locator(`[data-field="remediated-findings"] tr[data-finding="${reference}"]`).textContent()).toContain('After its due date');
	});

	it('accepts the risk of a finding with who and why, then reopens it', async () => {
		await page.goto(`${baseUrl}${MANAGE}`);
		await openUpdate();
		const accept = finding().locator('[data-field="accept-form"]');
		await accept.locator('input[name="acceptedBy"]').fill('SIRO');
		await accept.locator('textarea[name="acceptedReason"]').fill('Compensating control: privileged access workstation');
		await submit(accept.locator('button[type=submit]'));
		expect(await saved()).toBe(`Finding ${reference} recorded as risk accepted.`);
		expect(await finding().locator('[data-field="finding-status"]').textContent()).toContain('risk accepted');
		await openUpdate();
		await submit(finding().locator('[data-field="reopen-form"] button'));
		expect(await saved()).toBe(`Finding ${reference} reopened.`);
		expect(await finding().locator('[data-field="finding-status"]').innerText()).toContain('Overdue');
	});

	it('records a phishing exercise with staff group rows and its report, and refills the form when it is wrong', async () => {
		await page.goto(`${baseUrl}${MANAGE}`);
		const form = page.locator('[data-field="activity-form"]');
		const title = `E2E phishing exercise ${reference}`;
		await form.locator('#activity-type').selectOption('phishing_exercise');
		await form.locator('#activity-title').fill(title);
		await form.locator('#activity-started').fill(addDays(today, -7));
		await form.locator('#activity-completed').fill(addDays(today, -9));
		await form.locator('summary').click();
		const rows: [string, string, string, string, string][] = [
			['Nursing and Midwifery Registered', '500', '30', '4', '120'],
			['Medical and Dental', '200', '9', '', '60']
		];
		for (const [i, cells] of rows.entries()) {
			for (const [j, field] of ['staffGroup', 'emailsSent', 'clicked', 'credentialsEntered', 'reported'].entries())
				await form.locator(`#phishing-${i}-${field}`).fill(cells[j]!);
		}
		await submit(form.locator('button[type=submit]:text-is("Record activity")'));
		// The end date before the start: the problem is named, and everything typed is still there.
		expect(await page.locator('.nhsuk-error-summary').innerText()).toContain('is before the start date');
		expect(await page.locator('#activity-title').inputValue()).toBe(title);
		expect(await page.locator('#phishing-1-staffGroup').inputValue()).toBe('Medical and Dental');
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'assurance-manage-error');

		await page.locator('#activity-completed').fill(addDays(today, -1));
		await page.locator('#activity-report').setInputFiles({ name: 'phishing-report.pdf', mimeType: 'application/pdf', buffer: Buffer.from(REPORT_PDF) });
		await submit(page.locator('[data-field="activity-form"] button[type=submit]'));
		expect(await saved()).toBe(`Activity “${title}” recorded with 2 phishing result rows.`);

		await page.goto(`${baseUrl}/org/ZB1/assurance?asOf=${today}`);
		const latest = page.locator('[data-field="activities"] tbody tr').first();
		expect(await latest.locator('[data-field="title"]').innerText()).toBe(title);
		const id = await latest.getAttribute('data-activity');
		const download = await page.request.get(`${baseUrl}/org/ZB1/assurance/activities/${id}/report`);
		expect(download.status()).toBe(200);
		expect(await download.text()).toBe(REPORT_PDF);
		expect(await page.locator(`table[data-exercise="${id}"] tbody tr`).count()).toBe(2);
		expect(await page.locator('[data-field="phishing-click"]').innerText()).toBe(formatValue('rate', 39 / 700));
	});

	it('approves a messaging app with its active users, and withdraws it', async () => {
		await page.goto(`${baseUrl}${MANAGE}`);
		const form = page.locator('[data-field="approve-form"]');
		await form.locator('#app-name').fill('Hospify');
		await form.locator('#app-users').fill('240');
		await form.locator('#app-users-on').fill(today);
		await submit(form.locator('button[type=submit]'));
		expect(await saved()).toBe('Hospify saved as an approved messaging app.');
		const app = page.locator('[data-field="approved-apps"] li[data-app="Hospify"]');
		expect(await app.innerText()).toContain(`240 active users on ${formatDate(today)}`);
		await app.locator('summary').click();
		await submit(app.locator('button:text-is("Withdraw Hospify")'));
		expect(await saved()).toBe('Messaging app withdrawn from the approved list.');
		expect(await page.locator('[data-field="approved-apps"] li[data-app="Hospify"]').count()).toBe(0);
	});
});
