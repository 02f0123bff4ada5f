import { getScorecardPage, scorecardPermissions } from '$lib/server/assessment/page';
import { narrowScorecardPage, parseScorecardView } from '$lib/server/assessment/scorecard-filter';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { queryParams } from '$lib/server/web/query-params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { asOf, show } = queryParams(url, ['asOf', 'show']);
	const ctx = serviceContext(locals);
	return runLoad(async () => {
		// Narrowed to what needs attention when asked (?show=attention|gaps|flags|overdue), checked first.
		const view = parseScorecardView(show);
		return {
			page: narrowScorecardPage(await getScorecardPage(ctx, params.ods, params.edition, asOf), view),
			permissions: await scorecardPermissions(ctx, params.ods)
		};
	});
};
