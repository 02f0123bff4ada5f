import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { METRICS_AS_OF, TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, saveScreenshot } from './helpers/browser';
import { answer, redirectPath, signIn } from './helpers/http';
import { principalEmail, useSignedInPage } from './helpers/signed-in';

const { baseUrl, organisations } = inject('e2e');
const email = principalEmail;
const BENCHMARK = `/org/ZB1/benchmark?asOf=${METRICS_AS_OF}`;
const otherTrusts = organisations.filter((o) => o.kind === 'trust' && o.ods.startsWith('ZB') && o.ods !== 'ZB1');

// The demo has five trusts with data under ICB ZB0 (ZC1 and the real trusts of the public snapshot have
// none, so no figure to count): every peer group is five, just enough to show as quartiles. The demo imports
// the real public DSPT status snapshot of 16 November 2023 (22/23), which does not list the fictional ZB1.
describe('the benchmarking page over HTTP', () => {
	it('shows groups of five as quartiles, names no other trust to an it_lead, and checks its filters', async () => {
		const itLead = await signIn(baseUrl, email('it_lead@ZB1'), TEST_PASSWORD);
		const ok = await itLead.request(BENCHMARK);
		expect(ok.status).toBe(200);
		const html = await ok.text();
		expect(html).toContain('<h1>Benchmarking</h1>');
		expect(html).not.toContain('fewer than five organisations: not shown');
		expect(html).not.toContain('Import the public DSPT status export');
		expect(html).toContain('The public register for 22/23 does not list');
		expect(otherTrusts.map((o) => o.ods)).toEqual(['ZB2', 'ZB3', 'ZB4', 'ZB5']);
		for (const o of otherTrusts) {
			expect(html).not.toContain(o.name);
			expect(html).not.toContain(`"${o.ods}"`);
		}
		expect((await itLead.request('/org/ZC1/benchmark')).status).toBe(404);
		expect(await answer(itLead, `${BENCHMARK}&edition=2022`)).toMatchObject({
			status: 400,
			html: expect.stringContaining('edition: an edition is written like 22/23')
		});
		expect((await itLead.request(`${BENCHMARK}&edition=22/23`)).status).toBe(200);
		expect((await itLead.request(`${BENCHMARK}&edition=21/22`)).status).toBe(404);
		expect(await answer(itLead, `/org/ZB1/benchmark?asOf=2026-02-30`)).toMatchObject({
			status: 400,
			html: expect.stringContaining('asOf: a date is written YYYY-MM-DD and must exist')
		});
		expect(redirectPath(await itLead.request('/go?ods=ZB1&page=benchmark'))).toBe('/org/ZB1/benchmark');
	});
});

describe.skipIf(!hasBrowser)('the benchmarking page in Chromium', () => {
	let page: Page;
	useSignedInPage('it_lead@ZB1', (p) => (page = p));

	it('shows the real public statuses and the peer quartiles of five trusts, each with where ZB1 stands, and passes axe', async () => {
		await page.goto(`${baseUrl}${BENCHMARK}`);
		expect(await page.locator('h1, h2').allInnerTexts()).toEqual(['Benchmarking', 'Public DSPT statuses', 'Compared with other trusts in Beacon']);
		expect(await page.locator('[data-field="public-empty"]').count()).toBe(0);
		expect(await page.locator('[data-field="standing"]').innerText()).toContain('The public register for 22/23 does not list');
		expect(await page.locator('[data-field="standing-table"] tbody tr').count()).toBe(1);
		const rows = page.locator('[data-field="peer-table"] tbody tr');
		expect(await rows.count()).toBe(6);
		expect(await page.locator('[data-field="withheld"]').count()).toBe(0);
		const positions = await page.locator('[data-field="position"]').allInnerTexts();
		expect(positions).toHaveLength(6);
		for (const position of positions) expect(position).toMatch(/of 5 trusts/);
		// ZB1's own figures are its own to see; no other trust is named to its IT lead.
		expect(await page.locator('[data-metric="training"] [data-field="own-value"]').innerText()).toMatch(/^\d+\.\d %$/);
		expect(await page.locator('[data-field="named-peers"]').count()).toBe(0);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'benchmark');
	});
});
