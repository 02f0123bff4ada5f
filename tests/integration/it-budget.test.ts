import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { getSpendPage } from '../../src/lib/server/spend/page';
import { ForbiddenError, ValidationError } from '../../src/lib/server/errors';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { createSpendLines, setItBudget } from '../../src/lib/server/spend/service';
import { openTestDatabase, type TestDatabase } from './helpers/database';

let database: TestDatabase;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor });
const AS_OF = '2026-03-31';

beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(ctx(), { ods: 'IB1', name: 'Budget Trust', kind: 'trust' });
	await createSpendLines(ctx(), 'IB1', [
		{ spentOn: '2023-06-01', category: 'mdm', expenseType: 'opex', amountPence: 100_000 },
		{ spentOn: '2025-06-01', category: 'mdm', expenseType: 'opex', amountPence: 300_000 },
		{ spentOn: '2025-09-01', category: 'training', expenseType: 'opex', amountPence: 200_000 }
	]);
});
afterAll(async () => {
	await database?.close();
});

describe('the IT budget and spend growth on the spend page', () => {
	it('says no budget until one is entered, then gives security spend as a share of it', async () => {
		const before = await getSpendPage(ctx(), 'IB1', { asOf: AS_OF });
		expect(before.itBudget).toEqual({ financialYear: 2025, label: '2025-26', budgetPence: null, share: null });
		expect(before.growth).toEqual({ fromLabel: '2023-24', toLabel: '2025-26', years: 2, multiple: 5, samePeriod: null });
		await setItBudget(ctx(), 'IB1', { financialYear: 2025, budgetPence: 10_000_000 });
		await setItBudget(ctx(), 'IB1', { financialYear: 2025, budgetPence: 12_500_000 });
		const after = await getSpendPage(ctx(), 'IB1', { asOf: AS_OF });
		expect(after.itBudget).toEqual({ financialYear: 2025, label: '2025-26', budgetPence: 12_500_000, share: 0.04 });
		const audits = await database.db.selectFrom('audit_event').select('summary').where('action', '=', 'organisation.it_budget').orderBy('id').execute();
		expect(audits.map((a) => a.summary)).toEqual([
			{ financialYear: 2025, before: null, after: 10_000_000 },
			{ financialYear: 2025, before: 10_000_000, after: 12_500_000 }
		]);
	});

	it('lets only those who edit the organisation enter it, and refuses a budget of nothing', async () => {
		const org = await database.db.selectFrom('organisation').select('id').where('ods_code', '=', 'IB1').executeTakeFirstOrThrow();
		const board: Actor = {
			kind: 'user',
			userId: 999_999,
			email: 'b@example.nhs.uk',
			name: 'B',
			grants: [{ role: 'board', organisationId: org.id, ods: 'IB1' }]
		};
		await expect(setItBudget(ctx(board), 'IB1', { financialYear: 2025, budgetPence: 1 })).rejects.toThrow(ForbiddenError);
		expect((await getSpendPage(ctx(board), 'IB1', { asOf: AS_OF })).canEdit).toBe(false);
		await expect(setItBudget(ctx(), 'IB1', { financialYear: 2025, budgetPence: 0 })).rejects.toThrow(ValidationError);
		await expect(setItBudget(ctx(), 'IB1', { financialYear: 1990, budgetPence: 5 })).rejects.toThrow(ValidationError);
	});
});
