import { getDevicesPage } from '$lib/server/devices/page';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { queryParams } from '$lib/server/web/query-params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = serviceContext(locals);
	return runLoad(async () => ({ page: await getDevicesPage(ctx, params.ods, queryParams(url, ['asOf', 'month'])) }));
};
