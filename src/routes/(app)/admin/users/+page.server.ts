import type { Role } from '$lib/schemas/user';
import { inviteUser, listUsers } from '$lib/server/users/service';
import { readForm, runAction, serviceContext } from '$lib/server/web/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	users: await listUsers(serviceContext(locals))
});

export const actions: Actions = {
	invite: async ({ locals, request, url }) => {
		const form = await readForm(request);
		return runAction(async () => {
			const { user, token } = await inviteUser(serviceContext(locals), {
				email: form.email ?? '',
				name: form.name ?? '',
				grant: form.role ? { role: form.role as Role, ods: form.ods } : undefined
			});
			// Shown once: only the token's hash is stored.
			return { invited: user.email, link: `${url.origin}/invite/${token}` };
		});
	}
};
