import { error } from '@sveltejs/kit';
import type { Role } from '$lib/schemas/user';
import { env } from '$env/dynamic/private';
import { renewInvitationByMail } from '$lib/server/users/invitation-mail';
import { getUser, grantRole, revokeRole, setUserActive, signOutEverywhere } from '$lib/server/users/service';
import { readForm, runAction, runLoad, serviceContext } from '$lib/server/web/context';
import type { Actions, PageServerLoad } from './$types';

function userId(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'No such user');
	return id;
}

export const load: PageServerLoad = async ({ locals, params }) => ({
	account: await runLoad(() => getUser(serviceContext(locals), userId(params.id)))
});

export const actions: Actions = {
	disable: ({ locals, params }) =>
		runAction(async () => ({
			done: await setUserActive(serviceContext(locals), userId(params.id), false).then(() => 'Account disabled; its sessions have ended.')
		})),
	enable: ({ locals, params }) =>
		runAction(async () => ({ done: await setUserActive(serviceContext(locals), userId(params.id), true).then(() => 'Account re-enabled.') })),
	signOutEverywhere: ({ locals, params }) =>
		runAction(async () => ({ done: await signOutEverywhere(serviceContext(locals), userId(params.id)).then(() => 'Every session of this user has ended.') })),
	renewInvitation: ({ locals, params, url }) =>
		runAction(async () => {
			const sent = await renewInvitationByMail(serviceContext(locals), userId(params.id), url.origin, env.BEACON_INSTANCE_NAME?.trim() || null);
			// Shown once: only the token's hash is stored.
			return { done: 'New invitation created; any earlier link no longer works.', link: sent.link, mailNote: sent.mailNote };
		}),
	grant: async ({ locals, params, request }) => {
		const form = await readForm(request);
		return runAction(async () => ({
			done: await grantRole(serviceContext(locals), userId(params.id), { role: (form.role ?? '') as Role, ods: form.ods }).then(() => 'Role granted.')
		}));
	},
	revoke: async ({ locals, params, request }) => {
		const form = await readForm(request);
		return runAction(async () => ({ done: await revokeRole(serviceContext(locals), userId(params.id), Number(form.grantId)).then(() => 'Role removed.') }));
	}
};
