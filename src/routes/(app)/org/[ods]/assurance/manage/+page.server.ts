import { ACCEPTED_EXTENSIONS } from '$lib/server/assessment/evidence-rules';
import { recordActivity, removeActivity } from '$lib/server/assurance/activities';
import { recordFinding, resolveFinding } from '$lib/server/assurance/findings';
import { approveMessagingApp, withdrawMessagingApp } from '$lib/server/assurance/messaging';
import { getAssuranceManagePage } from '$lib/server/assurance/page';
import { runAction, runLoad, serviceContext } from '$lib/server/web/context';
import { formatDate } from '$lib/format';
import type { ApprovedAppInput, FindingInput, FindingResolution } from '$lib/schemas/assurance';
import { idOf, keepValues, readActivityForm, stale, textFields } from './forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = serviceContext(locals);
	return runLoad(async () => ({ page: await getAssuranceManagePage(ctx, params.ods), accept: ACCEPTED_EXTENSIONS.join(',') }));
};

const RESOLVED: Record<string, string> = { open: 'reopened', remediated: 'marked remediated', risk_accepted: 'recorded as risk accepted' };

export const actions: Actions = {
	recordActivity: async ({ locals, params, request }) => {
		const { fields, input, phishing, report } = await readActivityForm(await request.formData());
		const result = await runAction(async () => {
			await recordActivity(serviceContext(locals), params.ods, input, { phishing, report });
			return {
				saved: `Activity “${fields.title}” recorded${phishing.length > 0 ? ` with ${phishing.length} phishing result ${phishing.length === 1 ? 'row' : 'rows'}` : ''}.`
			};
		});
		return keepValues('activity', fields, result);
	},
	removeActivity: async ({ locals, params, request }) => {
		const id = idOf(textFields(await request.formData()).id);
		if (id === null) return stale('activity');
		return runAction(async () => {
			await removeActivity(serviceContext(locals), params.ods, id);
			return { saved: 'Activity removed; its findings are kept.' };
		});
	},
	recordFinding: async ({ locals, params, request }) => {
		const fields = textFields(await request.formData());
		const result = await runAction(async () => {
			const { dueOn } = await recordFinding(serviceContext(locals), params.ods, fields as FindingInput);
			return { saved: `Finding ${fields.reference} recorded, due ${formatDate(dueOn)}.` };
		});
		return keepValues('finding', fields, result);
	},
	resolveFinding: async ({ locals, params, request }) => {
		const fields = textFields(await request.formData());
		const reference = fields.reference;
		if (!reference) return stale('finding');
		const result = await runAction(async () => {
			await resolveFinding(serviceContext(locals), params.ods, reference, fields as FindingResolution);
			return { saved: `Finding ${reference} ${RESOLVED[fields.status ?? ''] ?? 'updated'}.` };
		});
		return keepValues(`resolve:${reference}:${fields.status ?? ''}`, fields, result);
	},
	approveApp: async ({ locals, params, request }) => {
		const fields = textFields(await request.formData());
		const result = await runAction(async () => {
			await approveMessagingApp(serviceContext(locals), params.ods, fields as ApprovedAppInput);
			return { saved: `${fields.name} saved as an approved messaging app.` };
		});
		return keepValues(fields.id ? `app:${fields.id}` : 'app', fields, result);
	},
	withdrawApp: async ({ locals, params, request }) => {
		const id = idOf(textFields(await request.formData()).id);
		if (id === null) return stale('messaging app');
		return runAction(async () => {
			await withdrawMessagingApp(serviceContext(locals), params.ods, id);
			return { saved: 'Messaging app withdrawn from the approved list.' };
		});
	}
};
