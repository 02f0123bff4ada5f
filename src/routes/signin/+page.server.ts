import { fail, redirect } from '@sveltejs/kit';
import { signIn } from '$lib/server/auth/config';
import { readAuthSettings } from '$lib/server/auth/settings';
import { SIGN_IN_FAILED } from '$lib/server/auth/sign-in';
import { startSingleSignOn } from '$lib/server/web/single-sign-on';
import type { Actions, PageServerLoad } from './$types';

const MESSAGES: Record<string, string> = {
	CredentialsSignin: SIGN_IN_FAILED,
	AccessDenied: 'Beacon does not know this account. Ask your administrator for an invitation, then use the link in it.'
};

export const load: PageServerLoad = ({ url, locals }) => {
	const callbackUrl = safeCallback(url.searchParams.get('callbackUrl'), url.origin);
	if (locals.actor) redirect(303, callbackUrl);
	const settings = readAuthSettings();
	const code = url.searchParams.get('error');
	return {
		callbackUrl,
		localAccounts: settings.localAccounts,
		providers: settings.providers.map((p) => ({ id: p.id, name: p.name })),
		error: code ? (MESSAGES[code] ?? 'Sign-in did not complete. Please try again.') : null,
		invited: url.searchParams.get('invited') === '1',
		signedOutEverywhere: url.searchParams.get('signedOut') === 'everywhere'
	};
};

/**
 * Both forms go to Auth.js through its SvelteKit action. A refused password comes back as a thrown
 * CredentialsSignin error: it becomes the one message every failed sign-in gets.
 */
export const actions: Actions = {
	password: async (event) => {
		try {
			return await signIn(event);
		} catch (e) {
			if ((e as { type?: unknown } | null)?.type === 'CredentialsSignin') return fail(400, { message: SIGN_IN_FAILED });
			throw e;
		}
	},
	sso: startSingleSignOn
};

/** Only a page of this site may follow sign-in: whatever the browser would make of the value, never another site. */
function safeCallback(value: string | null, origin: string): string {
	if (!value) return '/';
	try {
		const target = new URL(value, origin);
		return target.origin === origin ? `${target.pathname}${target.search}${target.hash}` : '/';
	} catch {
		return '/';
	}
}
