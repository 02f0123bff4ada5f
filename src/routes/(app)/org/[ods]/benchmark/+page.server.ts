import { error } from '@sveltejs/kit';
import { getBenchmarkPage } from '$lib/server/benchmark/page';
import { EDITION_PATTERN } from '$lib/server/benchmark/public-status';
import { asOfParam } from '$lib/server/web/as-of';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const asOf = asOfParam(url) ?? new Date().toISOString().slice(0, 10);
	const edition = url.searchParams.get('edition') || undefined;
	if (edition !== undefined && !EDITION_PATTERN.test(edition)) error(400, 'An edition is written like 22/23.');
	const ctx = serviceContext(locals);
	return runLoad(async () => ({ page: await getBenchmarkPage(ctx, params.ods, { edition, asOf }) }));
};
