import { sql, type Insertable, type Kysely } from 'kysely';
import { bulkInsert } from '../db/bulk';
import type { DB, Investment, SpendLine } from '../db/schema';

export function insertInvestment(db: Kysely<DB>, row: Insertable<Investment>) {
	return db.insertInto('investment').values(row).returningAll().executeTakeFirstOrThrow();
}

export function selectInvestments(db: Kysely<DB>, organisationId: number) {
	return db.selectFrom('investment').selectAll().where('organisation_id', '=', organisationId).orderBy('go_live_on').orderBy('name').execute();
}

export function selectInvestmentIdsByName(db: Kysely<DB>, organisationId: number, names: string[]) {
	if (names.length === 0) return Promise.resolve([]);
	return db.selectFrom('investment').select(['id', 'name']).where('organisation_id', '=', organisationId).where('name', 'in', names).execute();
}

export function insertSpendLines(db: Kysely<DB>, rows: Insertable<SpendLine>[]) {
	return bulkInsert(db, 'spend_line', rows);
}

export interface SpendLineFilter {
	from?: string;
	to?: string;
	limit: number;
}

export function selectSpendLines(db: Kysely<DB>, organisationId: number, filter: SpendLineFilter) {
	let query = db
		.selectFrom('spend_line as s')
		.leftJoin('investment as i', 'i.id', 's.investment_id')
		.select([
			's.id',
			's.spent_on',
			's.category',
			's.expense_type',
			's.amount_pence',
			's.supplier',
			's.description',
			's.cost_centre',
			'i.name as investment_name'
		])
		.where('s.organisation_id', '=', organisationId);
	if (filter.from) query = query.where('s.spent_on', '>=', filter.from);
	if (filter.to) query = query.where('s.spent_on', '<=', filter.to);
	return query.orderBy('s.spent_on', 'desc').orderBy('s.id', 'desc').limit(filter.limit).execute();
}

/** The first and last dates of the lines one import batch brought. */
export async function batchSpendPeriod(db: Kysely<DB>, batchId: number): Promise<{ first: string; last: string }> {
	const { rows } = await sql<{ first: string | null; last: string | null }>`
		select to_char(min(spent_on), 'YYYY-MM-DD') as first, to_char(max(spent_on), 'YYYY-MM-DD') as last
		from spend_line where import_batch_id = ${batchId}`.execute(db);
	const period = rows[0];
	if (!period?.first || !period.last) throw new Error(`import batch ${batchId} brought no spend lines`);
	return { first: period.first, last: period.last };
}

/**
 * Remove an organisation's imported spend lines dated from..to (inclusive), except those of one batch
 * (the import replacing them); lines entered by hand have no batch and stay. Returns how many went.
 */
export async function deleteImportedSpendLinesBetween(db: Kysely<DB>, organisationId: number, from: string, to: string, keepBatchId: number): Promise<number> {
	const result = await db
		.deleteFrom('spend_line')
		.where('organisation_id', '=', organisationId)
		.where('import_batch_id', 'is not', null)
		.where('import_batch_id', '<>', keepBatchId)
		.where('spent_on', '>=', from)
		.where('spent_on', '<=', to)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
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

/** Record an organisation's IT budget for a year, replacing any earlier figure for it. */
export async function upsertItBudget(
	db: Kysely<DB>,
	budget: { organisationId: number; financialYear: number; budgetPence: number; setBy: number | null }
): Promise<void> {
	const values = { budget_pence: budget.budgetPence, set_by: budget.setBy };
	await db
		.insertInto('it_budget')
		.values({ organisation_id: budget.organisationId, financial_year: budget.financialYear, ...values })
		.onConflict((oc) => oc.constraint('it_budget_pk').doUpdateSet({ ...values, set_at: sql`now()` }))
		.execute();
}

// The spend page's reads beyond the metrics: one year's ledger lines summed, and spend per investment.

/** How many ledger lines are dated from..to (inclusive), and their sum in pence. */
export async function selectSpendLineSummary(db: Kysely<DB>, organisationId: number, from: string, to: string): Promise<{ lines: number; pence: number }> {
	const result = await sql<{ lines: number; pence: number | null }>`
		select count(*)::int as lines, sum(amount_pence) as pence
		from spend_line
		where organisation_id = ${organisationId} and spent_on >= ${from}::date and spent_on <= ${to}::date`.execute(db);
	const row = result.rows[0];
	return { lines: row?.lines ?? 0, pence: Number(row?.pence ?? 0) };
}

export interface InvestmentSpendRow {
	investment_id: number;
	/** Lines linked to the investment dated from..to (a financial year). */
	year_pence: number;
	/** Lines linked to it dated on or before `through`. */
	to_date_pence: number;
}

/** Ledger spend linked to each investment: in one financial year, and in all up to a date. */
export async function selectInvestmentSpend(db: Kysely<DB>, organisationId: number, from: string, to: string, through: string): Promise<InvestmentSpendRow[]> {
	const result = await sql<InvestmentSpendRow>`
		select investment_id,
			coalesce(sum(amount_pence) filter (where spent_on >= ${from}::date and spent_on <= ${to}::date), 0) as year_pence,
			coalesce(sum(amount_pence) filter (where spent_on <= ${through}::date), 0) as to_date_pence
		from spend_line
		where organisation_id = ${organisationId} and investment_id is not null
		group by investment_id`.execute(db);
	return result.rows.map((r) => ({ investment_id: Number(r.investment_id), year_pence: Number(r.year_pence), to_date_pence: Number(r.to_date_pence) }));
}
