import { listScorecardEditions } from '$lib/server/assessment/page';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => runLoad(() => listScorecardEditions(serviceContext(locals), params.ods));
