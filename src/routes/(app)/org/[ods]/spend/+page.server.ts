import { error } from '@sveltejs/kit';
import { getSpendPage, spendQuery } from '$lib/server/spend/page';
import { asOfParam } from '$lib/server/web/as-of';
import { setItBudget } from '$lib/server/spend/service';
import { readPounds } from '$lib/server/web/money';
import { readForm, runAction, runLoad, serviceContext } from '$lib/server/web/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const asOf = asOfParam(url);
	const year = url.searchParams.get('year') || undefined;
	const query = spendQuery(asOf ?? new Date().toISOString().slice(0, 10)).safeParse({ year });
	if (!query.success) error(400, query.error.issues[0]?.message ?? 'The financial year is not one the page shows.');
	const ctx = serviceContext(locals);
	return runLoad(async () => ({ page: await getSpendPage(ctx, params.ods, { asOf, year }) }));
};

export const actions: Actions = {
	setBudget: async ({ locals, params, request }) => {
		const form = await readForm(request);
		return runAction(async () => {
			await setItBudget(serviceContext(locals), params.ods, {
				financialYear: Number(form.financialYear),
				budgetPence: readPounds('budgetPounds', form.budgetPounds)
			});
			return { saved: 'IT budget saved.' };
		});
	}
};
