import { z } from 'zod';
import { investmentInput, spendLineInput, type InvestmentInput, type SpendLineInput } from '../../schemas/spend';
import { recordAudit } from '../audit/service';
import { actorUserId } from '../auth/actor';
import { inTransaction, type ServiceContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import { ConflictError, parseInput, ValidationError } from '../errors';
import { refreshMonthlyRollup } from '../metrics/rollup';
import { requireOrganisation } from '../auth/organisation-access';
import * as q from './queries';

export interface InvestmentView {
	id: number;
	name: string;
	category: string;
	goLiveOn: string | null;
	annualCostPence: number;
	targetedCategories: string[];
}

export async function createInvestment(ctx: ServiceContext, ods: string, input: InvestmentInput): Promise<InvestmentView> {
	const inv = parseInput(investmentInput, 'investment', input);
	try {
		return await inTransaction(ctx, async (tx) => {
			const org = await requireOrganisation(tx, ods, 'edit');
			const row = await q.insertInvestment(tx.db, {
				organisation_id: org.id,
				name: inv.name,
				description: inv.description ?? null,
				category: inv.category,
				go_live_on: inv.goLiveOn ?? null,
				annual_cost_pence: inv.annualCostPence,
				targeted_categories: inv.targetedCategories
			});
			const view = toInvestmentView(row);
			await recordAudit(tx, { action: 'investment.create', organisationId: org.id, entityType: 'investment', entityId: row.id, summary: { after: view } });
			return view;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new ConflictError(`${ods.toUpperCase()} already has an investment named "${inv.name}"`);
		throw error;
	}
}

/** Add ledger lines, all or none. A line may name an investment of the same organisation. */
export async function createSpendLines(ctx: ServiceContext, ods: string, inputs: SpendLineInput[]): Promise<number> {
	const lines = inputs.map((input, i) => parseInput(spendLineInput, `spend line ${i + 1}`, input));
	return inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const names = [...new Set(lines.flatMap((l) => (l.investmentName ? [l.investmentName] : [])))];
		const found = new Map((await q.selectInvestmentIdsByName(tx.db, org.id, names)).map((r) => [r.name, r.id]));
		const missing = names.filter((n) => !found.has(n));
		if (missing.length > 0) {
			throw new ValidationError(`unknown investment for ${org.ods_code}: ${missing.join(', ')}`, [
				{ field: 'investmentName', message: 'no investment with this name' }
			]);
		}
		await q.insertSpendLines(
			tx.db,
			lines.map((l) => ({
				organisation_id: org.id,
				spent_on: l.spentOn,
				category: l.category,
				expense_type: l.expenseType,
				amount_pence: l.amountPence,
				cost_centre: l.costCentre ?? null,
				supplier: l.supplier ?? null,
				description: l.description ?? null,
				funding_source: l.fundingSource ?? null,
				investment_id: l.investmentName ? (found.get(l.investmentName) ?? null) : null
			}))
		);
		await refreshMonthlyRollup(tx, org.id);
		await recordAudit(tx, {
			action: 'spend.create',
			organisationId: org.id,
			entityType: 'spend_line',
			summary: { lines: lines.length, pence: lines.reduce((sum, l) => sum + l.amountPence, 0) }
		});
		return lines.length;
	});
}

function toInvestmentView(row: Awaited<ReturnType<typeof q.selectInvestments>>[number]): InvestmentView {
	return {
		id: row.id,
		name: row.name,
		category: row.category,
		goLiveOn: row.go_live_on,
		annualCostPence: row.annual_cost_pence,
		targetedCategories: row.targeted_categories
	};
}

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
