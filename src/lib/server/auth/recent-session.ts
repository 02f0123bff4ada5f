import { decode, type JWT } from '@auth/core/jwt';
import { LRUCache } from 'lru-cache';
import { sessionExpiry, type SessionLimits } from './session-limits';

/** Auth.js's session cookie: plain over http (local and tests), __Secure- over https. Its name is the token's salt. */
export const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'] as const;

/** A session is re-issued (its idle clock moved on) at most this often, and never less often than a quarter of the idle limit. */
const REISSUE_SECONDS = 60;

/** How long a session token may go without being re-issued under these limits. */
export function reissueAfterSeconds(limits: SessionLimits): number {
	return Math.min(REISSUE_SECONDS, Math.floor(limits.idleSeconds / 4));
}

/**
 * The signed-in user of a session token re-issued less than reissueAfterSeconds ago, read without asking
 * Auth.js to issue it again: Auth.js encrypts and sends a new cookie on every request, and that is most of a
 * page's server time. Null when the token is missing, unreadable, ended, or due to be re-issued; the caller
 * then asks Auth.js, which re-issues it (or ends it). The idle limit therefore counts from the last re-issue:
 * a session may end up to that much early, never late.
 */
export async function readRecentSession(
	readCookie: (name: string) => string | undefined,
	secret: string,
	limits: SessionLimits,
	nowSeconds: number
): Promise<{ uid: number; epoch: number } | null> {
	for (const name of SESSION_COOKIES) {
		const value = readCookie(name);
		if (!value) continue;
		const token = await decodeOnce(name, value, secret, nowSeconds);
		if (!token || typeof token.uid !== 'number' || typeof token.authTime !== 'number' || typeof token.lastSeen !== 'number') return null;
		if (sessionExpiry({ authTime: token.authTime, lastSeen: token.lastSeen }, nowSeconds, limits)) return null;
		if (nowSeconds - token.lastSeen >= reissueAfterSeconds(limits)) return null;
		return { uid: token.uid, epoch: typeof token.epoch === 'number' ? token.epoch : -1 };
	}
	return null;
}

/**
 * Tokens already decrypted, by cookie name, secret and token: the same token is sent with every request
 * until it is re-issued, and decrypting it (a key derivation and two WebCrypto calls) cost about a
 * millisecond of each page's server time. Only tokens that decrypted are kept; one whose expiry has passed
 * is never served from here.
 */
const decoded = new LRUCache<string, JWT>({ max: 2000 });

async function decodeOnce(name: string, value: string, secret: string, nowSeconds: number): Promise<JWT | null> {
	const key = `${name}\u0000${secret}\u0000${value}`;
	const kept = decoded.get(key);
	if (kept) return typeof kept.exp === 'number' && kept.exp <= nowSeconds ? null : kept;
	const token = await decode({ token: value, secret, salt: name }).catch(() => null);
	if (token) decoded.set(key, token);
	return token;
}
