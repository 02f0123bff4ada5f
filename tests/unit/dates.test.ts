import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, daysInMonth, financialYearOf, monthAndYear, monthStarts, quarterEnds } from '../../src/lib/server/seed/dates';

describe('calendar helpers', () => {
	it('puts 31 March in the financial year before 1 April', () => {
		expect(financialYearOf('2025-03-31')).toBe(2024);
		expect(financialYearOf('2025-04-01')).toBe(2025);
		expect(financialYearOf('2026-01-15')).toBe(2025);
	});

	it('adds days across a leap day and counts them back', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
		expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
		expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
		// The same again (days are remembered once worked out) and back across the year.
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(daysBetween('2025-03-01', '2024-03-01')).toBe(-365);
		expect(() => addDays('not a date', 1)).toThrow(RangeError);
	});

	it('names a month for titles', () => {
		expect(monthAndYear('2024-06-18')).toBe('June 2024');
		expect(monthAndYear('2026-01-02')).toBe('January 2026');
	});

	it('lists month starts and quarter ends inclusive of both ends', () => {
		expect(monthStarts('2024-11-15', '2025-02-01')).toEqual(['2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01']);
		expect(quarterEnds('2024-04-01', '2025-03-31')).toEqual(['2024-06-30', '2024-09-30', '2024-12-31', '2025-03-31']);
		expect(daysInMonth('2024-02-01')).toBe(29);
		expect(daysInMonth('2025-02-01')).toBe(28);
	});
});
