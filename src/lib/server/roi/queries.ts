import { sql, type Kysely } from 'kysely';
import type { IncidentCategory } from '../../schemas/incident';
import type { DB } from '../db/schema';
import { dayOf } from '../db/day';

/** The reads behind the return-on-investment figures. */

export interface InvestmentSpendYearRow {
	investment_id: number;
	/** The NHS financial year (named by the year it starts) the lines fall in. */
	financial_year: number;
	pence: number;
	first_on: string;
	last_on: string;
}

/** Ledger spend linked to each investment, by financial year, dated on or before `through`. */
export async function selectInvestmentSpendByYear(db: Kysely<DB>, organisationId: number, through: string): Promise<InvestmentSpendYearRow[]> {
	const result = await sql<InvestmentSpendYearRow>`
		select investment_id, extract(year from spent_on - interval '3 months')::int as financial_year, sum(amount_pence) as pence,
			to_char(min(spent_on), 'YYYY-MM-DD') as first_on, to_char(max(spent_on), 'YYYY-MM-DD') as last_on
		from spend_line
		where organisation_id = ${organisationId} and investment_id is not null and spent_on <= ${through}::date
		group by 1, 2
		order by 1, 2`.execute(db);
	return result.rows.map((r) => ({ ...r, investment_id: Number(r.investment_id), financial_year: Number(r.financial_year), pence: Number(r.pence) }));
}

/** Incidents of the given categories detected in [start, end). */
export function selectIncidentsInCategories(db: Kysely<DB>, organisationId: number, categories: readonly IncidentCategory[], start: Date, end: Date) {
	if (categories.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('incident')
		.select(['detected_at', 'category', 'cost_pence'])
		.where('organisation_id', '=', organisationId)
		.where('category', 'in', [...categories])
		.where('detected_at', '>=', start)
		.where('detected_at', '<', end)
		.execute();
}

/** The UTC day of the organisation's first recorded incident (any kind) detected before `end`: where its incident records begin. */
export async function selectFirstIncidentDay(db: Kysely<DB>, organisationId: number, end: Date): Promise<string | null> {
	const { rows } = await sql<{ day: string | null }>`
		select ${dayOf(sql`min(detected_at)`)}::text as day from incident where organisation_id = ${organisationId} and detected_at < ${end}`.execute(db);
	return rows[0]?.day ?? null;
}
