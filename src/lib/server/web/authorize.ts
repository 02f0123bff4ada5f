import { error, redirect, type Handle } from '@sveltejs/kit';
import { decide } from '../auth/authorize';
import { operationOf, ROUTE_PERMISSIONS } from '../auth/permissions';

/** The first of the two authorization checks: the route permission table, before any load or action runs. */
export const authorize: Handle = async ({ event, resolve }) => {
	const routeId = event.route.id;
	// No route matched: SvelteKit answers 404 (or Auth.js has already answered /auth/*).
	if (routeId === null) return resolve(event);
	const route = ROUTE_PERMISSIONS[routeId];
	if (!route) error(403, 'This page has no access rule yet, so nobody may open it.');
	const operation = operationOf(route, event.request.method, event.url);
	const rule = route.ops[operation];
	if (!rule) error(405, 'This page does not accept that request.');
	const decision = await decide({ db: event.locals.db, organisationRows: event.locals.organisationRows }, rule, event.locals.actor, event.params);
	if (decision === 'sign_in') {
		if (route.type === 'page' && operation === 'GET') {
			redirect(303, `/signin?callbackUrl=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		}
		error(401, 'Sign in to continue');
	}
	// These messages are the error page's heading (src/error.html: an error thrown in a hook is shown there).
	if (decision === 'forbidden') error(403, 'You do not have access to this page');
	if (decision === 'not_found') error(404, 'Page not found');
	return resolve(event);
};
