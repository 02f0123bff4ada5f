import { getOverviewPage } from '$lib/server/overview/page';
import { asOfParam } from '$lib/server/web/as-of';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => runLoad(() => getOverviewPage(serviceContext(locals), params.ods, asOfParam(url)));
