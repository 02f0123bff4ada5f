import type { Handle, RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import { randomBytes } from 'node:crypto';
import type { DB } from '../db/schema';
import { selectOverviewPageVersion } from '../overview/queries';
import { today } from '../as-of';

/**
 * Whole server-rendered pages kept and served again while nothing they show has changed: a board opening
 * the same overview again costs three small queries (who is asking, may they, has anything changed)
 * instead of building and rendering the page.
 *
 * A kept page is found by everything it is made from: the signed-in user as re-read on this request (their
 * name and grants), the address with its query, today's date (the default as-of date, and what is overdue),
 * and the page's data fingerprint, read before the page is built, so a page built from newer data than its
 * fingerprint is replaced at the next request, never the other way round. Only successful pages are kept,
 * only after the route's permission check has passed for this user.
 *
 * On a hit the page gets a fresh CSP nonce (a nonce is never sent twice) and the cookies this request
 * wrote (the re-issued session, whose expiry slides). Per process, like the overview
 * cache: each app server keeps its own, and the fingerprint keeps them all right.
 */

type Versioner = (db: Kysely<DB>, params: Partial<Record<string, string>>) => Promise<string | null>;

/** The pages that may be kept, by route, with the fingerprint of their data (null: build it every time). */
const CACHEABLE: Record<string, Versioner> = {
	'/(app)/org/[ods]': (db, params) => selectOverviewPageVersion(db, (params.ods ?? '').trim().toUpperCase())
};

interface KeptPage {
	status: number;
	headers: [string, string][];
	/**
	 * The body as UTF-8, cut where the nonce it was rendered with stood (`nonce="…"`): sent again with a
	 * fresh nonce between the pieces. Bytes, not a string: a string body is re-checked and re-encoded on
	 * every response, which cost more than the rest of serving a kept page.
	 */
	pieces: Buffer[];
	/** The nonce the page was rendered with, as its Content-Security-Policy names it. */
	nonce: string | null;
}

/** Kept pages, least recently used dropped first, up to this many bytes of page. */
const MAX_BYTES = 64 * 1024 * 1024;
const pages = new LRUCache<string, KeptPage>({
	maxSize: MAX_BYTES,
	sizeCalculation: (page) =>
		Math.max(
			1,
			page.pieces.reduce((sum, piece) => sum + piece.length, 0)
		)
});

export function clearPageCache(): void {
	pages.clear();
}

/**
 * Remember the cookies this request writes (Auth.js re-issuing the session, once a minute), so a kept
 * page sent instead of a rendered one still carries them. Runs before anything that writes cookies.
 */
export const rememberCookieWrites: Handle = ({ event, resolve }) => {
	const written: string[] = [];
	const { cookies } = event;
	const set = cookies.set.bind(cookies);
	const remove = cookies.delete.bind(cookies);
	cookies.set = (name, value, options) => {
		set(name, value, options);
		written.push(cookies.serialize(name, value, options));
	};
	cookies.delete = (name, options) => {
		remove(name, options);
		written.push(cookies.serialize(name, '', { ...options, maxAge: 0 }));
	};
	event.locals.cookieWrites = written;
	return resolve(event);
};

/** Serve a kept page when its fingerprint still matches; keep the page otherwise. Runs after authorization. */
export const pageCache: Handle = async ({ event, resolve }) => {
	// BEACON_PAGE_CACHE=off builds every page every time: to measure first views, or to rule the cache out.
	if (process.env.BEACON_PAGE_CACHE === 'off') return resolve(event);
	const key = await pageKey(event);
	if (key === null) return resolve(event);
	const kept = pages.get(key);
	if (kept) return serve(kept, event.locals.cookieWrites ?? []);
	const response = await resolve(event);
	if (response.status !== 200) return response;
	const type = response.headers.get('content-type') ?? '';
	if (!type.startsWith('text/html')) return response;
	const body = await response.text();
	const headers = [...response.headers].filter(([name]) => name !== 'set-cookie' && name !== 'content-length');
	const nonce = nonceOf(response.headers.get('content-security-policy'));
	const pieces = (nonce === null ? [body] : body.split(nonceAttribute(nonce))).map((piece) => Buffer.from(piece));
	pages.set(key, { status: response.status, headers, pieces, nonce });
	return new Response(body, { status: response.status, headers: response.headers });
};

/** The kept page's key for this request, or null when this request's page is not to be kept. */
async function pageKey(event: RequestEvent): Promise<string | null> {
	const versioner = event.route.id === null ? undefined : CACHEABLE[event.route.id];
	const actor = event.locals.actor;
	// Pages only: a client-side navigation's data request (`__data.json`) has the page's own address here.
	if (!versioner || event.request.method !== 'GET' || event.isDataRequest || actor?.kind !== 'user') return null;
	const version = await versioner(event.locals.db, event.params);
	if (version === null) return null;
	return JSON.stringify([actor.userId, actor.email, actor.name, actor.grants, event.url.pathname, event.url.search, today(), version]);
}

function serve(kept: KeptPage, cookieWrites: string[]): Response {
	const fresh = kept.nonce === null ? null : randomBytes(16).toString('base64');
	const headers = new Headers();
	for (const [name, value] of kept.headers) headers.append(name, fresh === null ? value : value.replaceAll(`'nonce-${kept.nonce}'`, `'nonce-${fresh}'`));
	for (const cookie of cookieWrites) headers.append('set-cookie', cookie);
	const between = Buffer.from(fresh === null ? '' : nonceAttribute(fresh));
	const body = Buffer.concat(kept.pieces.flatMap((piece, i) => (i === 0 ? [piece] : [between, piece])));
	return new Response(body, { status: kept.status, headers });
}

const nonceAttribute = (nonce: string) => `nonce="${nonce}"`;

/** The script nonce a Content-Security-Policy allows, if any. */
export function nonceOf(csp: string | null): string | null {
	return csp === null ? null : (/'nonce-([^']+)'/.exec(csp)?.[1] ?? null);
}
