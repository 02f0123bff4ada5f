import type { Handle, RequestEvent } from '@sveltejs/kit';
import { LRUCache } from 'lru-cache';

/*
 * Posts anyone can make without signing in (checking a report at /verify, signing in) are limited per
 * client address, so one address cannot keep the server busy with them. Failed sign-ins have their own,
 * stricter throttle (auth/throttle.ts); this one counts every attempt. Generous, because many NHS staff
 * share one network address; per server process, which is enough to stop one client flooding one server.
 */

interface Rule {
	name: string;
	perMinute: number;
	matches(event: RequestEvent): boolean;
}

const RULES: Rule[] = [
	{ name: 'verify', perMinute: 30, matches: (event) => event.route.id === '/verify' },
	{ name: 'sign-in', perMinute: 120, matches: (event) => event.route.id === '/signin' || event.url.pathname.startsWith('/auth/') }
];

const WINDOW_MS = 60_000;
/** Addresses remembered at once: an attacker with more addresses than this only makes the limit forget. */
const ADDRESSES = 50_000;

const windows = new LRUCache<string, { startedAt: number; count: number }>({ max: ADDRESSES, ttl: WINDOW_MS });

export const rateLimits: Handle = async ({ event, resolve }) => {
	if (event.request.method !== 'POST') return resolve(event);
	const rule = RULES.find((r) => r.matches(event));
	if (!rule) return resolve(event);
	const key = `${rule.name} ${event.getClientAddress()}`;
	const now = Date.now();
	let window = windows.get(key);
	if (!window || now - window.startedAt >= WINDOW_MS) windows.set(key, (window = { startedAt: now, count: 0 }));
	window.count += 1;
	if (window.count <= rule.perMinute) return resolve(event);
	const retryAfter = Math.ceil((window.startedAt + WINDOW_MS - now) / 1000);
	return new Response(`Too many requests from your network address: try again in ${retryAfter} seconds.\n`, {
		status: 429,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(retryAfter) }
	});
};
