import { setCadencesFromForm } from '$lib/server/freshness/service';
import { getOrganisationSettingsPage } from '$lib/server/freshness/settings-page';
import { readForm, runAction, runLoad, serviceContext } from '$lib/server/web/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) =>
	runLoad(async () => ({ page: await getOrganisationSettingsPage(serviceContext(locals), params.ods) }));

export const actions: Actions = {
	setCadences: async ({ locals, params, request }) => {
		const form = await readForm(request);
		return runAction(async () => {
			await setCadencesFromForm(serviceContext(locals), params.ods, form);
			return { saved: 'Expected data cadences saved.' };
		});
	}
};
