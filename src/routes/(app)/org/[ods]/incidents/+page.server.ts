import { getIncidentsPage } from '$lib/server/incidents/page';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { queryParams } from '$lib/server/web/query-params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = serviceContext(locals);
	const query = queryParams(url, ['asOf', 'category', 'breachType', 'reportable', 'month', 'page']);
	return runLoad(async () => ({ page: await getIncidentsPage(ctx, params.ods, query) }));
};
