import { getOverview } from '$lib/server/dashboard/overview';
import { getOrganisationSummary } from '$lib/server/organisations/service';
import { asOfParam } from '$lib/server/web/as-of';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const asOf = asOfParam(url);
	const ctx = serviceContext(locals);
	return runLoad(async () => {
		const [overview, organisation] = await Promise.all([getOverview(ctx, params.ods, asOf), getOrganisationSummary(ctx, params.ods)]);
		return { overview, organisation };
	});
};
