import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_PASSWORD } from './setup/fixtures';
import { hasBrowser, launchBrowser, signInWithPassword, type Browser } from './helpers/browser';
import { signIn } from './helpers/http';
import { principalEmail } from './helpers/signed-in';

const { baseUrl } = inject('e2e');

/** A GET as raw bytes, with exactly the headers given (fetch would add and undo its own Accept-Encoding). */
function rawGet(
	path: string,
	headers: Record<string, string>
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
	return new Promise((resolve, reject) => {
		request(new URL(path, baseUrl), { headers }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
			response.on('error', reject);
		})
			.on('error', reject)
			.end();
	});
}

describe('what the server sends', () => {
	it('compresses pages and CSV for a client that accepts brotli or gzip, and only for one that does', async () => {
		const lead = await signIn(baseUrl, principalEmail('it_lead@ZB1'), TEST_PASSWORD);
		const cookie = [...lead.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		const plain = await rawGet('/org/ZB1', { cookie });
		expect(plain.status).toBe(200);
		expect(plain.headers['content-encoding']).toBeUndefined();
		const html = plain.body.toString('utf8');
		expect(html).toContain('</html>');

		const br = await rawGet('/org/ZB1', { cookie, 'accept-encoding': 'gzip, deflate, br' });
		expect(br.status).toBe(200);
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers.vary).toMatch(/Accept-Encoding/);
		const decoded = brotliDecompressSync(br.body).toString('utf8');
		expect(decoded).toContain('</html>');
		// The same page (the nonce in its CSP differs per response), in well under a third of the bytes.
		expect(decoded.replace(/nonce-?="?[\w+/=-]+"?/g, '')).toHaveLength(html.replace(/nonce-?="?[\w+/=-]+"?/g, '').length);
		expect(br.body.length).toBeLessThan(html.length / 3);

		const gz = await rawGet('/org/ZB1', { cookie, 'accept-encoding': 'gzip' });
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gz.body).toString('utf8')).toContain('</html>');

		const refused = await rawGet('/org/ZB1', { cookie, 'accept-encoding': 'br;q=0, gzip;q=0' });
		expect(refused.headers['content-encoding']).toBeUndefined();

		// A CSV download too: the audit trail's export, as an administrator takes it.
		const admin = await signIn(baseUrl, principalEmail('admin'), TEST_PASSWORD);
		const adminCookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		const csv = await rawGet('/admin/audit/export', { cookie: adminCookie, 'accept-encoding': 'gzip' });
		expect(csv.status).toBe(200);
		expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
		expect(csv.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(csv.body).toString('utf8').split('\n').length).toBeGreaterThan(10);
	});
});

describe.skipIf(!hasBrowser)('pages under the real Content-Security-Policy in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launchBrowser({ enforceCsp: true });
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('log no policy violation and no error as they load (zod no longer probes with Function)', async () => {
		const page = await browser.context.newPage();
		const problems: string[] = [];
		page.on('console', (message) => {
			if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
		});
		page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
		await page.addInitScript(() =>
			document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`))
		);
		await signInWithPassword(page, baseUrl, principalEmail('it_lead@ZB1'), TEST_PASSWORD);
		// The overview, and pages whose forms build zod schemas in the browser.
		for (const path of ['/org/ZB1', '/org/ZB1/scorecard/2024-25', '/org/ZB1/scorecard/2024-25/plan']) {
			const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
			expect(response?.status(), path).toBe(200);
		}
		expect(problems).toEqual([]);
		await page.close();
	});
});
