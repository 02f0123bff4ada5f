import { describe, expect, it } from 'vitest';
import type { MonthlyRollupRow } from '../../src/lib/server/metrics/rollup-queries';
import { monthsBetween, ratio, toMonthlyTrends } from '../../src/lib/server/metrics/trend-series';

const EMPTY: MonthlyRollupRow = {
	month: '',
	training_required_staff: null,
	training_trained_staff: null,
	training_completing_staff: null,
	device_as_of: null,
	device_total: null,
	device_managed: null,
	device_compliant: null,
	device_encrypted: null,
	device_supported_os: null,
	device_stale: null,
	incidents_detected: null,
	incidents_ico_reportable: null,
	incidents_dhsc_reportable: null,
	incidents_notified_late: null,
	incident_cost_pence: null,
	spend_pence: null,
	spend_by_category: null,
	refreshed_at: new Date('2026-01-02T03:04:05Z')
};

describe('monthly trend series', () => {
	it('lists the months of a range across year ends, inclusive', () => {
		expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
		expect(monthsBetween('2025-03', '2025-03')).toEqual(['2025-03']);
		expect(monthsBetween('2025-03', '2025-02')).toBeNull();
		expect(monthsBetween('2023-04', '2026-03')).toHaveLength(36);
	});

	it('divides only known figures by a known, non-zero denominator', () => {
		expect(ratio(1, 4)).toBe(0.25);
		expect(ratio(0, 4)).toBe(0);
		expect(ratio(0, 0)).toBeNull();
		expect(ratio(null, 4)).toBeNull();
		expect(ratio(3, null)).toBeNull();
	});

	it('gives null for months without a row and for figures the rollup left null, and 0 where the data says 0', () => {
		const rows: MonthlyRollupRow[] = [
			{
				...EMPTY,
				month: '2025-01-01',
				training_required_staff: 4,
				training_trained_staff: 3,
				training_completing_staff: 0,
				incidents_detected: 0,
				incidents_ico_reportable: 0,
				incidents_dhsc_reportable: 0,
				incidents_notified_late: 0,
				incident_cost_pence: 0
			},
			{
				...EMPTY,
				month: '2025-03-01',
				device_as_of: '2025-03-31',
				device_total: 10,
				device_managed: 9,
				device_compliant: 8,
				device_encrypted: 10,
				device_supported_os: 7,
				device_stale: 0,
				spend_pence: 500,
				spend_by_category: { mdm: 300, training: 200 },
				refreshed_at: new Date('2026-01-01T00:00:00Z')
			}
		];
		const trends = toMonthlyTrends('RX1', ['2024-12', '2025-01', '2025-02', '2025-03'], rows);
		expect(trends).toMatchObject({
			org: 'RX1',
			from: '2024-12',
			to: '2025-03',
			months: ['2024-12', '2025-01', '2025-02', '2025-03'],
			refreshedAt: '2026-01-01T00:00:00.000Z'
		});
		expect(trends.training).toEqual({
			requiredStaff: [null, 4, null, null],
			trainedStaff: [null, 3, null, null],
			completingStaff: [null, 0, null, null],
			completionRate: [null, 0.75, null, null]
		});
		expect(trends.incidents.detected).toEqual([null, 0, null, null]);
		expect(trends.devices.compliantRate).toEqual([null, null, null, 0.8]);
		expect(trends.devices.asOf).toEqual([null, null, null, '2025-03-31']);
		expect(trends.devices.staleRate).toEqual([null, null, null, 0]);
		expect(trends.spend.totalPence).toEqual([null, null, null, 500]);
		expect(trends.spend.byCategory.mdm).toEqual([null, null, null, 300]);
		// A month with spend but none in this category spent 0 on it.
		expect(trends.spend.byCategory.monitoring).toEqual([null, null, null, 0]);
		expect(toMonthlyTrends('RX1', ['2025-01'], []).refreshedAt).toBeNull();
	});
});
