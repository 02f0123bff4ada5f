import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { cell, optional, readBoolean, readInstant, readText } from '../../src/lib/server/imports/cell-values';
import { IMPORT_CATALOGUE } from '../../src/lib/server/imports/formats';
import { intuneDevices } from '../../src/lib/server/imports/formats/intune-devices';
import { declined, fastRowReader } from '../../src/lib/server/imports/rows-fast';

const KEY = 'k'.repeat(43);
const device = (over: Record<string, string> = {}) => ({
	deviceId: 'ABC-123',
	lastCheckIn: '2026-09-30 08:15:02.0000000',
	os: 'iOS',
	osVersion: '17.5.1',
	compliance: 'Compliant',
	ownership: 'Corporate',
	encrypted: 'True',
	jailbroken: 'False',
	enrolledAt: '',
	managedBy: 'Intune',
	manufacturer: 'Apple',
	model: 'iPhone 13',
	...over
});

describe('reading rows made of cells without zod', () => {
	it('gives exactly what zod gives for a valid device row, transform included', () => {
		const schema = intuneDevices.rowSchema(KEY);
		const fast = fastRowReader(schema);
		expect(fast).not.toBeNull();
		for (const record of [device(), device({ os: 'Windows', osVersion: '10.0.19045.4651', encrypted: '', managedBy: 'EAS' }), device({ ownership: '' })]) {
			const zod = schema.safeParse(record);
			expect(zod.success).toBe(true);
			expect(fast?.(record)).toStrictEqual(zod.data);
		}
	});

	it('declines a row with a problem, so that zod reports it in its own words', () => {
		const fast = fastRowReader(intuneDevices.rowSchema(KEY));
		expect(declined(fast?.(device({ lastCheckIn: '31/02/2026' })))).toBe(true);
		expect(declined(fast?.(device({ deviceId: ' ' })))).toBe(true);
		expect(declined(fast?.(device({ compliance: 'Green' })))).toBe(true);
		const { deviceId: _, ...missing } = device();
		expect(declined(fast?.(missing))).toBe(true);
	});

	it('declines when the transform raises an issue, and leaves schemas of other shapes to zod', () => {
		const shape = { when: cell(readInstant), flag: optional(readBoolean) };
		const raising = z.object(shape).transform((r, ctx) => {
			if (r.flag === false) ctx.addIssue({ code: 'custom', message: 'no' });
			return r;
		});
		const fast = fastRowReader(raising);
		expect(fast?.({ when: '2026-01-02', flag: 'yes' })).toStrictEqual({ when: '2026-01-02T00:00:00Z', flag: true });
		expect(declined(fast?.({ when: '2026-01-02', flag: 'no' }))).toBe(true);
		expect(fastRowReader(z.object(shape).refine(() => true))).toBeNull();
		expect(fastRowReader(z.object({ ...shape, other: z.string() }))).toBeNull();
		expect(fastRowReader(z.object({ name: cell(readText(5)).refine(() => true) }))).toBeNull();
	});

	it('agrees with zod on every format whose schema it reads, for rows zod accepts', () => {
		let read = 0;
		for (const { formats } of Object.values(IMPORT_CATALOGUE)) {
			for (const format of formats) {
				const schema = format.rowSchema(KEY, { ods: 'RX1', asOf: '2026-09-30' });
				const fast = fastRowReader(schema);
				if (!fast) continue;
				read += 1;
				// An all-empty row: both refuse it, or both read it the same.
				const record = Object.fromEntries(format.fields.map((f) => [f.name, '']));
				const zod = schema.safeParse(record);
				const quick = fast(record);
				if (zod.success) expect(quick).toStrictEqual(zod.data);
				else expect(declined(quick)).toBe(true);
			}
		}
		expect(read).toBeGreaterThanOrEqual(3);
	});
});
