import { whatIfQuery } from '$lib/schemas/roi';
import {
	DEFAULT_SLE_BY_INCIDENT_CATEGORY,
	MITIGATION_BY_INVESTMENT_CATEGORY,
	MIN_COSTED_INCIDENTS_FOR_SLE,
	MIN_AFTER_WINDOW_MONTHS,
	MIN_INCIDENTS_FOR_COMPARISON,
	OBSERVED_WINDOW_MONTHS
} from '$lib/server/roi/assumptions';
import { getInvestmentReturns } from '$lib/server/roi/service';
import { runLoad, serviceContext } from '$lib/server/web/context';
import { queryParams } from '$lib/server/web/query-params';
import type { PageServerLoad } from './$types';

const WHAT_IF_FIELDS = ['sle', 'aro', 'mitigation', 'cost'] as const;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { asOf } = queryParams(url, ['asOf']);
	const investment = url.searchParams.get('investment') || null;
	// What the reader typed, shown back in the form; a value that breaks a rule is named beside its field
	// and the defaults stand in for the whole form (no half-applied what-if).
	const typed = Object.fromEntries(WHAT_IF_FIELDS.map((f) => [f, url.searchParams.get(f) ?? ''])) as Record<(typeof WHAT_IF_FIELDS)[number], string>;
	const parsed = investment ? whatIfQuery.safeParse({ investment, ...typed }) : null;
	const problems = parsed && !parsed.success ? Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) : {};
	const ctx = serviceContext(locals);
	return runLoad(async () => ({
		returns: await getInvestmentReturns(ctx, params.ods, asOf, parsed?.success ? parsed.data : undefined),
		whatIf: { investment, typed, problems: problems as Record<string, string> },
		assumptions: {
			mitigation: Object.entries(MITIGATION_BY_INVESTMENT_CATEGORY).map(([category, a]) => ({ category, ...a })),
			sle: Object.entries(DEFAULT_SLE_BY_INCIDENT_CATEGORY).map(([category, a]) => ({ category, ...a })),
			minCostedIncidents: MIN_COSTED_INCIDENTS_FOR_SLE,
			windowMonths: OBSERVED_WINDOW_MONTHS,
			minIncidents: MIN_INCIDENTS_FOR_COMPARISON,
			minAfterMonths: MIN_AFTER_WINDOW_MONTHS
		}
	}));
};
