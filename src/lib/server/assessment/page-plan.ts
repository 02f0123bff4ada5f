import type { ServiceContext } from '../context';
import { getImprovementPlan, type PlanPage } from './page';
import { listPlanVeracity, type VeracityLine } from './plan-veracity';

/** The improvement plan page: the plan, and the outcomes whose claim the data or an assessor questions. */
export async function getImprovementPlanPage(
	ctx: ServiceContext,
	ods: string,
	edition: string,
	asOf?: string
): Promise<PlanPage & { veracity: VeracityLine[] }> {
	const plan = await getImprovementPlan(ctx, ods, edition, asOf);
	return { ...plan, veracity: await listPlanVeracity(ctx, ods, edition, plan.asOf) };
}
