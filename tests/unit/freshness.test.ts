import { describe, expect, it } from 'vitest';
import { toFreshness } from '../../src/lib/server/freshness/sources';

describe('how old each source is', () => {
	it('flags a source whose latest data is more than its cadence before the date, not one exactly at it', () => {
		const f = toFreshness('2026-03-31', { devices: '2026-02-24', training: '2026-02-23', incidents: '2026-02-14', spend: null, assurance: '2025-06-30' });
		const by = Object.fromEntries(f.sources.map((s) => [s.source, [s.ageDays, s.cadenceDays, s.stale, s.missing]]));
		// 24 February to 31 March is 35 days: on the cadence, fresh; 23 February is 36: stale.
		expect(by).toEqual({
			devices: [35, 35, false, false],
			training: [36, 35, true, false],
			incidents: [45, 45, false, false],
			spend: [null, 45, false, true],
			assurance: [274, null, false, false]
		});
		expect(f.anyStale).toBe(true);
	});

	it('takes an organisation’s own cadence over the default', () => {
		const f = toFreshness(
			'2026-03-31',
			{ devices: '2026-02-23', training: null, incidents: null, spend: '2026-01-01', assurance: null },
			{ spend: 120, devices: null }
		);
		expect(f.sources.find((s) => s.source === 'spend')).toMatchObject({ ageDays: 89, cadenceDays: 120, stale: false });
		expect(f.sources.find((s) => s.source === 'devices')).toMatchObject({ cadenceDays: 35, stale: true });
	});
});

describe('the packs’ freshness table', () => {
	it('names the out-of-date sources and flags their age', async () => {
		const { freshnessSentence, freshnessTable } = await import('../../reports/freshness-table');
		const f = toFreshness('2026-12-07', { devices: '2026-09-30', training: '2026-11-30', incidents: null, spend: '2026-11-28', assurance: null });
		expect(freshnessSentence(f)).toBe('Out of date on 7 December 2026: Devices. Figures drawn from it describe an earlier date.');
		const body = (freshnessTable(f) as { table: { body: { text: string }[][] } }).table.body;
		expect(body[1]!.map((c) => c.text)).toEqual(['Devices', 'device snapshot, 30 September 2026', '68 days (out of date)', '35 days']);
		expect(body[3]!.map((c) => c.text)).toEqual(['Incidents', 'no data', '—', '45 days']);
	});
});
