import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatPence, formatRate } from '../../src/lib/format';

describe('formats', () => {
	it('writes counts, money, rates and dates the British way', () => {
		expect(formatCount(30586)).toBe('30,586');
		expect(formatPence(17_500_049)).toBe('£175,000');
		expect(formatRate(0.91234)).toBe('91.2 %');
		expect(formatDate('2026-09-30')).toBe('30 September 2026');
	});
});
