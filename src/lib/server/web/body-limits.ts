import type { Handle, RequestEvent } from '@sveltejs/kit';
import { MAX_EVIDENCE_BYTES } from '../assessment/evidence-rules';
import { maxUploadBytes } from '../imports/upload';
import { MAX_VERIFY_BYTES } from '../reports/verify';

/*
 * Each request body may be as large as its purpose needs, and no larger (house rule 10): adapter-node's
 * BODY_SIZE_LIMIT is one limit for every route, and an upload's (a gigabyte) let an anonymous post to
 * /verify or /signin hold hundreds of megabytes while a form parser read it. This hook runs first, before
 * anything reads the body: a declared Content-Length over the route's limit is refused at once. A body
 * without one (chunked) is counted as it arrives and taken only up to a form's limit, 64 KB: browsers declare
 * the length of every file they post, and buffering several anonymous 20 MB bodies here would stall the
 * server as surely as the form parser did.
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
	if (request.method === 'GET' || request.method === 'HEAD') return resolve(event);
	const limit = limitFor(event.route.id, actionOf(event.url));
	const declared = request.headers.get('content-length');
	if (declared !== null && !(Number(declared) <= limit.bytes)) return refuse(request, tooLarge(limit));
	// With a declared length, the server itself stops a body that runs past it.
	if (!request.body || declared !== null || limit.streamed) return resolve(event);
	const body = await readUpTo(request.body, Math.min(limit.bytes, FORM_BYTES));
	if (!body) return refuse(request, limit.bytes > FORM_BYTES ? lengthRequired(limit) : tooLarge(limit));
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
		if (size > limit) {
			reader.releaseLock();
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks, size);
}

function replaceBody(event: RequestEvent, body: Uint8Array): void {
	const headers = new Headers(event.request.headers);
	headers.set('content-length', String(body.length));
	event.request = new Request(event.request.url, { method: event.request.method, headers, body: body as BodyInit, signal: event.request.signal });
}

/**
 * How much of a refused body is read and thrown away, so the client is reading when the connection closes.
 * More than loopback's socket buffers hold (several MB each way): a client that filled them before it read the
 * answer would otherwise meet a reset that discards the answer with its unread data. Nothing is kept.
 */
const DISCARD_BYTES = 24 * 1024 * 1024;
const DISCARD_MS = 3_000;

/**
 * Answer with the refusal, and read and discard a little more of the body before letting go of the
 * connection: ending it with unread data resets it, and a client still sending would lose the answer. A body
 * that ends within that is simply read, and the connection stays open for the next request.
 */
function refuse(request: Request, response: Response): Response {
	const body = request.body;
	if (body && !body.locked) {
		const reader = body.getReader();
		const stop = setTimeout(() => void reader.cancel().catch(() => undefined), DISCARD_MS);
		void (async () => {
			let discarded = 0;
			for (;;) {
				const next = await reader.read().catch(() => ({ done: true as const, value: undefined }));
				if (next.done) return clearTimeout(stop);
				discarded += next.value.length;
				if (discarded > DISCARD_BYTES) break;
			}
			clearTimeout(stop);
			await reader.cancel().catch(() => undefined);
		})();
	}
	return response;
}

function lengthRequired(limit: BodyLimit): Response {
	return new Response(`Send ${limit.what} with its length (Content-Length): Beacon takes a body without one only up to 64 KB.\n`, {
		status: 411,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
}

function tooLarge(limit: BodyLimit): Response {
	const megabytes = limit.bytes >= 1024 * 1024 ? `${Math.floor(limit.bytes / 1024 / 1024)} MB` : `${Math.floor(limit.bytes / 1024)} KB`;
	return new Response(`This request is too large: Beacon accepts at most ${megabytes} for ${limit.what}.\n`, {
		status: 413,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
}
