import { error } from '@sveltejs/kit';
import { getIncidentsPage, incidentQuery } from '$lib/server/incidents/page';
import { asOfParam } from '$lib/server/web/as-of';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const asOf = asOfParam(url);
	const param = (name: string) => url.searchParams.get(name) || undefined;
	const filters = { category: param('category'), breachType: param('breachType'), reportable: param('reportable'), month: param('month') };
	const query = incidentQuery(asOf ?? new Date().toISOString().slice(0, 10)).safeParse(filters);
	if (!query.success) error(400, `The incident filters are not valid: ${query.error.issues[0]?.message ?? 'unknown value'}.`);
	const ctx = serviceContext(locals);
	return runLoad(async () => ({ page: await getIncidentsPage(ctx, params.ods, { asOf, ...filters }) }));
};
