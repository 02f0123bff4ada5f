import { redirect } from '@sveltejs/kit';
import { ROLE_LABELS } from '$lib/schemas/user';
import { signOutEverywhere } from '$lib/server/users/service';
import { serviceContext } from '$lib/server/web/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.actor;
	if (actor?.kind !== 'user') return { roles: [] };
	return { roles: actor.grants.map((g) => (g.ods ? `${ROLE_LABELS[g.role]} for ${g.ods}` : ROLE_LABELS[g.role])) };
};

export const actions: Actions = {
	signOutEverywhere: async ({ locals }) => {
		const ctx = serviceContext(locals);
		if (ctx.actor.kind === 'user') await signOutEverywhere(ctx, ctx.actor.userId);
		redirect(303, '/signin?signedOut=everywhere');
	}
};
