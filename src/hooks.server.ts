import type { Handle, HandleServerError } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	return response;
};

export const handle: Handle = securityHeaders;

/** Log the whole error with an id; show the user only the id, never internals. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const errorId = randomUUID();
	if (status >= 500) {
		console.error(`[beacon] error ${errorId} on ${event.request.method} ${event.url.pathname}:`, error);
	}
	return { message: status >= 500 ? 'Something went wrong on our side.' : message, errorId };
};
