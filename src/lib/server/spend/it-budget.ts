import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/service';
import { actorUserId } from '../auth/actor';
import { inTransaction, type ServiceContext } from '../context';
import type { DB } from '../db/schema';
import { parseInput } from '../errors';
import { requireOrganisation } from '../organisations/service';

export const itBudgetInput = z.object({
	financialYear: z.number().int().min(2000).max(2100),
	budgetPence: z.number().int('whole pence').positive('an IT budget is more than £0').max(Number.MAX_SAFE_INTEGER)
});

/** Record (or correct) an organisation's whole IT budget for a financial year: what security spend is a share of. */
export async function setItBudget(ctx: ServiceContext, ods: string, input: z.input<typeof itBudgetInput>): Promise<void> {
	const value = parseInput(itBudgetInput, 'IT budget', input);
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const before = await findItBudget(tx.db, org.id, value.financialYear);
		await tx.db
			.insertInto('it_budget')
			.values({ organisation_id: org.id, financial_year: value.financialYear, budget_pence: value.budgetPence, set_by: actorUserId(tx.actor) })
			.onConflict((oc) => oc.constraint('it_budget_pk').doUpdateSet({ budget_pence: value.budgetPence, set_by: actorUserId(tx.actor), set_at: sql`now()` }))
			.execute();
		await recordAudit(tx, {
			action: 'organisation.it_budget',
			organisationId: org.id,
			entityType: 'organisation',
			entityId: org.id,
			summary: { financialYear: value.financialYear, before: before ?? null, after: value.budgetPence }
		});
	});
}

/** The budget in pence for one financial year, if one was entered. */
export async function findItBudget(db: Kysely<DB>, organisationId: number, financialYear: number): Promise<number | null> {
	const row = await db
		.selectFrom('it_budget')
		.select('budget_pence')
		.where('organisation_id', '=', organisationId)
		.where('financial_year', '=', financialYear)
		.executeTakeFirst();
	return row ? Number(row.budget_pence) : null;
}
