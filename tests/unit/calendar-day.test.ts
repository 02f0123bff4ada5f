import { describe, expect, it } from 'vitest';
import { calendarDayOf, startOfCalendarDay, today } from '../../src/lib/server/db/day';
import { instantsOf, twelveMonthsBefore } from '../../src/lib/server/metrics/periods';

/**
 * An instant's calendar date is its date in London (the NHS year's calendar), whatever node's TZ: in
 * British Summer Time 23:30 UTC is already the next day; in Greenwich Mean Time it is the same day.
 */
describe('calendar dates in London (db/day.ts)', () => {
	it('puts 23:30 UTC on 31 March 2026 (BST) on 1 April, and 23:30 UTC on 31 December 2025 (GMT) on 31 December', () => {
		expect(calendarDayOf(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
		expect(calendarDayOf(new Date('2026-03-31T22:59:59Z'))).toBe('2026-03-31');
		expect(calendarDayOf(new Date('2025-12-31T23:30:00Z'))).toBe('2025-12-31');
		expect(calendarDayOf(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01');
	});

	it('starts a date at London midnight: 23:00 UTC the day before in summer, 00:00 UTC in winter', () => {
		expect(startOfCalendarDay('2026-04-01').toISOString()).toBe('2026-03-31T23:00:00.000Z');
		expect(startOfCalendarDay('2026-01-01').toISOString()).toBe('2026-01-01T00:00:00.000Z');
		// The days the clocks change: 29 March 2026 starts in GMT, 25 October 2026 starts in BST.
		expect(startOfCalendarDay('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
		expect(startOfCalendarDay('2026-03-30').toISOString()).toBe('2026-03-29T23:00:00.000Z');
		expect(startOfCalendarDay('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z');
		expect(startOfCalendarDay('2026-10-26').toISOString()).toBe('2026-10-26T00:00:00.000Z');
	});

	it('reads today as the London date', () => {
		expect(today(new Date('2026-06-30T23:15:00Z'))).toBe('2026-07-01');
		expect(today(new Date('2026-12-07T23:15:00Z'))).toBe('2026-12-07');
	});

	it('bounds the 12 months to 31 March 2026 by London midnights', () => {
		expect(instantsOf(twelveMonthsBefore('2026-03-31'))).toEqual({
			start: new Date('2025-03-31T23:00:00Z'),
			end: new Date('2026-03-31T23:00:00Z')
		});
	});
});
