import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse, isCompressible } from '../../src/lib/server/web/compression';

const page = (body: string, headers: Record<string, string> = {}, status = 200) =>
	new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
const html = `<!doctype html><main>${'<tr><td>Borchester NHS Trust</td><td>87.5 %</td></tr>'.repeat(400)}</main>`;

describe('choosing a response encoding from Accept-Encoding', () => {
	it('prefers brotli, falls back to gzip, and respects q=0', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip, deflate')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(chooseEncoding('gzip;q=0, br;q=0')).toBeNull();
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding('deflate')).toBeNull();
		expect(chooseEncoding(null)).toBeNull();
		expect(chooseEncoding('*')).toBe('br');
	});
});

describe('which responses are compressed', () => {
	it('compresses pages, JSON and CSV, and leaves binary, encoded, tiny, empty and no-transform ones alone', () => {
		expect(isCompressible('GET', page(html))).toBe(true);
		expect(isCompressible('GET', new Response('{"a":1}'.repeat(300), { headers: { 'content-type': 'application/json' } }))).toBe(true);
		expect(isCompressible('GET', new Response('a,b\n'.repeat(500), { headers: { 'content-type': 'text/csv; charset=utf-8' } }))).toBe(true);
		expect(isCompressible('GET', new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } }))).toBe(false);
		expect(isCompressible('GET', page(html, { 'content-encoding': 'gzip' }))).toBe(false);
		expect(isCompressible('GET', page(html, { 'cache-control': 'private, no-transform' }))).toBe(false);
		expect(isCompressible('GET', page('<p>hi</p>', { 'content-length': '9' }))).toBe(false);
		expect(isCompressible('HEAD', page(html))).toBe(false);
		expect(isCompressible('GET', new Response(null, { status: 304 }))).toBe(false);
		expect(isCompressible('GET', new Response(null, { status: 204 }))).toBe(false);
	});
});

describe('a compressed response', () => {
	it('decodes to the same bytes in brotli and gzip, and says how it is encoded and that it varies', async () => {
		for (const [encoding, decode] of [
			['br', brotliDecompressSync],
			['gzip', gunzipSync]
		] as const) {
			const response = compressResponse(page(html, { vary: 'Cookie', etag: '"abc"', 'content-length': String(html.length) }, 200), encoding);
			const bytes = Buffer.from(await response.arrayBuffer());
			expect(decode(bytes).toString('utf8')).toBe(html);
			expect(bytes.length).toBeLessThan(html.length / 10);
			expect(response.headers.get('content-encoding')).toBe(encoding);
			expect(response.headers.get('content-length')).toBeNull();
			expect(response.headers.get('vary')).toBe('Cookie, Accept-Encoding');
			expect(response.headers.get('etag')).toBe('W/"abc"');
			expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
		}
	});

	it('keeps the status and sends a streamed body chunk by chunk, not only at its end', async () => {
		let push: (text: string) => void = () => undefined;
		let end: () => void = () => undefined;
		const streamed = new ReadableStream<Uint8Array>({
			start(controller) {
				push = (text) => controller.enqueue(new TextEncoder().encode(text));
				end = () => controller.close();
			}
		});
		const response = compressResponse(new Response(streamed, { status: 404, headers: { 'content-type': 'text/html' } }), 'gzip');
		expect(response.status).toBe(404);
		const reader = response.body!.getReader();
		push('<p>the first part of the page</p>');
		const first = await reader.read();
		// Flushed at once: the first part decodes before the page has ended.
		expect(gunzipSync(Buffer.from(first.value!), { finishFlush: 2 }).toString()).toBe('<p>the first part of the page</p>');
		end();
		while (!(await reader.read()).done);
	});
});
