import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceInput } from '../../src/lib/schemas/device';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { getDevicesPage } from '../../src/lib/server/devices/page';
import { createDeviceSnapshot } from '../../src/lib/server/devices/service';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { getOrganisationMetrics } from '../../src/lib/server/metrics/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const AS_OF = '2025-03-31';
let database: TestDatabase;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor });
const device = (n: number, extra: Partial<DeviceInput> = {}): DeviceInput => ({ deviceKey: `dd-${String(n).padStart(8, '0')}`, os: 'iOS', ...extra });
const NULLS = (n: number) => Array(n).fill(null);

beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(ctx(), { ods: 'DD1', name: 'Devices Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'DD2', name: 'Empty Trust', kind: 'trust' });
	await createDeviceSnapshot(ctx(), 'DD1', {
		asOf: '2024-11-30',
		source: 'intune',
		devices: [1, 2, 3, 4].map((n) => device(n, { compliance: 'compliant', isEncrypted: n < 4, isOsSupported: true, lastCheckInAt: '2024-11-29T10:00:00Z' }))
	});
	await createDeviceSnapshot(ctx(), 'DD1', {
		asOf: '2025-01-15',
		source: 'aggregate',
		counts: { total: 10, managed: 9, compliant: 7, encrypted: 8, supportedOs: 9 }
	});
	await createDeviceSnapshot(ctx(), 'DD1', {
		asOf: '2025-03-20',
		source: 'intune',
		devices: [
			device(1, {
				ownership: 'corporate',
				compliance: 'compliant',
				isEncrypted: true,
				isOsSupported: true,
				isJailbroken: false,
				lastCheckInAt: '2025-03-19T09:00:00Z'
			}),
			device(2, { ownership: 'corporate', compliance: 'compliant', isEncrypted: true, isOsSupported: true, lastCheckInAt: '2025-01-01T09:00:00Z' }), // stale: not compliant
			device(3, {
				ownership: 'personal',
				compliance: 'noncompliant',
				isManaged: false,
				isEncrypted: false,
				isOsSupported: false,
				isJailbroken: true,
				lastCheckInAt: '2025-03-18T09:00:00Z'
			}),
			device(4, { compliance: 'compliant', isEncrypted: true, isOsSupported: true, lastCheckInAt: '2025-03-10T09:00:00Z' })
		]
	});
	await createDeviceSnapshot(ctx(), 'DD1', {
		asOf: '2025-05-01',
		source: 'aggregate',
		counts: { total: 1, managed: 1, compliant: 1, encrypted: 1, supportedOs: 1 }
	});
});
afterAll(async () => {
	await database?.close();
});

describe(`the Devices page read model on ${testBackend()}`, () => {
	it('gives the latest snapshot on or before the date as the metrics service does, and the history up to the date', async () => {
		const p = await getDevicesPage(ctx(), 'dd1', { asOf: AS_OF });
		expect(p).toMatchObject({ org: 'DD1', name: 'Devices Trust', asOf: AS_OF });
		expect(p.devices).toEqual((await getOrganisationMetrics(ctx(), 'DD1', AS_OF)).devices);
		expect(p.devices).toMatchObject({
			snapshot: { asOf: '2025-03-20', source: 'intune', isAggregate: false },
			total: 4,
			managed: 3,
			compliant: 2,
			encrypted: 3,
			supportedOs: 3,
			stale: 1,
			jailbroken: 1
		});
		expect(p.devices.ownership).toEqual({
			corporate: { value: 0.5, numerator: 2, denominator: 4 },
			personal: { value: 0.25, numerator: 1, denominator: 4 },
			unknown: { value: 0.25, numerator: 1, denominator: 4 }
		});
		expect(p.history).toMatchObject({ count: 3, month: null, match: 'all' });
		expect(p.history.rows.map((s) => [s.asOf, s.source, s.total, s.compliant, s.stale])).toEqual([
			['2025-03-20', 'intune', 4, 2, 1],
			['2025-01-15', 'aggregate', 10, 7, null],
			['2024-11-30', 'intune', 4, 4, 0]
		]);
	});

	it('trends the 12 months ending at the as-of month, carrying each snapshot forward, null before the first', async () => {
		const { trend } = await getDevicesPage(ctx(), 'DD1', { asOf: AS_OF });
		expect(trend.months[0]).toBe('2024-04');
		expect(trend.months.at(-1)).toBe('2025-03');
		expect(trend.asOf).toEqual([...NULLS(7), '2024-11-30', '2024-11-30', '2025-01-15', '2025-01-15', '2025-03-20']);
		expect(trend.total).toEqual([...NULLS(7), 4, 4, 10, 10, 4]);
		expect(trend.compliant).toEqual([...NULLS(7), 4, 4, 7, 7, 2]);
		expect(trend.encrypted).toEqual([...NULLS(7), 3, 3, 8, 8, 3]);
		expect(trend.supportedOs).toEqual([...NULLS(7), 4, 4, 9, 9, 3]);
		expect(trend.stale).toEqual([...NULLS(7), 0, 0, null, null, 1]);
	});

	it('narrows the history to a month: its own snapshots, else the one carried into it, else none', async () => {
		const inMonth = (await getDevicesPage(ctx(), 'DD1', { asOf: AS_OF, month: '2025-01' })).history;
		expect(inMonth).toMatchObject({ count: 3, month: '2025-01', match: 'in-month' });
		expect(inMonth.rows.map((s) => s.asOf)).toEqual(['2025-01-15']);
		const carried = (await getDevicesPage(ctx(), 'DD1', { asOf: AS_OF, month: '2025-02' })).history;
		expect(carried).toMatchObject({ match: 'carried' });
		expect(carried.rows.map((s) => s.asOf)).toEqual(['2025-01-15']);
		expect((await getDevicesPage(ctx(), 'DD1', { asOf: AS_OF, month: '2024-06' })).history).toMatchObject({ match: 'none', rows: [] });
		// A snapshot after the as-of date is not in the history, even when its month is asked for.
		expect((await getDevicesPage(ctx(), 'DD1', { asOf: AS_OF, month: '2025-05' })).history).toMatchObject({ match: 'none', rows: [] });
		await expect(getDevicesPage(ctx(), 'DD1', { asOf: AS_OF, month: '2025-13' })).rejects.toBeInstanceOf(ValidationError);
	});

	it('has nothing to show for an organisation without snapshots: no snapshot, no rates, an empty history', async () => {
		const p = await getDevicesPage(ctx(), 'DD2', { asOf: AS_OF });
		expect(p.devices).toMatchObject({ snapshot: null, total: 0, compliantRate: { value: null }, staleRate: { value: null } });
		expect(p.history).toEqual({ count: 0, month: null, match: 'all', rows: [] });
		expect(p.trend.total).toEqual(NULLS(12));
		// Before DD1's first snapshot, DD1 is empty too.
		expect((await getDevicesPage(ctx(), 'DD1', { asOf: '2024-11-29' })).devices.snapshot).toBeNull();
	});

	it('rejects a bad date and an unknown organisation', async () => {
		await expect(getDevicesPage(ctx(), 'DD1', { asOf: '31/03/2025' })).rejects.toBeInstanceOf(ValidationError);
		await expect(getDevicesPage(ctx(), 'ZZ9', { asOf: AS_OF })).rejects.toBeInstanceOf(NotFoundError);
	});
});
