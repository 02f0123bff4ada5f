import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** The spend dashboard's reads beyond the metrics: one year's ledger lines summed, and spend per investment. */

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
