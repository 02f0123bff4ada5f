import { error } from '@sveltejs/kit';
import { isoDate } from '$lib/schemas/common';
import { getPeoplePage } from '$lib/server/training/page';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const asOf = url.searchParams.get('asOf') || undefined;
	if (asOf !== undefined && !isoDate.safeParse(asOf).success) error(400, 'The date to show training as of is written YYYY-MM-DD and must exist.');
	const group = url.searchParams.get('group')?.trim() || undefined;
	if (group !== undefined && group.length > 200) error(400, 'A staff group name is at most 200 characters.');
	const ctx = serviceContext(locals);
	return runLoad(async () => ({ page: await getPeoplePage(ctx, params.ods, { asOf, group }) }));
};
