import { fail, isActionFailure, redirect } from '@sveltejs/kit';
import { INVITE_COOKIE } from '$lib/server/auth/config';
import { readAuthSettings } from '$lib/server/auth/settings';
import { acceptInvitationWithPassword, getInvitation } from '$lib/server/auth/sign-in';
import { runAction } from '$lib/server/web/context';
import { startSingleSignOn } from '$lib/server/web/single-sign-on';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const invitation = await getInvitation({ db: locals.db }, params.token);
	const settings = readAuthSettings();
	return {
		invitation: invitation && { name: invitation.name, email: invitation.email, usable: invitation.usable },
		localAccounts: settings.localAccounts,
		providers: settings.providers.map((p) => ({ id: p.id, name: p.name }))
	};
};

export const actions: Actions = {
	password: async ({ params, request, locals }) => {
		if (!readAuthSettings().localAccounts) return fail(400, { message: 'Local accounts are switched off here; use single sign-on.', problems: [] });
		const form = await request.formData();
		const password = String(form.get('password') ?? '');
		if (password !== String(form.get('confirm') ?? '')) return fail(400, { message: 'The two passwords are not the same.', problems: [] });
		const result = await runAction(() => acceptInvitationWithPassword({ db: locals.db }, params.token, password));
		if (isActionFailure(result)) return result;
		redirect(303, '/signin?invited=1');
	},
	/** Remember the invitation in a short-lived cookie, then go to the provider; the callback binds the identity. */
	sso: async (event) => {
		event.cookies.set(INVITE_COOKIE, event.params.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			maxAge: 15 * 60
		});
		return startSingleSignOn(event);
	}
};
