import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD } from './setup/fixtures';
import { hasBrowser, launchBrowser, saveScreenshot, signInWithPassword, type Browser } from './helpers/browser';
import { principalEmail } from './helpers/signed-in';

const { baseUrl, inviteTokens, reportIds, victims } = inject('e2e');

/** A phone held upright: the narrowest screen the issue names. */
const WIDTH = 390;

/** Every page each kind of demo user reaches, by the account that reaches it (null: signed out). */
const JOURNEYS: { who: string | null; pages: string[] }[] = [
	{
		who: null,
		pages: ['/signin', '/verify', '/verify?reportId=not-an-id', `/verify?reportId=${reportIds.ZB1}`, `/invite/${inviteTokens[2]}`, '/no-such-page']
	},
	{
		who: 'it_lead@ZB1',
		pages: [
			'/org/ZB1',
			'/org/ZB1/people',
			'/org/ZB1/devices',
			'/org/ZB1/incidents',
			'/org/ZB1/spend',
			'/org/ZB1/spend/returns',
			'/org/ZB1/assurance',
			'/org/ZB1/assurance/manage',
			'/org/ZB1/benchmark',
			'/org/ZB1/scorecard',
			'/org/ZB1/scorecard/2024-25',
			'/org/ZB1/scorecard/2024-25/A1.a',
			'/org/ZB1/scorecard/2024-25/B2.a',
			'/org/ZB1/scorecard/2024-25/plan',
			'/org/ZB1/reports',
			'/org/ZB1/imports',
			'/account'
		]
	},
	{ who: 'board@ZB1', pages: ['/org/ZB1', '/org/ZB1/reports', '/org/ZB1/scorecard/2024-25/plan', '/admin'] },
	{ who: 'regulator@ZB1', pages: ['/', '/org/ZB1/reports', '/org/ZC1'] },
	{
		who: 'it_lead@ZB0',
		pages: ['/', '/org/ZB0', '/org/ZB0/scorecard/2024-25', '/org/ZB0/benchmark', '/org/ZB0/reports', '/org/ZB2', '/org/ZB2/devices', '/switch']
	},
	{
		who: 'admin',
		pages: ['/', '/admin', '/admin/audit', '/admin/organisations', '/admin/users', `/admin/users/${victims[0]?.id}`, '/switch', '/org/ZB1/imports']
	}
];

/**
 * What sticks out past the page's right edge outside a table's scroll region: each element whose box ends
 * right of the viewport while no ancestor scrolls it, described by tag, classes and the start of its text.
 */
async function overflowing(page: Page): Promise<{ scrollWidth: number; culprits: string[] }> {
	return page.evaluate((width) => {
		const culprits: string[] = [];
		for (const element of document.body.querySelectorAll('*')) {
			// Inside a table's region is the region's business, unless positioned against a box outside it.
			const region = element.parentElement?.closest('.beacon-scroll');
			if (region && !['absolute', 'fixed'].includes(getComputedStyle(element).position)) continue;
			const box = element.getBoundingClientRect();
			if (box.width === 0 || box.right <= width + 0.5) continue;
			// Report the innermost: skip an element whose child already sticks out.
			const child = [...element.children].some((c) => c.getBoundingClientRect().right > width + 0.5 && !c.parentElement?.closest('.beacon-scroll'));
			if (child) continue;
			const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
			culprits.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} right=${Math.round(box.right)} "${text}"`);
		}
		return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 8) };
	}, WIDTH);
}

describe.skipIf(!hasBrowser)(`every page at ${WIDTH} px wide, in Chromium`, () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});

	for (const journey of JOURNEYS) {
		it(`${journey.who ?? 'signed out'}: no page scrolls sideways; only a table's own labelled, focusable region does`, { timeout: 240_000 }, async () => {
			await browser.context.clearCookies();
			const page = await browser.context.newPage();
			await page.setViewportSize({ width: WIDTH, height: 844 });
			if (journey.who) await signInWithPassword(page, baseUrl, principalEmail(journey.who), TEST_PASSWORD);
			const wide: string[] = [];
			for (const path of journey.pages) {
				const response = await page.goto(`${baseUrl}${path}`);
				expect(response?.status(), path).toBeLessThan(500);
				const { scrollWidth, culprits } = await overflowing(page);
				if (scrollWidth > WIDTH) wide.push(`${path}: ${scrollWidth} px\n    ${culprits.join('\n    ')}`);
				// A region that scrolls is one a keyboard user can reach and a screen reader can name.
				const regions = await page.$$eval('.beacon-scroll', (els) =>
					els.map((el) => ({
						role: el.getAttribute('role'),
						tabindex: el.getAttribute('tabindex'),
						named: Boolean(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'))
					}))
				);
				for (const region of regions) expect(region, path).toEqual({ role: 'region', tabindex: '0', named: true });
				await saveScreenshot(page, `narrow-${(journey.who ?? 'signed-out').replace('@', '-')}${path.replace(/[/?=.]+/g, '-')}`.slice(0, 120));
			}
			await page.close();
			expect(wide).toEqual([]);
		});
	}
});
