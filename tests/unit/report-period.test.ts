import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../src/lib/server/reports/canonical-json';
import { parsePeriod } from '../../src/lib/server/reports/period';

describe('report periods', () => {
	it('reads a financial year and the date its figures are read as of', () => {
		expect(parsePeriod('2025-26', '2026-11-23')).toEqual({ label: '2025-26', from: '2025-04-01', to: '2026-03-31', asOf: '2026-03-31' });
		expect(parsePeriod('2026-27', '2026-11-23')).toMatchObject({ asOf: '2026-11-23' });
		expect(parsePeriod('2027-28', '2026-11-23')).toMatchObject({ asOf: '2027-04-01' });
		expect(parsePeriod('1999-00', '2026-11-23')).toBeNull();
		expect(parsePeriod('2099-00', '2026-11-23')).toMatchObject({ to: '2100-03-31' });
		for (const bad of ['2025-27', '2025/26', '25-26', '2025-2026', '']) expect(parsePeriod(bad), bad).toBeNull();
	});
});

describe('canonical JSON', () => {
	it('gives the same text and hash whatever the key order, at every level', () => {
		const a = canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } });
		const b = canonicalJson({ a: { c: null, d: [2, { y: 2, z: 1 }] }, b: 1 });
		expect(a).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
		expect(b).toBe(a);
		expect(sha256Hex(a)).toMatch(/^[0-9a-f]{64}$/);
		expect(sha256Hex(a)).toBe(sha256Hex(b));
	});
});
