import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { getDevicesPage } from '../../src/lib/server/devices/page';
import { ValidationError } from '../../src/lib/server/errors';
import { getMonthlyTrends } from '../../src/lib/server/metrics/trends';
import { getOverview } from '../../src/lib/server/overview/page';
import { gatherBoardPackData } from '../../src/lib/server/reports/board-data';
import { getPeoplePage } from '../../src/lib/server/training/page';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

/**
 * Issue 19, item 4: a trend read as of a date inside a month drew that month's end (a date not yet reached)
 * beside a headline as of the date, so the two disagreed. The month is now drawn "to date" with the
 * headline's own figures, on screen and in the board pack.
 */
const SYSTEM = systemActor('test');
const AS_OF = '2025-12-10';
let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: SYSTEM });

beforeAll(async () => {
	database = await openTestDatabase('demo');
}, 120_000);
afterAll(async () => {
	await database?.close();
});

const dataset = (spec: { config: { data: { labels?: unknown[]; datasets: { data: unknown[] }[] } } }, i = 0) => spec.config.data.datasets[i]!.data;

describe(`trends end at the as-of date, on the demo, on ${testBackend()}`, () => {
	it('draws a month not yet ended to the date, so its last point is the headline, on the pages and in the board pack', async () => {
		// The month's end (31 December) differs from 10 December in the demo: the test could fail.
		const monthEnd = await getMonthlyTrends(ctx(), 'ZB1', { from: '2025-01', to: '2025-12' });
		const people = await getPeoplePage(ctx(), 'ZB1', { asOf: AS_OF });
		expect(people.trend.toDate).toBe(AS_OF);
		expect(people.trend.months.at(-1)).toBe('2025-12');
		expect(people.trend.completionRate.at(-1)).toBe(people.training.completionRate.value);
		expect(monthEnd.training.completionRate.at(-1)).not.toBe(people.training.completionRate.value);

		const devices = await getDevicesPage(ctx(), 'ZB1', { asOf: AS_OF });
		expect(devices.trend.toDate).toBe(AS_OF);
		expect(devices.trend.compliant.at(-1)).toBe(devices.devices.compliant);
		expect(devices.trend.total.at(-1)).toBe(devices.devices.total);

		const overview = await getOverview(ctx(), 'ZB1', AS_OF);
		const byId = Object.fromEntries(overview.charts.map((c) => [c.id, c]));
		expect(dataset(byId.training!).at(-1)).toBe(overview.metrics.training.completionRate.value);
		expect(byId.training!.config.data.labels?.at(-1)).toBe('Dec 2025 (to 10 Dec)');
		expect(byId.training!.summary).toContain('in Dec 2025 (to 10 Dec)');
		// The spend chart's year so far ends at the headline's year to date.
		const thisYear = dataset(byId['spend-ytd']!).filter((v) => v !== null);
		expect(thisYear.at(-1)).toBe(overview.metrics.spend.totalPence);

		const pack = await gatherBoardPackData(ctx(), 'ZB1', { label: '2025-26', from: '2025-04-01', to: '2026-03-31', asOf: AS_OF });
		expect(pack.people.trend.toDate).toBe(AS_OF);
		expect(pack.people.trend.completionRate.at(-1)).toBe(pack.people.completionRate.value);
		expect(pack.devices.trend.compliant.at(-1)).toBe(devices.devices.compliant);
	});

	it('draws a month that has ended at its end, and refuses a trend that runs past the date', async () => {
		const people = await getPeoplePage(ctx(), 'ZB1', { asOf: '2025-11-30' });
		expect(people.trend.toDate).toBeNull();
		expect(people.trend.completionRate.at(-1)).toBe(people.training.completionRate.value);
		await expect(getMonthlyTrends(ctx(), 'ZB1', { from: '2025-01', to: '2025-12' }, '2025-11-30')).rejects.toBeInstanceOf(ValidationError);
	});
});
