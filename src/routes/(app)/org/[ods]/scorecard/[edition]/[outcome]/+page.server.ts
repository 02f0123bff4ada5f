import { fail } from '@sveltejs/kit';
import { createAction, updateAction } from '$lib/server/assessment/actions';
import { addEvidence, removeEvidence } from '$lib/server/assessment/evidence';
import { ACCEPTED_EXTENSIONS } from '$lib/server/assessment/evidence-rules';
import { recordFinding } from '$lib/server/assessment/findings';
import { getOutcomePage } from '$lib/server/assessment/page-outcome';
import { scorecardPermissions } from '$lib/server/assessment/page';
import { saveSelfAssessment } from '$lib/server/assessment/self-assessment';
import { readForm, runAction, runLoad, serviceContext } from '$lib/server/web/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = serviceContext(locals);
	return runLoad(async () => ({
		page: await getOutcomePage(ctx, params.ods, params.edition, params.outcome),
		permissions: await scorecardPermissions(ctx, params.ods),
		accept: ACCEPTED_EXTENSIONS.join(',')
	}));
};

/** A numbered record named by a hidden field; anything else is a stale or altered form. */
function idOf(value: string | undefined): number | null {
	return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

const badId = (what: string) => fail(400, { message: `This ${what} is not known: reload the page and try again.`, problems: [] });

export const actions: Actions = {
	assess: async ({ locals, params, request }) => {
		const form = await readForm(request);
		return runAction(async () => {
			await saveSelfAssessment(serviceContext(locals), params.ods, params.edition, params.outcome, form);
			return { saved: 'Self-assessment saved.' };
		});
	},
	evidence: async ({ locals, params, request }) => {
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.name === '')
			return fail(400, { message: 'Choose a file to upload.', problems: [{ field: 'file', message: 'Choose a file to upload' }] });
		const bytes = new Uint8Array(await file.arrayBuffer());
		return runAction(async () => {
			await addEvidence(serviceContext(locals), params.ods, params.edition, params.outcome, { name: file.name, bytes });
			return { saved: `${file.name} uploaded.` };
		});
	},
	removeEvidence: async ({ locals, params, request }) => {
		const id = idOf((await readForm(request)).id);
		if (id === null) return badId('evidence file');
		return runAction(async () => {
			await removeEvidence(serviceContext(locals), params.ods, id);
			return { saved: 'Evidence file removed.' };
		});
	},
	addAction: async ({ locals, params, request }) => {
		const form = await readForm(request);
		return runAction(async () => {
			await createAction(serviceContext(locals), params.ods, params.edition, params.outcome, { ...form, title: form.title ?? '' });
			return { saved: 'Improvement action added.' };
		});
	},
	updateAction: async ({ locals, params, request }) => {
		const form = await readForm(request);
		const id = idOf(form.id);
		if (id === null) return badId('improvement action');
		return runAction(async () => {
			await updateAction(serviceContext(locals), params.ods, id, { ...form, title: form.title ?? '' });
			return { saved: 'Improvement action updated.' };
		});
	},
	finding: async ({ locals, params, request }) => {
		const form = await readForm(request);
		return runAction(async () => {
			await recordFinding(serviceContext(locals), params.ods, params.edition, params.outcome, { verdict: form.verdict as never, note: form.note ?? '' });
			return { saved: 'Finding recorded.' };
		});
	}
};
