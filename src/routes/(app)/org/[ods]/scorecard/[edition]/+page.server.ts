import { getScorecardPage, scorecardPermissions } from '$lib/server/assessment/page';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { queryParams } from '$lib/server/web/query-params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { asOf } = queryParams(url, ['asOf']);
	const ctx = serviceContext(locals);
	return runLoad(async () => ({
		page: await getScorecardPage(ctx, params.ods, params.edition, asOf),
		permissions: await scorecardPermissions(ctx, params.ods)
	}));
};
