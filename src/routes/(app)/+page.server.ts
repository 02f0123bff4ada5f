import { getDatabase } from '$lib/server/db';
import { listOrganisationSummaries } from '$lib/server/organisations/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = await getDatabase();
	return { organisations: await listOrganisationSummaries({ db }) };
};
