import { getOrganisationSummary } from '$lib/server/organisations/service';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => ({
	organisation: await runLoad(() => getOrganisationSummary(serviceContext(locals), params.ods))
});
