import { getBenchmarkPage } from '$lib/server/benchmark/page';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { queryParams } from '$lib/server/web/query-params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = serviceContext(locals);
	return runLoad(async () => ({ page: await getBenchmarkPage(ctx, params.ods, queryParams(url, ['asOf', 'edition'])) }));
};
