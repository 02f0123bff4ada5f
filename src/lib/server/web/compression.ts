import type { Handle } from '@sveltejs/kit';
import Negotiator from 'negotiator';
import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import zlib from 'node:zlib';

/*
 * Pages, JSON and CSV leave the server compressed when the browser accepts it: a dashboard page is about
 * 100 KB of HTML and a fifth of that compressed. Static files are not touched here: the build ships them
 * already compressed (.br, .gz) and adapter-node picks those. Each chunk is flushed as it is written, so a
 * page whose data streams in still arrives in pieces.
 */

/** What is worth compressing: text of any size that matters. Images, PDFs, zips and XLSX are compressed already. */
const COMPRESSIBLE = /^(text\/(html|csv|plain|css|javascript)|application\/(json|javascript|xml)|image\/svg\+xml)\b/i;
/** Below this a compressed body saves less than the headers it adds. */
const MIN_BYTES = 1024;
/** Brotli's quality 4 is about as fast as gzip's default and still smaller: right for pages made per request. */
const BROTLI_QUALITY = 4;

export type Encoding = 'br' | 'gzip';

/** The encoding to use for a request's Accept-Encoding (q-values respected; brotli preferred), or null. */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
	if (!acceptEncoding) return null;
	const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } });
	// negotiator 1.x breaks ties by the server's preference (`preferred`); @types/negotiator still describes 0.6.
	const encoding = negotiator.encoding.bind(negotiator) as (available: string[], options: { preferred: string[] }) => string | undefined;
	const chosen = encoding(['br', 'gzip', 'identity'], { preferred: ['br', 'gzip'] });
	return chosen === 'br' || chosen === 'gzip' ? chosen : null;
}

/** Whether a response may be compressed: compressible text, not already encoded, not marked no-transform, not tiny. */
export function isCompressible(method: string, response: Response): boolean {
	const { headers, status } = response;
	if (method === 'HEAD' || !response.body || status < 200 || status === 204 || status === 206 || status === 304) return false;
	if (headers.has('content-encoding') || /\bno-transform\b/i.test(headers.get('cache-control') ?? '')) return false;
	if (!COMPRESSIBLE.test(headers.get('content-type') ?? '')) return false;
	const length = headers.get('content-length');
	return length === null || Number(length) >= MIN_BYTES;
}

function encoder(encoding: Encoding): zlib.BrotliCompress | zlib.Gzip {
	return encoding === 'br'
		? zlib.createBrotliCompress({
				flush: zlib.constants.BROTLI_OPERATION_FLUSH,
				params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT }
			})
		: zlib.createGzip({ flush: zlib.constants.Z_SYNC_FLUSH });
}

/** The same response with its body compressed in `encoding`; the headers say so and that it varies. */
export function compressResponse(response: Response, encoding: Encoding): Response {
	const headers = new Headers(response.headers);
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	const vary = headers.get('vary');
	if (!vary || !/\b(accept-encoding|\*)\b/i.test(vary)) headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
	// A strong validator names exact bytes: the compressed body is different bytes.
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	// pipeline: a client that goes away (or a body that fails) stops both the encoder and the page's stream.
	const body = encoder(encoding);
	pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), body, () => undefined);
	return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status: response.status, statusText: response.statusText, headers });
}

export const compression: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const encoding = chooseEncoding(event.request.headers.get('accept-encoding'));
	if (!encoding || !isCompressible(event.request.method, response)) return response;
	return compressResponse(response, encoding);
};
