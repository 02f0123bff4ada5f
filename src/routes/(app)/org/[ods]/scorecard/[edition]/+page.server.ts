import { error } from '@sveltejs/kit';
import { isoDate } from '$lib/schemas/common';
import { getScorecardPage, scorecardPermissions } from '$lib/server/assessment/scorecard-page';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const asOf = url.searchParams.get('asOf') || undefined;
	if (asOf !== undefined && !isoDate.safeParse(asOf).success) error(400, 'The date to show the scorecard as of is written YYYY-MM-DD and must exist.');
	const ctx = serviceContext(locals);
	return runLoad(async () => ({ page: await getScorecardPage(ctx, params.ods, params.edition, asOf), permissions: await scorecardPermissions(ctx, params.ods) }));
};
