import type { Handle } from '@sveltejs/kit';
import { readAuthSettings } from '../auth/settings';
import { AUTH_ROUTE_CSP } from './closed-paths';

/** The cookie that carries an invitation token to the identity provider and back (see routes/invite). */
export const INVITE_COOKIE = 'beacon_invite';

/**
 * Headers every response carries, Auth.js's included (this hook runs outermost). The Content-Security-Policy
 * itself comes from SvelteKit (kit.csp, with nonces); here its form-action is widened to the configured
 * identity providers, because a single sign-on form post is redirected to them.
 */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = mutable(await resolve(event));
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
	if (event.url.protocol === 'https:') headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	// Auth.js answers its callbacks itself, past SvelteKit's cookie handling: clear a pending invitation here,
	// so it cannot bind a different identity that signs in later on the same browser.
	if (event.url.pathname.startsWith('/auth/callback/')) {
		headers.append('Set-Cookie', `${INVITE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${event.url.protocol === 'https:' ? '; Secure' : ''}`);
	}
	if (event.url.pathname.startsWith('/auth/') && !headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', AUTH_ROUTE_CSP);
	const csp = headers.get('Content-Security-Policy');
	const idps = identityProviderOrigins();
	if (csp && idps.length > 0) headers.set('Content-Security-Policy', csp.replace("form-action 'self'", `form-action 'self' ${idps.join(' ')}`));
	return response;
};

/** Auth.js answers some requests with Response.redirect(), whose headers cannot be changed: copy those. */
function mutable(response: Response): Response {
	try {
		response.headers.set('X-Content-Type-Options', 'nosniff');
		return response;
	} catch {
		return new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
	}
}

let origins: string[] | undefined;
function identityProviderOrigins(): string[] {
	origins ??= [...new Set(readAuthSettings().providers.map((p) => new URL(p.issuer).origin))];
	return origins;
}
