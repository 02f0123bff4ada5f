import { error } from '@sveltejs/kit';
import { getSpendPage, spendQuery } from '$lib/server/dashboard/spend';
import { asOfParam } from '$lib/server/web/as-of';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const asOf = asOfParam(url);
	const year = url.searchParams.get('year') || undefined;
	const query = spendQuery(asOf ?? new Date().toISOString().slice(0, 10)).safeParse({ year });
	if (!query.success) error(400, query.error.issues[0]?.message ?? 'The financial year is not one the page shows.');
	const ctx = serviceContext(locals);
	return runLoad(async () => ({ page: await getSpendPage(ctx, params.ods, { asOf, year }) }));
};
