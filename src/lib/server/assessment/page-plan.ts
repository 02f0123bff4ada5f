import { requireOrganisation } from '../auth/organisation-access';
import type { ServiceContext } from '../context';
import { resolvePageDate } from '../freshness/page-date';
import { getImprovementPlan, type PlanPage } from './page';
import { listPlanVeracity, type VeracityLine } from './plan-veracity';

/**
 * The improvement plan page: the plan, and the outcomes whose claim the data or an assessor questions, as of
 * the address's date or, with none, the date every dashboard page opens at (freshness/page-date.ts).
 */
export async function getImprovementPlanPage(
	ctx: ServiceContext,
	ods: string,
	edition: string,
	asOf?: string
): Promise<PlanPage & { veracity: VeracityLine[]; opensAtDataEnd: string | null }> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const { asOf: date, opensAtDataEnd } = await resolvePageDate(ctx, org.id, 'improvement plan', asOf);
	const plan = await getImprovementPlan(ctx, ods, edition, date);
	return { ...plan, opensAtDataEnd, veracity: await listPlanVeracity(ctx, ods, edition, plan.asOf) };
}
