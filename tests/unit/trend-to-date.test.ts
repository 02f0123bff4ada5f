import { describe, expect, it } from 'vitest';
import { trendChart, trendMonthLabel } from '../../src/lib/charts/trend-chart';
import type { MonthlyRollupRow, MonthToDateRow } from '../../src/lib/server/metrics/rollup-queries';
import { toDateRow } from '../../src/lib/server/metrics/trends';

const toDate: MonthToDateRow = {
	training_required_staff: 10,
	training_trained_staff: 9,
	training_completing_staff: 1,
	device_as_of: '2025-12-01',
	device_total: 5,
	device_managed: 5,
	device_compliant: 4,
	device_encrypted: 5,
	device_supported_os: 5,
	device_stale: 0,
	incidents_detected: 0,
	incidents_ico_reportable: 0,
	incidents_dhsc_reportable: 0,
	incidents_notified_late: 0,
	incident_cost_pence: 0,
	spend_pence: 0,
	spend_by_category: {}
};

describe('a month drawn to a date', () => {
	it('labels only the month the date is in', () => {
		expect(trendMonthLabel('2025-12', '2025-12-10')).toBe('Dec 2025 (to 10 Dec)');
		expect(trendMonthLabel('2025-11', '2025-12-10')).toBe('Nov 2025');
		expect(trendMonthLabel('2025-12', null)).toBe('Dec 2025');
		const spec = trendChart({
			id: 't',
			title: 'T',
			months: ['2025-11', '2025-12'],
			series: [{ label: 'Rate', values: [0.5, 0.9] }],
			unit: 'rate',
			toDate: '2025-12-10'
		});
		expect(spec.config.data.labels).toEqual(['Nov 2025', 'Dec 2025 (to 10 Dec)']);
		expect(spec.summary).toContain('Rate 90.0 % in Dec 2025 (to 10 Dec)');
		expect(spec.table.rows.map((r) => r.label)).toEqual(['Nov 2025', 'Dec 2025 (to 10 Dec)']);
	});

	it('takes the figures to the date, keeping no-data months null for incidents and spend unless some came by the date', () => {
		const row = toDateRow('2025-12-01', toDate, undefined);
		expect(row).toMatchObject({ month: '2025-12-01', training_trained_staff: 9, device_compliant: 4, incidents_detected: null, spend_pence: null });
		const rollup = { month: '2025-12-01', incidents_detected: 3, spend_pence: 500, refreshed_at: new Date('2026-01-01T00:00:00Z') } as MonthlyRollupRow;
		// The rollup's month had 3 incidents and £5 by its end; none by the date.
		expect(toDateRow('2025-12-01', toDate, rollup)).toMatchObject({ incidents_detected: 0, spend_pence: 0, spend_by_category: {} });
		expect(toDateRow('2025-12-01', { ...toDate, incidents_detected: 2 }, undefined).incidents_detected).toBe(2);
	});
});
