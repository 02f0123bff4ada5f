import { describe, expect, inject, it } from 'vitest';
import { streamedPost, type StreamedPostOptions } from '../helpers/streamed-post';
import { TEST_PASSWORD } from './setup/fixtures';
import { signIn } from './helpers/http';
import { principalEmail } from './helpers/signed-in';

const { baseUrl } = inject('e2e');
const MB = 1024 * 1024;

/** Post `size` bytes to a path of the server under test (tests/helpers/streamed-post.ts). */
const post = (path: string, size: number, options?: StreamedPostOptions) => streamedPost(new URL(path, baseUrl), size, options);

describe('request bodies are bounded per route', () => {
	it('refuses a 400 MB /verify upload from its declared length, before reading it', async () => {
		const sent = await post('/verify?/file', 400 * MB, { headers: { 'content-type': 'multipart/form-data; boundary=x' } });
		expect(sent.status).toBe(413);
		expect(sent.text).toBe('This request is too large: Beacon accepts at most 20 MB for a report to check.\n');
		expect(sent.written).toBeLessThan(50 * MB);
		// Sent without its length, a file is taken only as far as a form's 64 KB.
		const chunked = await post('/verify?/file', 400 * MB, { chunked: true, headers: { 'content-type': 'multipart/form-data; boundary=x' } });
		expect(chunked.status).toBe(411);
		expect(chunked.text).toBe('Send a report to check with its length (Content-Length): Beacon takes a body without one only up to 64 KB.\n');
		expect(chunked.written).toBeLessThan(50 * MB);
	});

	it('stops a chunked sign-in post at 64 KB, and a declared one before it starts', async () => {
		const chunked = await post('/signin?/password', 400 * MB, { chunked: true });
		expect(chunked.status).toBe(413);
		expect(chunked.text).toBe('This request is too large: Beacon accepts at most 64 KB for a form.\n');
		expect(chunked.written).toBeLessThan(50 * MB);
		expect((await post('/signin?/password', 400 * MB)).status).toBe(413);
	});

	it('gives an evidence upload its file limit, and an ordinary sign-in still works', async () => {
		const lead = await signIn(baseUrl, principalEmail('it_lead@ZB1'), TEST_PASSWORD);
		const cookie = [...lead.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		const sent = await post('/org/ZB1/scorecard/2024-25/A1.a?/evidence', 400 * MB, {
			headers: { cookie, 'content-type': 'multipart/form-data; boundary=x' }
		});
		expect(sent.status).toBe(413);
		expect(sent.text).toBe('This request is too large: Beacon accepts at most 20 MB for an evidence file.\n');
		// A small form on the same route passes the limit and reaches the action (which finds no file in it).
		const small = await lead.request('/org/ZB1/scorecard/2024-25/A1.a?/evidence', { form: { note: 'x' } });
		expect(small.status).not.toBe(413);
	});

	it('refuses an import upload over its limit from its declared length', async () => {
		const lead = await signIn(baseUrl, principalEmail('it_lead@ZB1'), TEST_PASSWORD);
		const cookie = [...lead.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		const sent = await post('/org/ZB1/imports/upload?kind=devices&fileName=big.csv', 64 * 1024, {
			declared: 2048 * MB,
			headers: { cookie, 'content-type': 'text/csv' }
		});
		expect(sent.status).toBe(413);
		expect(sent.text).toBe('This request is too large: Beacon accepts at most 1024 MB for an export to import.\n');
	});

	it('limits /verify posts per network address, and other addresses go on', async () => {
		// From an address of its own on the loopback network, so no other test shares its count.
		const from = { localAddress: '127.0.0.77' };
		const statuses: number[] = [];
		for (let i = 0; i < 32; i++)
			statuses.push((await post('/verify?/id', 9, { ...from, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status);
		expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
		expect(statuses.slice(30)).toEqual([429, 429]);
		expect((await post('/verify?/id', 9, { localAddress: '127.0.0.78' })).status).toBe(200);
	});
});
