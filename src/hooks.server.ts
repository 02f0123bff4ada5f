import { sequence } from '@sveltejs/kit/hooks';
import type { HandleServerError } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { authHandle } from '$lib/server/auth/config';
import { authenticate } from '$lib/server/web/authenticate';
import { authorize } from '$lib/server/web/authorize';
import { bodyLimits } from '$lib/server/web/body-limits';
import { compression } from '$lib/server/web/compression';
import { closeAuthJsSignOut } from '$lib/server/web/closed-paths';
import { refuseMalformedUrl } from '$lib/server/web/malformed-request';
import { pageCache, rememberCookieWrites } from '$lib/server/web/page-cache';
import { rateLimits } from '$lib/server/web/rate-limit';
import { securityHeaders } from '$lib/server/web/security-headers';

// Bodies are bounded before anything reads them (Auth.js reads its own posts), and floods refused before any work.
// Compression is outermost: it compresses the response exactly as every other hook left it.
export const handle = sequence(
	compression,
	securityHeaders,
	refuseMalformedUrl,
	rateLimits,
	bodyLimits,
	closeAuthJsSignOut,
	authHandle,
	rememberCookieWrites,
	authenticate,
	authorize,
	pageCache
);

/** Log the whole error with an id; show the user only the id, never internals. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const errorId = randomUUID();
	if (status >= 500) {
		console.error(`[beacon] error ${errorId} on ${event.request.method} ${event.url.pathname}:`, error);
	}
	return { message: status >= 500 ? 'Something went wrong on our side.' : message, errorId };
};
