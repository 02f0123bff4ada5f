import type { Handle } from '@sveltejs/kit';

/**
 * Refuse, before routing, a request whose address holds a NUL character (%00), in its path or its query:
 * no link Beacon makes contains one, PostgreSQL cannot store one, and every route parameter would
 * otherwise need its own check.
 */
export const refuseMalformedUrl: Handle = ({ event, resolve }) => {
	const address = event.url.pathname + event.url.search;
	if (address.includes('%00') || address.includes('\u0000'))
		return new Response('Bad request: the address contains a NUL character (%00).\n', {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	return resolve(event);
};
