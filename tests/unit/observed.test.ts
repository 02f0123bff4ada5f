import { describe, expect, it } from 'vitest';
import { compareBeforeAfter, observedWindowDates, type ObservedIncident } from '../../src/lib/server/roi/observed';

const at = (instant: string, category = 'lost_stolen_device', costPence: number | null = null): ObservedIncident => ({
	detectedAt: new Date(instant),
	category,
	costPence
});
const GO_LIVE = '2025-04-01';

describe('observed before/after windows', () => {
	it('runs 12 months after go-live and the same number of days before, when the data reaches that far', () => {
		const w = observedWindowDates(GO_LIVE, '2026-06-30')!;
		expect(w).toMatchObject({
			before: { from: '2024-04-01', through: '2025-03-31' },
			after: { from: GO_LIVE, through: '2026-03-31' },
			days: 365,
			shortened: false
		});
		// Midnight starting 1 April in London is 23:00 UTC the day before (BST).
		expect(w.goLive.toISOString()).toBe('2025-03-31T23:00:00.000Z');
		expect(w.afterEnd.toISOString()).toBe('2026-03-31T23:00:00.000Z');
	});

	it('shortens both windows to the days available up to the as-of date, and has none before go-live', () => {
		expect(observedWindowDates(GO_LIVE, '2025-04-30')).toMatchObject({
			before: { from: '2025-03-02', through: '2025-03-31' },
			after: { from: GO_LIVE, through: '2025-04-30' },
			days: 30,
			shortened: true
		});
		expect(observedWindowDates(GO_LIVE, GO_LIVE)).toMatchObject({ before: { from: '2025-03-31', through: '2025-03-31' }, days: 1 });
		expect(observedWindowDates(GO_LIVE, '2025-03-31')).toBeNull();
	});

	it('counts an incident detected exactly at go-live as after, one a millisecond earlier as before, and the window ends exclusive', () => {
		const r = compareBeforeAfter({
			goLiveOn: GO_LIVE,
			asOf: '2026-03-31',
			targetedCategories: ['lost_stolen_device'],
			incidents: [
				at('2024-03-31T22:59:59.999Z'), // before the before window (23:59:59.999 on 31 March in London)
				at('2024-03-31T23:00:00Z', 'lost_stolen_device', 10_000), // first instant of the before window (midnight in London)
				at('2025-03-31T22:59:59.999Z', 'lost_stolen_device', 30_000), // last instant before go-live
				at('2025-03-31T23:00:00Z', 'lost_stolen_device', 5_000), // go-live itself: after
				at('2026-03-31T22:59:59.999Z'), // last instant of the after window (no cost recorded)
				at('2026-03-31T23:00:00Z'), // after the after window
				at('2025-06-01T00:00:00Z', 'phishing', 99_999) // not targeted
			]
		})!;
		expect(r.before).toEqual({ from: '2024-04-01', through: '2025-03-31', days: 365, incidents: 2, costPence: 40_000, costedIncidents: 2 });
		expect(r.after).toEqual({ from: GO_LIVE, through: '2026-03-31', days: 365, incidents: 2, costPence: 5_000, costedIncidents: 1 });
		expect(r.change).toEqual({ incidents: 0, incidentsFraction: 0, costPence: -35_000, costFraction: -0.875 });
		expect(r.years).toBe(1);
		expect(r.shortened).toBe(false);
		expect(r.caution).toBe(
			'Too little data to draw a conclusion: only 4 incidents in the two windows together (fewer than 10), so a rise or fall could be chance.'
		);
	});

	it('gives no caution with enough incidents and a long enough after window, and warns of a short one', () => {
		const before = Array.from({ length: 8 }, (_, i) => at(`2024-0${i + 1}-15T12:00:00Z`));
		const after = [at('2025-05-01T12:00:00Z'), at('2025-06-01T12:00:00Z')];
		const full = compareBeforeAfter({
			goLiveOn: '2024-09-01',
			asOf: '2025-08-31',
			targetedCategories: ['lost_stolen_device'],
			incidents: [...before, ...after]
		})!;
		expect([full.before.incidents, full.after.incidents, full.caution]).toEqual([8, 2, null]);
		expect(full.change.incidentsFraction).toBe(-0.75);
		// As of 2025-06-30 the after window ends at midnight starting 1 July in London, exactly 3 months on: not short (91 days).
		const threeMonths = compareBeforeAfter({
			goLiveOn: GO_LIVE,
			asOf: '2025-06-30',
			targetedCategories: ['x'],
			incidents: Array.from({ length: 10 }, () => at('2025-05-01T00:00:00Z', 'x'))
		})!;
		expect(threeMonths.caution).toBeNull();
		expect(threeMonths.shortened).toBe(true);
		expect(threeMonths.years).toBeCloseTo(91 / 365.25, 10);
		const short = compareBeforeAfter({
			goLiveOn: GO_LIVE,
			asOf: '2025-06-29',
			targetedCategories: ['x'],
			incidents: Array.from({ length: 10 }, () => at('2025-05-01T00:00:00Z', 'x'))
		})!;
		expect(short.caution).toBe(
			'Too little data to draw a conclusion: the after window is only 90 days long (under 3 months), too short to show a lasting change.'
		);
		expect(short.change.incidentsFraction).toBeNull();
	});

	it('is null before go-live', () => {
		expect(compareBeforeAfter({ goLiveOn: GO_LIVE, asOf: '2025-01-01', targetedCategories: ['x'], incidents: [] })).toBeNull();
	});

	it('starts the before window where the incident records begin, says so, and compares the windows as rates', () => {
		// Records begin 1 October 2024: the before window is 182 days (1 October 2024 to 31 March 2025), not 365.
		const o = compareBeforeAfter({
			goLiveOn: GO_LIVE,
			asOf: '2026-06-30',
			targetedCategories: ['lost_stolen_device'],
			incidents: [
				at('2024-11-01T10:00:00Z', 'lost_stolen_device', 1_000),
				at('2025-02-01T10:00:00Z'),
				at('2025-05-01T10:00:00Z'),
				at('2025-08-01T10:00:00Z'),
				at('2026-01-01T10:00:00Z')
			],
			dataFrom: '2024-10-01'
		})!;
		expect(o.before).toMatchObject({ from: '2024-10-01', through: '2025-03-31', days: 182, incidents: 2, costPence: 1_000 });
		expect(o.after).toMatchObject({ from: GO_LIVE, through: '2026-03-31', days: 365, incidents: 3 });
		expect(o.beforeClipped).toEqual({ fullFrom: '2024-04-01', dataFrom: '2024-10-01' });
		expect(o.beforeYears).toBeCloseTo(182 / 365.25, 12);
		expect(o.years).toBe(1);
		// Before scaled to 365 days: 2 × 365 ÷ 182 = 4.011 incidents, so 3 is −1.01 (−25.2 %).
		expect(o.change.incidents).toBe(-1.01);
		expect(o.change.incidentsFraction).toBeCloseTo((3 - (2 * 365) / 182) / ((2 * 365) / 182), 12);
		expect(o.windowNote).toBe(
			"The before window starts on 1 October 2024, when the incident records begin, not on 1 April 2024: its 182 days are set against the after window's 365 as rates."
		);
		// Records that reach back far enough change nothing.
		const whole = compareBeforeAfter({
			goLiveOn: GO_LIVE,
			asOf: '2026-06-30',
			targetedCategories: ['lost_stolen_device'],
			incidents: [],
			dataFrom: '2024-04-01'
		})!;
		expect(whole).toMatchObject({ beforeClipped: null, windowNote: null, before: { from: '2024-04-01', days: 365 } });
	});
});
