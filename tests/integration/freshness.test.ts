import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { ValidationError } from '../../src/lib/server/errors';
import { getAssurancePage } from '../../src/lib/server/assurance/page';
import { getDevicesPage } from '../../src/lib/server/devices/page';
import { getFreshness, setCadences } from '../../src/lib/server/freshness/service';
import { getIncidentsPage } from '../../src/lib/server/incidents/page';
import { getSpendPage } from '../../src/lib/server/spend/page';
import { getPeoplePage } from '../../src/lib/server/training/page';
import { getOverviewPage } from '../../src/lib/server/overview/page';
import { gatherBoardPackData } from '../../src/lib/server/reports/board-data';
import { gatherRegulatorPackData } from '../../src/lib/server/reports/regulator-data';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

/** Issue 19, item 5 on the demo, whose data ends on 30 September 2026. */
const SYSTEM = systemActor('test');
const DEMO_END = '2026-09-30';
let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: SYSTEM });

beforeAll(async () => {
	database = await openTestDatabase('demo');
}, 120_000);
afterAll(async () => {
	await database?.close();
});

/** Each source's newest date on or before `asOf`, counted independently of the service. */
async function latestByHand(asOf: string) {
	const one = async (query: string) => (await sql<{ d: string | null }>`${sql.raw(query)}`.execute(database.db)).rows[0]!.d;
	const org = `(select id from organisation where ods_code = 'ZB1')`;
	return {
		devices: await one(`select max(as_of)::text as d from device_snapshot where organisation_id = ${org} and as_of > '-infinity' and as_of <= '${asOf}'`),
		training: await one(`select max(completed_on)::text as d from training_record where organisation_id = ${org} and completed_on <= '${asOf}'`),
		incidents: await one(
			`select to_char(max(detected_at) at time zone 'Europe/London', 'YYYY-MM-DD') as d from incident where organisation_id = ${org} and detected_at < ('${asOf}'::date + 1)::timestamp at time zone 'Europe/London'`
		),
		spend: await one(`select max(spent_on)::text as d from spend_line where organisation_id = ${org} and spent_on <= '${asOf}'`)
	};
}

describe(`how old each source's data is, on the demo, on ${testBackend()}`, () => {
	it('opens the demo overview at the end of its data when no date is asked, and says so', async () => {
		const page = await getOverviewPage(ctx(), 'ZB1');
		expect(page.opensAtDataEnd).toBe(DEMO_END);
		expect(page.overview.asOf).toBe(DEMO_END);
		expect((await getOverviewPage(ctx(), 'ZB1', '2026-06-30')).opensAtDataEnd).toBeNull();
	});

	it('gives each source its latest date on or before the date, and flags one older than its cadence', async () => {
		const atEnd = await getFreshness(ctx(), 'ZB1', DEMO_END);
		const hand = await latestByHand(DEMO_END);
		for (const source of ['devices', 'training', 'incidents', 'spend'] as const) {
			const s = atEnd.sources.find((x) => x.source === source)!;
			expect(s.latestOn, source).toBe(hand[source]);
			expect(s.stale, source).toBe((Date.parse(DEMO_END) - Date.parse(hand[source]!)) / 86_400_000 > s.cadenceDays!);
		}
		// Ten weeks after the data ends, the 35-day sources are out of date, and the overview opens with it.
		const later = await getOverviewPage(ctx(), 'ZB1', '2026-12-07');
		const devices = later.overview.freshness.sources.find((s) => s.source === 'devices')!;
		expect(devices).toMatchObject({ latestOn: hand.devices, stale: true, cadenceDays: 35 });
		expect(later.overview.freshness.anyStale).toBe(true);
		// Each page says how old its own source is, the same line as the overview's.
		const source = (name: string) => later.overview.freshness.sources.find((s) => s.source === name);
		expect((await getPeoplePage(ctx(), 'ZB1', { asOf: '2026-12-07' })).source).toEqual(source('training'));
		expect((await getDevicesPage(ctx(), 'ZB1', { asOf: '2026-12-07' })).source).toEqual(source('devices'));
		expect((await getIncidentsPage(ctx(), 'ZB1', { asOf: '2026-12-07' })).source).toEqual(source('incidents'));
		expect((await getSpendPage(ctx(), 'ZB1', { asOf: '2026-12-07' })).source).toEqual(source('spend'));
		expect((await getAssurancePage(ctx(), 'ZB1', '2026-12-07')).source).toEqual(source('assurance'));
		// As of a past date, nothing later counts: the latest snapshot is the one before it.
		const past = await getFreshness(ctx(), 'ZB1', '2025-12-31');
		expect(past.sources.find((s) => s.source === 'devices')!.latestOn).toBe((await latestByHand('2025-12-31')).devices);
	});

	it('takes the organisation’s own cadence, checked and audited, and the board pack carries the same table', async () => {
		await expect(setCadences(ctx(), 'ZB1', { devices: 0 })).rejects.toBeInstanceOf(ValidationError);
		await setCadences(ctx(), 'ZB1', { devices: 100 });
		const f = await getFreshness(ctx(), 'ZB1', '2026-12-07');
		expect(f.sources.find((s) => s.source === 'devices')).toMatchObject({ cadenceDays: 100, stale: false });
		expect(f.sources.find((s) => s.source === 'training')!.cadenceDays).toBe(35);
		const audit = await sql<{ n: number }>`select count(*)::int as n from audit_event where action = 'organisation.cadence'`.execute(database.db);
		expect(audit.rows[0]!.n).toBe(1);
		const overview = await getOverviewPage(ctx(), 'ZB1', '2026-12-07');
		expect(overview.overview.freshness).toEqual(f);
		const pack = await gatherBoardPackData(ctx(), 'ZB1', { label: '2026-27', from: '2026-04-01', to: '2027-03-31', asOf: '2026-12-07' });
		expect(pack.freshness).toEqual(f);
		const regulator = await gatherRegulatorPackData(ctx(), 'ZB1', { label: '2026-27', from: '2026-04-01', to: '2027-03-31', asOf: '2026-12-07' });
		expect(regulator.metrics.freshness).toEqual(f);
	});
});
