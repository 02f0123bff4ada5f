import type { Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { TEST_PASSWORD } from '../setup/fixtures';
import { launchBrowser, signInWithPassword, type Browser } from './browser';

/** The e-mail of a test principal by key, e.g. 'board@ZB1' (see setup/fixtures.ts). */
export function principalEmail(key: string): string {
	return inject('e2e').principals.find((p) => p.key === key)?.email ?? '';
}

/**
 * For a describe block: a Chromium with one page signed in as the principal, opened before its tests and
 * closed after them. The page is handed to `use` once it is signed in.
 */
export function useSignedInPage(key: string, use: (page: Page, browser: Browser) => void): void {
	let browser: Browser | undefined;
	beforeAll(async () => {
		browser = await launchBrowser();
		const page = await browser.context.newPage();
		await signInWithPassword(page, inject('e2e').baseUrl, principalEmail(key), TEST_PASSWORD);
		use(page, browser);
	});
	afterAll(async () => {
		await browser?.close();
	});
}

/** Wait until `count` charts are drawn (each canvas sized by chart.js). */
export function chartsDrawn(page: Page, count: number) {
	return page.waitForFunction((n) => {
		const canvases = [...document.querySelectorAll('figure[data-chart] canvas')] as HTMLCanvasElement[];
		return canvases.length === n && canvases.every((c) => c.width > 0);
	}, count);
}
