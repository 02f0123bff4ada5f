import { describe, expect, it } from 'vitest';
import { parseDate, parseInt8, parseNumeric } from '../../src/lib/server/db/type-parsers';

describe('database value decisions', () => {
	it('reads bigint as an exact number and refuses one it cannot hold exactly', () => {
		expect(parseInt8('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
		expect(parseInt8('-42')).toBe(-42);
		expect(() => parseInt8('9007199254740992')).toThrow(/safe integer/);
	});

	it('reads numeric as a number and dates as the text PostgreSQL sent', () => {
		expect(parseNumeric('0.9123')).toBe(0.9123);
		expect(parseDate('2025-03-31')).toBe('2025-03-31');
	});
});
