import { getOrganisationFrame } from '$lib/server/organisations/page';
import { runLoad, serviceContext } from '$lib/server/web/context';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params }) => ({ frame: await runLoad(() => getOrganisationFrame(serviceContext(locals), params.ods)) });
