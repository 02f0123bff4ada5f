import { describe, expect, it } from 'vitest';
import { toDeviceMetrics } from '../../src/lib/server/metrics/device-metrics';
import { toIncidentMetrics } from '../../src/lib/server/metrics/incident-metrics';
import type { DeviceCountsRow, IncidentCountsRow } from '../../src/lib/server/metrics/queries';
import { toSpendMetrics } from '../../src/lib/server/metrics/spend-metrics';
import { toTrainingMetrics } from '../../src/lib/server/metrics/training-metrics';

const WINDOW = { after: '2024-03-31', through: '2025-03-31' };

describe('metric mapping', () => {
	it('reads the whole-organisation, staff-group and department rows of the training query', () => {
		const m = toTrainingMetrics(
			[
				{ staff_group: null, department: null, level: 3, required: 20, completed: 19, board_required: 2, board_completed: 2 },
				{ staff_group: 'Nursing', department: null, level: 1, required: 12, completed: 11, board_required: 0, board_completed: 0 },
				{ staff_group: 'Admin', department: null, level: 1, required: 8, completed: 8, board_required: 2, board_completed: 2 },
				{ staff_group: null, department: 'Wards', level: 2, required: 20, completed: 19, board_required: 2, board_completed: 2 }
			],
			WINDOW
		);
		expect(m.completionRate).toEqual({ value: 0.95, numerator: 19, denominator: 20 });
		expect(m.byStaffGroup.map((g) => [g.staffGroup, g.completionRate.value])).toEqual([
			['Admin', 1],
			['Nursing', 11 / 12]
		]);
		expect(m.byDepartment).toEqual([
			{ department: 'Wards', requiredStaff: 20, completed12m: 19, completionRate: { value: 0.95, numerator: 19, denominator: 20 } }
		]);
		expect(m.boardMembers.completionRate.value).toBe(1);
		const none = toTrainingMetrics([], WINDOW);
		expect(none).toMatchObject({ requiredStaff: 0, completed12m: 0, completionRate: { value: null }, boardMembers: { completionRate: { value: null } } });
	});

	it('has no device rates without a snapshot, and none for the counts an aggregate snapshot lacks', () => {
		expect(toDeviceMetrics(undefined)).toMatchObject({
			snapshot: null,
			total: 0,
			compliantRate: { value: null, denominator: 0 },
			ownership: { corporate: { value: null } }
		});
		const row: DeviceCountsRow = {
			as_of: '2025-03-31',
			source: 'aggregate',
			is_aggregate: true,
			total_count: 0,
			managed_count: 0,
			compliant_count: 0,
			encrypted_count: 0,
			supported_os_count: null,
			stale_count: null,
			jailbroken_count: null,
			corporate_count: null,
			personal_count: null,
			unknown_ownership_count: null
		};
		const m = toDeviceMetrics(row);
		expect(m.compliantRate).toEqual({ value: null, numerator: 0, denominator: 0 });
		expect([m.supportedOsRate, m.staleRate, m.jailbrokenRate, m.ownership]).toEqual([null, null, null, null]);
	});

	it('turns containment seconds into hours and lists every breach type and category', () => {
		const row: IncidentCountsRow = {
			total: 3,
			ico_reportable: 0,
			dhsc_reportable: 0,
			notified_within_72h: 0,
			notified_late: 0,
			overdue: 0,
			pending: 0,
			contained: 2,
			median_contain_seconds: 5_400,
			closed: 0,
			rca_completed: 0,
			costed: 0,
			cost_pence: null
		};
		const m = toIncidentMetrics(row, [{ breach_type: 'availability', category: 'other', incidents: 3 }], WINDOW, 0);
		expect(m.medianHoursToContain).toEqual({ value: 1.5, incidents: 2 });
		expect(m.notifiedWithin72hRate.value).toBeNull();
		expect(m.rcaCompletedRate.value).toBeNull();
		expect(m.per1000Staff).toEqual({ value: null, numerator: 3, denominator: 0 });
		expect(m.byBreachType).toEqual({ confidentiality: 0, integrity: 0, availability: 3 });
		expect(Object.keys(m.byCategory)).toHaveLength(10);
		expect(m.totalCostPence).toBe(0);
	});

	it('totals the financial year and measures its growth against each of the four before', () => {
		const m = toSpendMetrics(
			[
				{ financial_year: 2024, category: 'mdm', expense_type: 'capex', pence: 1_000, same_period_pence: 1_000 },
				{ financial_year: 2024, category: 'mdm', expense_type: 'opex', pence: 200, same_period_pence: 200 },
				{ financial_year: 2024, category: 'training', expense_type: 'opex', pence: 300, same_period_pence: 300 },
				{ financial_year: 2023, category: 'mdm', expense_type: 'opex', pence: 1_200, same_period_pence: 1_200 },
				{ financial_year: 2020, category: 'other', expense_type: 'opex', pence: 3_000, same_period_pence: 3_000 }
			],
			'2025-03-31',
			3,
			0
		);
		expect(m.financialYear).toEqual({ year: 2024, label: '2024-25', from: '2024-04-01', to: '2025-03-31' });
		expect(m.period).toEqual({ from: '2024-04-01', through: '2025-03-31', yearToDate: false, label: '2024-25' });
		expect(m.totalPence).toBe(1_500);
		expect(m.byCategory).toMatchObject({ mdm: 1_200, training: 300, staff: 0 });
		expect(m.byExpenseType).toEqual({ capex: 1_000, opex: 500 });
		expect(m.perStaffPence.value).toBe(500);
		expect(m.perManagedDevicePence.value).toBeNull();
		expect(m.previousYears.map((y) => [y.year, y.totalPence, y.growth.value])).toEqual([
			[2023, 1_200, 0.25],
			[2022, 0, null],
			[2021, 0, null],
			[2020, 3_000, -0.5]
		]);
	});

	it('labels a running year "year to date" and measures it against the same months of earlier years, not their whole', () => {
		// As of 30 September 2024: 2024-25 so far 600; 2023-24 was 2,000 in all, 500 of it by 30 September 2023.
		const m = toSpendMetrics(
			[
				{ financial_year: 2024, category: 'mdm', expense_type: 'opex', pence: 600, same_period_pence: 600 },
				{ financial_year: 2023, category: 'mdm', expense_type: 'opex', pence: 2_000, same_period_pence: 500 },
				{ financial_year: 2022, category: 'mdm', expense_type: 'opex', pence: 900, same_period_pence: 0 }
			],
			'2024-09-30',
			2,
			3
		);
		expect(m.period).toEqual({ from: '2024-04-01', through: '2024-09-30', yearToDate: true, label: '2024-25 year to date' });
		expect(m.totalPence).toBe(600);
		expect(m.perStaffPence.value).toBe(300);
		expect(m.perManagedDevicePence.value).toBe(200);
		expect(m.previousYears.map((y) => [y.year, y.totalPence, y.samePeriodPence, y.comparedPence, y.growth.value])).toEqual([
			[2023, 2_000, 500, 500, 0.2],
			[2022, 900, 0, 0, null],
			[2021, 0, 0, 0, null],
			[2020, 0, 0, 0, null]
		]);
	});
});
