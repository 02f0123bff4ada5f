import { describe, expect, it } from 'vitest';
import { addMonths, financialYearBounds, financialYearLabel, financialYearOf, instantsOf, twelveMonthsBefore } from '../../src/lib/server/metrics/periods';
import { growth, perThousand, rate } from '../../src/lib/server/metrics/rate';

describe('metric periods', () => {
	it('takes the 12 months before a date as the days after the same date a year earlier, through the date', () => {
		expect(twelveMonthsBefore('2025-03-31')).toEqual({ after: '2024-03-31', through: '2025-03-31' });
		expect(twelveMonthsBefore('2025-01-01')).toEqual({ after: '2024-01-01', through: '2025-01-01' });
	});

	it('clamps to the end of a shorter month, as PostgreSQL does, across leap years', () => {
		expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
		expect(addMonths('2025-02-28', -12)).toBe('2024-02-28');
		expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
		expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
		expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
		expect(twelveMonthsBefore('2024-02-29')).toEqual({ after: '2023-02-28', through: '2024-02-29' });
	});

	it('turns a date window into instants: from London midnight starting its first day to London midnight ending the date', () => {
		const { start, end } = instantsOf(twelveMonthsBefore('2025-03-31'));
		// In British Summer Time London's midnight is 23:00 UTC; in Greenwich Mean Time it is 00:00 UTC.
		expect(start.toISOString()).toBe('2024-03-31T23:00:00.000Z');
		expect(end.toISOString()).toBe('2025-03-31T23:00:00.000Z');
		expect(instantsOf({ after: '2024-12-31', through: '2024-12-31' }).end.toISOString()).toBe('2025-01-01T00:00:00.000Z');
	});

	it('names financial years by the year they start on 1 April', () => {
		expect(financialYearOf('2025-03-31')).toBe(2024);
		expect(financialYearOf('2025-04-01')).toBe(2025);
		expect(financialYearOf('2026-01-01')).toBe(2025);
		expect(financialYearBounds(2024)).toEqual({ from: '2024-04-01', to: '2025-03-31' });
		expect(financialYearLabel(2024)).toBe('2024-25');
		expect(financialYearLabel(2099)).toBe('2099-00');
		expect(financialYearLabel(2008)).toBe('2008-09');
	});
});

describe('rates', () => {
	it('keeps numerator and denominator, and has no value (never 0 %) without a denominator', () => {
		expect(rate(0, 0)).toEqual({ value: null, numerator: 0, denominator: 0 });
		expect(rate(0, 5)).toEqual({ value: 0, numerator: 0, denominator: 5 });
		expect(rate(3, 4)).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
	});

	it('gives exactly 95 % at the boundary and less just below it', () => {
		expect(rate(19, 20).value).toBe(0.95);
		expect(rate(9_500, 10_000).value).toBe(0.95);
		expect(rate(9_499, 10_000).value).toBe(0.9499);
		expect(rate(9_499, 10_000).value! < 0.95).toBe(true);
		expect(rate(18_999_999, 20_000_000).value! < 0.95).toBe(true);
	});

	it('scales per 1,000 and measures growth against an earlier total', () => {
		expect(perThousand(7, 2_000)).toEqual({ value: 3.5, numerator: 7, denominator: 2_000 });
		expect(perThousand(7, 0).value).toBeNull();
		expect(growth(1_500, 1_200)).toEqual({ value: 0.25, numerator: 300, denominator: 1_200 });
		expect(growth(900, 1_200).value).toBe(-0.25);
		expect(growth(1_500, 0)).toEqual({ value: null, numerator: 1_500, denominator: 0 });
	});
});
