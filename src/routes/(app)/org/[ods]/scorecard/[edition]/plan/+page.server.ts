import { getImprovementPlanPage } from '$lib/server/assessment/page-plan';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { queryParams } from '$lib/server/web/query-params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { asOf } = queryParams(url, ['asOf']);
	return runLoad(() => getImprovementPlanPage(serviceContext(locals), params.ods, params.edition, asOf));
};
