import { getAssurancePage } from '$lib/server/assurance/page';
import { asOfParam } from '$lib/server/web/as-of';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const asOf = asOfParam(url);
	const ctx = serviceContext(locals);
	return runLoad(async () => ({ page: await getAssurancePage(ctx, params.ods, asOf) }));
};
