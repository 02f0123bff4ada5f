import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { getOverview } from '../../src/lib/server/overview/page';
import { gatherBoardPackData } from '../../src/lib/server/reports/board-data';
import { getSpendPage } from '../../src/lib/server/spend/page';
import { openCliDatabase, type CliDatabase } from './helpers/cli-database';
import { testBackend } from './helpers/database';

/**
 * Issue 19, item 1 on the demo: Borchester's spend as of 30 September 2025 counted the whole of 2025-26,
 * lines of October 2025 to March 2026 included. Now every view counts the ledger up to the date, and says
 * "year to date"; an independent SQL sum is the reference.
 */
const SYSTEM = systemActor('test');
const AS_OF = '2025-09-30';
let cli: CliDatabase;
const ctx = () => ({ db: cli.db, actor: SYSTEM });

async function ledgerSum(from: string, to: string): Promise<number> {
	const { rows } = await sql<{ pence: number }>`
		select coalesce(sum(l.amount_pence), 0)::bigint as pence from spend_line l join organisation o on o.id = l.organisation_id
		where o.ods_code = 'ZB1' and l.spent_on between ${from}::date and ${to}::date`.execute(cli.db);
	return Number(rows[0]!.pence);
}

beforeAll(async () => {
	cli = await openCliDatabase('spend-as-of', 'demo');
}, 120_000);
afterAll(async () => {
	await cli?.close();
});

describe(`spend as of a date inside a year, on the demo, on ${testBackend()}`, () => {
	it('counts 1 April to the date in the CLI, the spend page, the overview and the board pack alike, labelled year to date', async () => {
		const toDate = await ledgerSum('2025-04-01', AS_OF);
		const wholeYear = await ledgerSum('2025-04-01', '2026-03-31');
		expect(wholeYear).toBeGreaterThan(toDate); // the demo has lines after the date: the test can fail

		const json = await cli.run(['metrics', '--org', 'ZB1', '--as-of', AS_OF, '--json']);
		expect(json.code, json.stderr).toBe(0);
		const m = JSON.parse(json.stdout);
		expect(m.spend).toMatchObject({ totalPence: toDate, period: { from: '2025-04-01', through: AS_OF, yearToDate: true, label: '2025-26 year to date' } });
		const text = await cli.run(['metrics', '--org', 'ZB1', '--as-of', AS_OF]);
		expect(text.stdout).toContain('Spend (2025-26 year to date, 2025-04-01 to 2025-09-30)');

		const page = await getSpendPage(ctx(), 'ZB1', { asOf: AS_OF });
		expect(page.metrics.totalPence).toBe(toDate);
		expect(page.years.at(-1)).toMatchObject({ label: '2025-26 year to date', totalPence: toDate });
		expect(page.lines.totalPence).toBe(toDate);
		// Growth against 2024-25 is on 1 April to 30 September 2024, not the whole year.
		const lastYearSameMonths = await ledgerSum('2024-04-01', '2024-09-30');
		expect(page.metrics.previousYears[0]).toMatchObject({
			samePeriodPence: lastYearSameMonths,
			comparedPence: lastYearSameMonths,
			totalPence: await ledgerSum('2024-04-01', '2025-03-31')
		});
		expect(page.metrics.previousYears[0]!.growth.value).toBeCloseTo((toDate - lastYearSameMonths) / lastYearSameMonths, 12);
		expect(page.growth?.samePeriod).toEqual({ from: '2025-04-01', through: AS_OF });

		const overview = await getOverview(ctx(), 'ZB1', AS_OF);
		expect(overview.metrics.spend).toMatchObject({ totalPence: toDate, period: { label: '2025-26 year to date' } });

		const pack = await gatherBoardPackData(ctx(), 'ZB1', { label: '2025-26', from: '2025-04-01', to: '2026-03-31', asOf: AS_OF });
		expect(pack.spend).toMatchObject({ financialYear: '2025-26 year to date', totalPence: toDate });
		expect(pack.spend.years.at(-1)).toMatchObject({ totalPence: toDate });
		expect(pack.spend.perStaffPence.value).toBe(page.metrics.perStaffPence.value);
	});
});
