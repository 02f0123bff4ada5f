import { getScorecardPage, scorecardPermissions } from '$lib/server/assessment/page';
import { asOfParam } from '$lib/server/web/as-of';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const asOf = asOfParam(url);
	const ctx = serviceContext(locals);
	return runLoad(async () => ({
		page: await getScorecardPage(ctx, params.ods, params.edition, asOf),
		permissions: await scorecardPermissions(ctx, params.ods)
	}));
};
