import { getSpendPage } from '$lib/server/spend/page';
import { setItBudget } from '$lib/server/spend/service';
import { readPounds } from '$lib/server/web/money';
import { readForm, runAction, runLoad, serviceContext } from '$lib/server/web/context';
import { queryParams } from '$lib/server/web/query-params';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const ctx = serviceContext(locals);
	return runLoad(async () => ({ page: await getSpendPage(ctx, params.ods, queryParams(url, ['asOf', 'year'])) }));
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
