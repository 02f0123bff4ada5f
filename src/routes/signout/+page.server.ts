import { signOut } from '$lib/server/auth/config';
import { recordSignOut } from '$lib/server/users/service';
import { serviceContext } from '$lib/server/web/context';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		await recordSignOut(serviceContext(event.locals));
		// Auth.js takes its redirect from the form and puts it in a header: give it Beacon's own, whatever was posted.
		const headers = new Headers(event.request.headers);
		headers.delete('content-length');
		headers.set('content-type', 'application/x-www-form-urlencoded');
		const request = new Request(event.request.url, { method: 'POST', headers, body: new URLSearchParams({ redirectTo: '/signin' }) });
		return signOut({ ...event, request });
	}
};
