import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatLondonDate, formatPence, formatRate } from '../../src/lib/format';

describe('formats', () => {
	it('writes counts, money, rates and dates the British way', () => {
		expect(formatCount(30586)).toBe('30,586');
		expect(formatPence(17_500_049)).toBe('£175,000');
		expect(formatRate(0.91234)).toBe('91.2 %');
		expect(formatDate('2026-09-30')).toBe('30 September 2026');
	});
});

describe('rates that are nearly nothing or nearly all', () => {
	it('never shows something as nothing, or nearly all as all', () => {
		expect(formatRate(0)).toBe('0.0 %');
		expect(formatRate(0.0003)).toBe('<0.1 %');
		expect(formatRate(0.0005)).toBe('0.1 %');
		expect(formatRate(0.9996)).toBe('>99.9 %');
		expect(formatRate(0.9994)).toBe('99.9 %');
		expect(formatRate(1)).toBe('100.0 %');
	});

	it("writes an instant's day as England's", () => {
		// 23:30 UTC on 31 March 2026 is already 1 April in London (BST).
		expect(formatLondonDate('2026-03-31T23:30:00Z')).toBe('1 April 2026');
		expect(formatLondonDate('2026-12-31T23:30:00Z')).toBe('31 December 2026');
	});
});
