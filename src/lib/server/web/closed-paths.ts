import type { Handle } from '@sveltejs/kit';

/**
 * Auth.js's own sign-out (/auth/signout) clears the cookie but cannot end the session on the server (the
 * token is self-contained; Beacon ends it by raising the user's session epoch, in /signout), and its page
 * is Auth.js's HTML, outside Beacon's CSP. So it is closed: both its page and its form post lead to
 * Beacon's sign-out instead, changing nothing.
 */
export const closeAuthJsSignOut: Handle = ({ event, resolve }) => {
	if (event.url.pathname === '/auth/signout' || event.url.pathname.startsWith('/auth/signout/'))
		return new Response(null, { status: 303, headers: { location: '/signout' } });
	return resolve(event);
};

/** Auth.js answers its own routes past SvelteKit's CSP: none of them is a page that needs to load anything. */
export const AUTH_ROUTE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
