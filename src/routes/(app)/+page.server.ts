import { getHomePage } from '$lib/server/organisations/home';
import { serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => getHomePage(serviceContext(locals));
