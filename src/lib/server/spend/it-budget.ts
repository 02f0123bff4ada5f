import { z } from 'zod';
import { recordAudit } from '../audit/service';
import { actorUserId } from '../auth/actor';
import { inTransaction, type ServiceContext } from '../context';
import { parseInput } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import * as q from './queries';

export const itBudgetInput = z.object({
	financialYear: z.number().int().min(2000).max(2100),
	budgetPence: z.number().int('whole pence').positive('an IT budget is more than £0').max(Number.MAX_SAFE_INTEGER)
});

/** Record (or correct) an organisation's whole IT budget for a financial year: what security spend is a share of. */
export async function setItBudget(ctx: ServiceContext, ods: string, input: z.input<typeof itBudgetInput>): Promise<void> {
	const value = parseInput(itBudgetInput, 'IT budget', input);
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const before = await q.findItBudget(tx.db, org.id, value.financialYear);
		await q.upsertItBudget(tx.db, { organisationId: org.id, financialYear: value.financialYear, budgetPence: value.budgetPence, setBy: actorUserId(tx.actor) });
		await recordAudit(tx, {
			action: 'organisation.it_budget',
			organisationId: org.id,
			entityType: 'organisation',
			entityId: org.id,
			summary: { financialYear: value.financialYear, before: before ?? null, after: value.budgetPence }
		});
	});
}
