import { describe, expect, it } from 'vitest';
import { DEVICE_CHART_IDS, deviceCharts, monthlyRate, snapshotsForMonth } from '../../src/lib/charts/device-charts';

const rate = (numerator: number, denominator: number) => ({ value: denominator > 0 ? numerator / denominator : null, numerator, denominator });
const months = ['2025-04', '2025-05', '2025-06'];
const trend = { months, total: [null, 200, 0], compliant: [null, 150, 0], encrypted: [null, 180, 0], supportedOs: [null, 190, 0], stale: [null, 10, null] };

describe('device charts', () => {
	it('turns monthly counts into rates, null where a month has no snapshot, no devices or no count', () => {
		expect(monthlyRate([null, 150, 0, 5], [null, 200, 0, null])).toEqual([null, 0.75, null, null]);
	});

	it('draws compliance, encryption and supported OS rates together on 0–100 %, and the stale rate on its own fitted axis', () => {
		const [rates, stale] = deviceCharts({ trend, ownership: null });
		expect(rates!.id).toBe(DEVICE_CHART_IDS.rates);
		expect(rates!.config.max).toBe(1);
		expect(rates!.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
			['Compliant', [null, 0.75, null]],
			['Encrypted', [null, 0.9, null]],
			['Supported operating system', [null, 0.95, null]]
		]);
		expect(rates!.table.columns).toEqual(['Month', 'Compliant', 'Encrypted', 'Supported operating system']);
		expect(rates!.table.rows[1]).toEqual({ label: 'May 2025', cells: ['75.0 %', '90.0 %', '95.0 %'] });
		expect(rates!.table.rows[2]!.cells).toEqual(['no data', 'no data', 'no data']);
		expect(stale!.id).toBe(DEVICE_CHART_IDS.stale);
		expect(stale!.config.max).toBeUndefined();
		expect(stale!.config.data.datasets[0]!.data).toEqual([null, 0.05, null]);
		expect(stale!.summary).toContain('Stale 5.0 % in May 2025');
	});

	it('adds the ownership mix only when the snapshot gives it', () => {
		expect(deviceCharts({ trend, ownership: null })).toHaveLength(2);
		const charts = deviceCharts({ trend, ownership: { corporate: rate(150, 200), personal: rate(30, 200), unknown: rate(20, 200) } });
		const ownership = charts.find((c) => c.id === DEVICE_CHART_IDS.ownership)!;
		expect(ownership.config).toMatchObject({ type: 'bar', horizontal: true, max: 1 });
		expect(ownership.config.data.labels).toEqual(['Corporate', 'Personal', 'Unknown']);
		expect(ownership.config.data.datasets[0]!.data).toEqual([0.75, 0.15, 0.1]);
		expect(ownership.table.rows).toEqual([
			{ label: 'Corporate', cells: ['150', '75.0 %'] },
			{ label: 'Personal', cells: ['30', '15.0 %'] },
			{ label: 'Unknown', cells: ['20', '10.0 %'] }
		]);
	});
});

describe('the snapshots a month selects', () => {
	const snapshots = [{ asOf: '2025-06-30' }, { asOf: '2025-06-01' }, { asOf: '2025-04-15' }];

	it('is every snapshot with no month chosen', () => {
		expect(snapshotsForMonth(snapshots, null, null)).toEqual({ rows: snapshots, match: 'all' });
	});

	it('is the snapshots dated in the month', () => {
		expect(snapshotsForMonth(snapshots, '2025-06', '2025-06-30')).toEqual({ rows: [{ asOf: '2025-06-30' }, { asOf: '2025-06-01' }], match: 'in-month' });
	});

	it('is the snapshot carried forward into a month without one, or nothing for a month with no figures', () => {
		expect(snapshotsForMonth(snapshots, '2025-05', '2025-04-15')).toEqual({ rows: [{ asOf: '2025-04-15' }], match: 'carried' });
		expect(snapshotsForMonth(snapshots, '2025-03', null)).toEqual({ rows: [], match: 'none' });
		// A month string is matched as a whole month, not as a prefix of another ("2025-0" is not June).
		expect(snapshotsForMonth(snapshots, '2025-0', null).match).toBe('none');
	});
});
