import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const artifacts = fileURLToPath(new URL('../../artifacts', import.meta.url));

export interface Browser {
	context: BrowserContext;
	close(): Promise<void>;
}

/**
 * Debian's Chromium in a fresh profile, with the flags this machine's closed network needs. The app's CSP is
 * bypassed (so axe can be injected) unless `enforceCsp` asks for the page exactly as a user's browser has it.
 */
export async function launchBrowser(options: { enforceCsp?: boolean } = {}): Promise<Browser> {
	const profile = mkdtempSync(path.join(tmpdir(), 'beacon-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		viewport: { width: 1280, height: 900 },
		// axe is injected as a script; the app's own CSP must not stop the check itself.
		bypassCSP: !options.enforceCsp,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
	return {
		context,
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	targets: string[];
}

/** Run axe-core against WCAG 2.2 A and AA (plus best practice) and return what it finds; empty is a pass. */
export async function findAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
	await page.addScriptTag({ content: axe.source });
	return page.evaluate(async () => {
		const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }
		});
		return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => String(n.target)) }));
	});
}

/** Keep a full-page screenshot under tests/artifacts/ for a person to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
	mkdirSync(artifacts, { recursive: true });
	const file = path.join(artifacts, `${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/** True when Debian's Chromium is there; browser tests skip themselves otherwise (vite.config.ts says so). */
export const hasBrowser = Boolean(process.env.CHROMIUM_PATH);

/** Sign in through the sign-in page, as a person would. */
export async function signInWithPassword(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.fill('#email', email);
	await page.fill('#password', password);
	await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/signin')), page.click('form[action="?/password"] button[type=submit]')]);
}
