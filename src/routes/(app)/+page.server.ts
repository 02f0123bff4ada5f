import { listOrganisationSummaries } from '$lib/server/organisations/service';
import { serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	organisations: await listOrganisationSummaries(serviceContext(locals))
});
