import type { OrganisationKind } from '$lib/schemas/organisation';
import { createOrganisation, listOrganisations } from '$lib/server/organisations/service';
import { readForm, runAction, serviceContext } from '$lib/server/web/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	organisations: await listOrganisations(serviceContext(locals))
});

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const form = await readForm(request);
		return runAction(async () => {
			const org = await createOrganisation(serviceContext(locals), {
				ods: form.ods ?? '',
				name: form.name ?? '',
				kind: (form.kind ?? '') as OrganisationKind,
				parentOds: form.parentOds
			});
			return { created: `${org.ods} ${org.name}` };
		});
	}
};
