import { redirect } from '@sveltejs/kit';
import { getHomePage } from '$lib/server/organisations/home';
import { serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const home = await getHomePage(serviceContext(locals));
	// One organisation and nothing shared: its overview is the home page, not a one-row list.
	if (home.landOn) redirect(303, home.landOn);
	return home;
};
