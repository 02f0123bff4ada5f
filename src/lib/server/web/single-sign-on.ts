import { fail, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { signIn } from '../auth/config';

export const PROVIDER_FAILED =
	'The identity provider could not be reached, or did not answer as expected. Try again in a minute; if it keeps happening, tell your administrator.';

/**
 * Start single sign-on (the form names the provider): redirects to the identity provider. One that
 * cannot be reached or answers wrongly gets a plain message here and the details in the server log.
 */
export async function startSingleSignOn(event: RequestEvent) {
	try {
		return await signIn(event);
	} catch (e) {
		if (isRedirect(e)) throw e;
		console.error('[beacon] single sign-on could not start:', e);
		return fail(502, { message: PROVIDER_FAILED, problems: [] });
	}
}
