import { decode, encode } from '@auth/core/jwt';
import { describe, expect, it } from 'vitest';
import { readRecentSession, reissueAfterSeconds } from '../../src/lib/server/auth/recent-session';

const SECRET = 'a-test-secret-of-more-than-thirty-two-characters';
const limits = { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600 };
const NOW = 1_780_000_000;

/** A session cookie as Auth.js writes it: an encrypted token whose salt is the cookie's name. */
async function cookieJar(times: { authTime: number; lastSeen: number }, options: { name?: string; secret?: string; uid?: unknown } = {}) {
	const name = options.name ?? 'authjs.session-token';
	const token = await encode({
		token: { uid: options.uid ?? 7, epoch: 3, ...times },
		secret: options.secret ?? SECRET,
		salt: name,
		maxAge: limits.idleSeconds
	});
	return (wanted: string) => (wanted === name ? token : undefined);
}

describe('reading a recently re-issued session without re-issuing it', () => {
	it('reads a session re-issued less than a minute ago, from either cookie name', async () => {
		expect(await readRecentSession(await cookieJar({ authTime: NOW - 600, lastSeen: NOW - 59 }), SECRET, limits, NOW)).toEqual({ uid: 7, epoch: 3 });
		const secure = await cookieJar({ authTime: NOW - 600, lastSeen: NOW - 5 }, { name: '__Secure-authjs.session-token' });
		expect(await readRecentSession(secure, SECRET, limits, NOW)).toEqual({ uid: 7, epoch: 3 });
	});

	it('leaves a session due for re-issue, ended, forged or missing to Auth.js', async () => {
		// Due: a minute since it was issued.
		expect(await readRecentSession(await cookieJar({ authTime: NOW - 600, lastSeen: NOW - 60 }), SECRET, limits, NOW)).toBeNull();
		// Past the absolute limit, though seen a moment ago.
		expect(await readRecentSession(await cookieJar({ authTime: NOW - 12 * 3600 - 1, lastSeen: NOW - 1 }), SECRET, limits, NOW)).toBeNull();
		// Made with another secret, or carrying no user.
		expect(await readRecentSession(await cookieJar({ authTime: NOW - 10, lastSeen: NOW - 1 }, { secret: `${SECRET}-other` }), SECRET, limits, NOW)).toBeNull();
		expect(await readRecentSession(await cookieJar({ authTime: NOW - 10, lastSeen: NOW - 1 }, { uid: '7' }), SECRET, limits, NOW)).toBeNull();
		expect(await readRecentSession(() => 'not-a-token', SECRET, limits, NOW)).toBeNull();
		expect(await readRecentSession(() => undefined, SECRET, limits, NOW)).toBeNull();
	});

	it('re-issues at least four times per idle limit, so a short limit still slides with activity', () => {
		expect(reissueAfterSeconds(limits)).toBe(60);
		expect(reissueAfterSeconds({ idleSeconds: 120, absoluteSeconds: 3600 })).toBe(30);
	});

	it('a short idle limit: a session seen 31 s ago under a 2-minute limit is re-issued', async () => {
		const short = { idleSeconds: 120, absoluteSeconds: 3600 };
		const read = async (lastSeen: number) => readRecentSession(await cookieJar({ authTime: NOW - 100, lastSeen }), SECRET, short, NOW);
		expect(await read(NOW - 29)).toEqual({ uid: 7, epoch: 3 });
		expect(await read(NOW - 31)).toBeNull();
	});

	it('never serves a token it has already read once its expiry has passed', async () => {
		const name = 'authjs.session-token';
		// Seen half a minute before the token's expiry (an hour from now), so only the expiry can end it.
		const lastSeen = Math.floor(Date.now() / 1000) + 3600 - 30;
		const cookie = await encode({ token: { uid: 7, epoch: 3, authTime: lastSeen - 100, lastSeen }, secret: SECRET, salt: name, maxAge: 3600 });
		const { exp } = (await decode({ token: cookie, secret: SECRET, salt: name })) as { exp: number };
		const long = { idleSeconds: 10 * 86_400, absoluteSeconds: 10 * 86_400 };
		const read = (now: number) => readRecentSession((n) => (n === name ? cookie : undefined), SECRET, long, now);
		// Read (and kept) while valid, then read again from what was kept; after its expiry it is no session.
		expect(await read(lastSeen + 10)).toEqual({ uid: 7, epoch: 3 });
		expect(await read(lastSeen + 10)).toEqual({ uid: 7, epoch: 3 });
		expect(await read(exp)).toBeNull();
	});
});
