import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { METRICS_AS_OF, TEST_PASSWORD } from './setup/fixtures';
import { findAccessibilityViolations, hasBrowser, saveScreenshot } from './helpers/browser';
import { answer, redirectPath, signIn } from './helpers/http';
import { principalEmail, useSignedInPage } from './helpers/signed-in';

const { baseUrl, organisations } = inject('e2e');
const email = principalEmail;
const BENCHMARK = `/org/ZB1/benchmark?asOf=${METRICS_AS_OF}`;
const WITHHELD = 'fewer than five organisations: not shown';
const otherTrusts = organisations.filter((o) => o.kind === 'trust' && o.ods !== 'ZB1');

// The demo has four trusts with data under ICB ZB0 (ZC1 has none, so it has no figure to count): every
// peer group is four, and is withheld. The e2e fixtures import no public status export: the empty state.
describe('the benchmarking page over HTTP', () => {
	it('withholds groups of four, names no other trust to an it_lead, and checks its filters', async () => {
		const itLead = await signIn(baseUrl, email('it_lead@ZB1'), TEST_PASSWORD);
		const ok = await itLead.request(BENCHMARK);
		expect(ok.status).toBe(200);
		const html = await ok.text();
		expect(html).toContain('<h1>Benchmarking</h1>');
		expect(html.split(WITHHELD).length - 1).toBeGreaterThanOrEqual(6);
		expect(html).toContain('Import the public DSPT status export');
		expect(otherTrusts.length).toBeGreaterThanOrEqual(4);
		for (const o of otherTrusts) {
			expect(html).not.toContain(o.name);
			expect(html).not.toContain(`"${o.ods}"`);
		}
		expect((await itLead.request('/org/ZC1/benchmark')).status).toBe(404);
		expect(await answer(itLead, `${BENCHMARK}&edition=2022`)).toMatchObject({
			status: 400,
			html: expect.stringContaining('edition: an edition is written like 22/23')
		});
		expect((await itLead.request(`${BENCHMARK}&edition=22/23`)).status).toBe(404);
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

	it('shows the empty public section and the withheld peer groups in words, and passes axe', async () => {
		await page.goto(`${baseUrl}${BENCHMARK}`);
		expect(await page.locator('h1, h2').allInnerTexts()).toEqual(['Benchmarking', 'Public DSPT statuses', 'Compared with other trusts in Beacon']);
		expect(await page.locator('[data-field="public-empty"]').innerText()).toContain('Import the public DSPT status export');
		const rows = page.locator('[data-field="peer-table"] tbody tr');
		expect(await rows.count()).toBe(6);
		expect(await page.locator('[data-field="withheld"]').allInnerTexts()).toEqual(Array(6).fill(WITHHELD));
		expect(await page.locator('[data-field="position"]').count()).toBe(0);
		// ZB1's own figures are its own to see.
		expect(await page.locator('[data-metric="training"] [data-field="own-value"]').innerText()).toMatch(/^\d+\.\d %$/);
		expect(await page.locator('[data-field="named-peers"]').count()).toBe(0);
		expect(await findAccessibilityViolations(page)).toEqual([]);
		await saveScreenshot(page, 'benchmark');
	});
});
