import { getOverviewPage } from '$lib/server/overview/page';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { queryParams } from '$lib/server/web/query-params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) =>
	runLoad(() => getOverviewPage(serviceContext(locals), params.ods, queryParams(url, ['asOf']).asOf));
