import type { Handle, RequestEvent } from '@sveltejs/kit';
import { MAX_EVIDENCE_BYTES } from '../assessment/evidence-rules';
import { maxUploadBytes } from '../imports/upload';
import { MAX_VERIFY_BYTES } from '../reports/verify';

/*
 * Each request body may be as large as its purpose needs, and no larger (house rule 10): adapter-node's
 * BODY_SIZE_LIMIT is one limit for every route, and an upload's (a gigabyte) let an anonymous post to
 * /verify or /signin hold hundreds of megabytes while a form parser read it. This hook runs first, before
 * anything reads the body: a declared Content-Length over the route's limit is refused at once, and a
 * body without one (chunked) is counted as it arrives and refused at the limit, so at most the limit is held.
 */

/** Sign-in and every ordinary form: a few fields of text. */
export const FORM_BYTES = 64 * 1024;
/** Room for a multipart form's boundaries and other fields around its one file. */
const MULTIPART_BYTES = 64 * 1024;
/** An import posted as a form (a browser without JavaScript): the form parser holds it in memory. */
export const FORM_UPLOAD_BYTES = 50 * 1024 * 1024;

interface BodyLimit {
	bytes: number;
	/** The endpoint streams the body to disk and counts it itself (upload.ts): it is not read here. */
	streamed?: boolean;
	/** Said in the 413's message. */
	what: string;
}

/** Route id and form action (`?/name`) → its limit; anything else with a body is a form. */
function limitFor(routeId: string | null, action: string): BodyLimit {
	if (routeId === '/(app)/org/[ods]/imports/upload') return { bytes: maxUploadBytes(), streamed: true, what: 'an export to import' };
	switch (`${routeId} ${action}`) {
		case '/verify file':
			return { bytes: MAX_VERIFY_BYTES + MULTIPART_BYTES, what: 'a report to check' };
		case '/(app)/org/[ods]/scorecard/[edition]/[outcome] evidence':
		case '/(app)/org/[ods]/assurance/manage recordActivity':
			return { bytes: MAX_EVIDENCE_BYTES + MULTIPART_BYTES, what: 'an evidence file' };
		case '/(app)/org/[ods]/imports upload':
			return { bytes: FORM_UPLOAD_BYTES, what: 'a file sent as a form (with JavaScript on, the import page streams larger files)' };
		default:
			return { bytes: FORM_BYTES, what: 'a form' };
	}
}

export const bodyLimits: Handle = async ({ event, resolve }) => {
	const { request } = event;
	if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return resolve(event);
	const limit = limitFor(event.route.id, actionOf(event.url));
	const declared = request.headers.get('content-length');
	if (declared !== null && !(Number(declared) <= limit.bytes)) return tooLarge(limit);
	// With a declared length, the server itself stops a body that runs past it.
	if (declared !== null || limit.streamed) return resolve(event);
	const body = await readUpTo(request.body, limit.bytes);
	if (!body) return tooLarge(limit);
	replaceBody(event, body);
	return resolve(event);
};

/** The form action a post names (`?/password`), or `default`. */
function actionOf(url: URL): string {
	const name = [...url.searchParams.keys()].find((key) => key.startsWith('/'));
	return name?.slice(1) || 'default';
}

/** The whole body if it is at most `limit` bytes; null, having read no more than limit + one chunk, if not. */
async function readUpTo(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.length;
		// Stop reading; the 413 closes the connection, which discards the rest.
		if (size > limit) return null;
		chunks.push(value);
	}
	return Buffer.concat(chunks, size);
}

function replaceBody(event: RequestEvent, body: Uint8Array): void {
	const headers = new Headers(event.request.headers);
	headers.set('content-length', String(body.length));
	event.request = new Request(event.request.url, { method: event.request.method, headers, body: body as BodyInit, signal: event.request.signal });
}

function tooLarge(limit: BodyLimit): Response {
	const megabytes = limit.bytes >= 1024 * 1024 ? `${Math.floor(limit.bytes / 1024 / 1024)} MB` : `${Math.floor(limit.bytes / 1024)} KB`;
	return new Response(`This request is too large: Beacon accepts at most ${megabytes} for ${limit.what}.\n`, {
		status: 413,
		headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }
	});
}
