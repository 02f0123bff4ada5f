import type { Role } from '$lib/schemas/user';
import { env } from '$env/dynamic/private';
import { inviteUserByMail } from '$lib/server/users/invitation-mail';
import { listUsers } from '$lib/server/users/service';
import { readForm, runAction, serviceContext } from '$lib/server/web/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	users: await listUsers(serviceContext(locals))
});

export const actions: Actions = {
	invite: async ({ locals, request, url }) => {
		const form = await readForm(request);
		return runAction(async () => {
			const sent = await inviteUserByMail(
				serviceContext(locals),
				{ email: form.email ?? '', name: form.name ?? '', grant: form.role ? { role: form.role as Role, ods: form.ods } : undefined },
				url.origin,
				env.BEACON_INSTANCE_NAME?.trim() || null
			);
			// Shown once: only the token's hash is stored.
			return { invited: sent.email, link: sent.link, mailNote: sent.mailNote };
		});
	}
};
