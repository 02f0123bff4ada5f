import { getImprovementPlanPage } from '$lib/server/assessment/page-plan';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => runLoad(() => getImprovementPlanPage(serviceContext(locals), params.ods, params.edition));
