import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { getImprovementPlanPage } from '../../src/lib/server/assessment/page-plan';
import { getScorecardPage } from '../../src/lib/server/assessment/page';
import { getAssurancePage } from '../../src/lib/server/assurance/page';
import { getBenchmarkPage } from '../../src/lib/server/benchmark/page';
import { today } from '../../src/lib/server/db/day';
import { getDevicesPage } from '../../src/lib/server/devices/page';
import { ValidationError } from '../../src/lib/server/errors';
import { resolvePageDate } from '../../src/lib/server/freshness/page-date';
import { setDataEndsOn } from '../../src/lib/server/freshness/service';
import { getIncidentsPage } from '../../src/lib/server/incidents/page';
import { getOverviewPage } from '../../src/lib/server/overview/page';
import { getInvestmentReturns } from '../../src/lib/server/roi/service';
import { DSPT_CAF_CODE } from '../../src/lib/server/scorecard/service';
import { getSpendPage } from '../../src/lib/server/spend/page';
import { getPeoplePage } from '../../src/lib/server/training/page';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

/**
 * Issue 19: "The demo, whose data ends on 30 September 2026, opens at that date by default, and says so" —
 * on every dashboard page, from one function (freshness/page-date.ts).
 */
const SYSTEM = systemActor('test');
const DEMO_END = '2026-09-30';
let database: TestDatabase;
let edition: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });

beforeAll(async () => {
	database = await openTestDatabase('demo');
	const row = await database.db
		.selectFrom('framework')
		.select('edition')
		.where('code', '=', DSPT_CAF_CODE)
		.orderBy('edition', 'desc')
		.executeTakeFirstOrThrow();
	edition = row.edition;
}, 120_000);
afterAll(async () => {
	await database?.close();
});

/** Each page's date and notice, with no date asked and with one. */
const PAGES: Record<string, (asOf?: string) => Promise<{ asOf: string; opensAtDataEnd: string | null }>> = {
	overview: async (asOf) => {
		const p = await getOverviewPage(ctx(), 'ZB1', asOf);
		return { asOf: p.overview.asOf, opensAtDataEnd: p.opensAtDataEnd };
	},
	scorecard: async (asOf) => {
		const p = await getScorecardPage(ctx(), 'ZB1', edition, asOf);
		return { asOf: p.scorecard.asOf, opensAtDataEnd: p.opensAtDataEnd };
	},
	plan: (asOf) => getImprovementPlanPage(ctx(), 'ZB1', edition, asOf),
	spend: (asOf) => getSpendPage(ctx(), 'ZB1', { asOf }),
	returns: (asOf) => getInvestmentReturns(ctx(), 'ZB1', asOf),
	people: (asOf) => getPeoplePage(ctx(), 'ZB1', { asOf }),
	devices: (asOf) => getDevicesPage(ctx(), 'ZB1', { asOf }),
	incidents: (asOf) => getIncidentsPage(ctx(), 'ZB1', { asOf }),
	benchmark: (asOf) => getBenchmarkPage(ctx(), 'ZB1', { asOf }),
	assurance: (asOf) => getAssurancePage(ctx(), 'ZB1', asOf)
};

describe(`every dashboard page opens at the demo's data end, on ${testBackend()}`, () => {
	it('opens each page at 30 September 2026 when no date is asked, and says so; a date asked is kept and says nothing', async () => {
		expect(today() > DEMO_END).toBe(true); // the test runs after the demo's data ends
		for (const [name, page] of Object.entries(PAGES)) {
			const opened = await page();
			expect({ asOf: opened.asOf, opensAtDataEnd: opened.opensAtDataEnd }, name).toEqual({ asOf: DEMO_END, opensAtDataEnd: DEMO_END });
			const asked = await page('2026-06-30');
			expect({ asOf: asked.asOf, opensAtDataEnd: asked.opensAtDataEnd }, name).toEqual({ asOf: '2026-06-30', opensAtDataEnd: null });
		}
	});

	it('opens at today when the organisation records no data end, or one not yet passed; refuses a date that does not exist', async () => {
		const org = await database.db.selectFrom('organisation').select('id').where('ods_code', '=', 'ZB1').executeTakeFirstOrThrow();
		expect(await resolvePageDate(ctx(), org.id, 'test page', undefined)).toEqual({ asOf: DEMO_END, opensAtDataEnd: DEMO_END });
		await expect(resolvePageDate(ctx(), org.id, 'test page', '2026-02-30')).rejects.toBeInstanceOf(ValidationError);
		await setDataEndsOn(ctx(), 'ZB1', '2999-12-31');
		expect(await resolvePageDate(ctx(), org.id, 'test page', undefined)).toEqual({ asOf: today(), opensAtDataEnd: null });
		await setDataEndsOn(ctx(), 'ZB1', null);
		for (const [name, page] of Object.entries(PAGES)) {
			const p = await page();
			expect({ asOf: p.asOf, opensAtDataEnd: p.opensAtDataEnd }, name).toEqual({ asOf: today(), opensAtDataEnd: null });
		}
		await setDataEndsOn(ctx(), 'ZB1', DEMO_END);
	});
});
