import { describe, expect, it } from 'vitest';
import { compareHeadline, describeChange, type HeadlineState } from '../../src/lib/server/imports/change-guard';
import type { OrganisationMetrics } from '../../src/lib/server/metrics/service';

const rate = (value: number | null) => ({ value });

/** Only the figures the guard reads; the rest of the metrics play no part in it. */
function headline(h: { devices?: number; staff?: number; spendPence?: number; lastYearPence?: number; status?: string }): HeadlineState {
	const metrics = {
		devices: { total: h.devices ?? 0, compliantRate: rate(0.9), encryptedRate: rate(0.8), supportedOsRate: rate(0.7) },
		training: { requiredStaff: h.staff ?? 0, completionRate: rate(0.95) },
		spend: {
			financialYear: { year: 2026, label: '2026-27', from: '2026-04-01', to: '2027-03-31' },
			totalPence: h.spendPence ?? 0,
			previousYears: [{ year: 2025, label: '2025-26', totalPence: h.lastYearPence ?? 0, growth: rate(null) }]
		}
	} as unknown as OrganisationMetrics;
	return { metrics, status: h.status ? { edition: '24/25', status: h.status } : null };
}

describe('the wrong-file guard', () => {
	it('stops a device snapshot that moves by more than a quarter, naming the figures and statuses', () => {
		const found = compareHeadline('devices', headline({ devices: 2397, status: 'Standards Met' }), headline({ devices: 40, status: 'Standards Not Met' }));
		expect(found).toMatchObject({ measure: 'devices in the latest snapshot', before: 2397, after: 40, statusBefore: 'Standards Met (24/25)' });
		// (40 − 2,397) ÷ 2,397 = −0.98331…
		expect(found?.change).toBeCloseTo(-0.98331, 5);
		expect(describeChange(found!)).toContain('(2,397 → 40, −98.3 %)');
		expect(describeChange(found!)).toContain('scorecard Standards Met (24/25) → Standards Not Met (24/25)');
	});

	it('lets a change of a quarter or less through, either way', () => {
		expect(compareHeadline('devices', headline({ devices: 100 }), headline({ devices: 75 }))).toBeNull();
		expect(compareHeadline('devices', headline({ devices: 100 }), headline({ devices: 125 }))).toBeNull();
		expect(compareHeadline('devices', headline({ devices: 100 }), headline({ devices: 126 }))).not.toBeNull();
		expect(compareHeadline('training', headline({ staff: 100 }), headline({ staff: 74 }))).not.toBeNull();
	});

	it('ignores figures below the floor: 19 devices becoming 2 is a handful, 20 becoming 5 is not', () => {
		expect(compareHeadline('devices', headline({ devices: 3 }), headline({ devices: 5 }))).toBeNull();
		expect(compareHeadline('devices', headline({ devices: 19 }), headline({ devices: 2 }))).toBeNull();
		expect(compareHeadline('training', headline({ staff: 20 }), headline({ staff: 5 }))).toMatchObject({ before: 20, after: 5, change: -0.75 });
		// Nothing held before: a first import has nothing to compare with.
		expect(compareHeadline('devices', headline({}), headline({ devices: 500 }))).toBeNull();
	});

	it('stops a year of spend that falls by more than a quarter, not one that grows, and not below £10,000', () => {
		const fall = compareHeadline(
			'spend',
			headline({ spendPence: 5_000_000, lastYearPence: 4_000_000 }),
			headline({ spendPence: 5_000_000, lastYearPence: 2_000_000 })
		);
		expect(fall).toMatchObject({ measure: 'spend in 2025-26', before: 4_000_000, after: 2_000_000, change: -0.5 });
		expect(compareHeadline('spend', headline({ spendPence: 2_000_000 }), headline({ spendPence: 4_000_000 }))).toBeNull();
		expect(compareHeadline('spend', headline({ spendPence: 900_000 }), headline({ spendPence: 100_000 }))).toBeNull();
	});
});
