import { findSwitchableOrganisations } from '$lib/server/organisations/page';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { queryParams } from '$lib/server/web/query-params';
import type { PageServerLoad } from './$types';

/** The organisation switcher's full list, for users with many organisations: `q` narrows it, `page` is the section to keep. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { q = '', page = '' } = queryParams(url, ['q', 'page']);
	const query = q.slice(0, 100);
	return runLoad(async () => ({ query, section: page.slice(0, 100), ...(await findSwitchableOrganisations(serviceContext(locals), query)) }));
};
