import { signOut } from '$lib/server/auth/config';
import { recordSignOut } from '$lib/server/users/service';
import { serviceContext } from '$lib/server/web/context';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		await recordSignOut(serviceContext(event.locals));
		return signOut(event);
	}
};
