import { reopenAssessment, submitAssessment } from '$lib/server/assessment/submission';
import { getReportsPage } from '$lib/server/reports/page';
import { generateReportAndNotify, shareReportAndNotify } from '$lib/server/reports/notify';
import { signOffReport } from '$lib/server/reports/service';
import { readForm, runAction, runLoad, serviceContext } from '$lib/server/web/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => runLoad(() => getReportsPage(serviceContext(locals), params.ods));

export const actions: Actions = {
	generate: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		return runAction(async () => {
			// A board pack's cover sheet and commentary, entered on the same form (a regulator pack has none).
			const coverSheet =
				form.kind === 'board'
					? {
							meeting: form.meeting,
							purpose: (form.purpose ?? '') as 'assurance',
							recommendation: form.recommendation ?? '',
							executiveLead: form.executiveLead ?? '',
							author: form.author ?? '',
							bafRisk: form.bafRisk,
							commentary: form.commentary
						}
					: null;
			const report = await generateReportAndNotify(serviceContext(locals), params.ods, form.kind ?? '', form.period ?? '', url.origin, { coverSheet });
			return { generated: { reportId: report.reportId, kind: report.kind, period: report.period, pages: report.pages }, mailNote: report.mailNote };
		});
	},
	signOff: async ({ locals, params, request }) => {
		const form = await readForm(request);
		return runAction(async () => {
			await signOffReport(serviceContext(locals), params.ods, form.reportId ?? '', {
				name: form.name ?? '',
				role: form.role ?? '',
				on: form.on ?? '',
				comment: form.comment
			});
			return { saved: 'Sign-off recorded.' };
		});
	},
	share: async ({ locals, params, request, url }) => {
		const form = await readForm(request);
		return runAction(async () => {
			const shared = await shareReportAndNotify(serviceContext(locals), params.ods, form.reportId ?? '', form.email ?? '', url.origin);
			return {
				saved: `Shared with ${shared.sharedWith}. ${shared.mailNote ?? 'Let them know: it is on their Beacon home page, under "Packs shared with you".'}`
			};
		});
	},
	submit: async ({ locals, params, request }) => {
		const form = await readForm(request);
		return runAction(async () => {
			const state = await submitAssessment(serviceContext(locals), params.ods, form.edition ?? '');
			return { saved: `The DSPT ${state.edition} assessment is submitted: its self-assessment and evidence no longer change.` };
		});
	},
	reopen: async ({ locals, params, request }) => {
		const form = await readForm(request);
		return runAction(async () => {
			const state = await reopenAssessment(serviceContext(locals), params.ods, form.edition ?? '', form.reason ?? '');
			return { saved: `The DSPT ${state.edition} assessment is reopened as a draft.` };
		});
	}
};
