import { describe, expect, it } from 'vitest';
import { overviewCharts, spendYearToDate } from '../../src/lib/charts/overview-charts';
import { cellState, heatMap } from '../../src/lib/server/overview/heat-map';
import { figureChanges } from '../../src/lib/server/overview/changes';
import { largestGaps, overdueActions } from '../../src/lib/server/overview/top-risks';
import type { ScorecardOutcome } from '../../src/lib/server/scorecard/build';

const outcome = (id: string, over: Partial<ScorecardOutcome> = {}): ScorecardOutcome => ({
	id,
	title: `Outcome ${id}`,
	profile: 'Partially achieved',
	self: 'Partially achieved',
	data: null,
	judged: 'Partially achieved',
	meetsProfile: true,
	hardGate: null,
	hardGateHeld: null,
	gap: false,
	planned: false,
	disagreement: false,
	explanation: '',
	...over
});

describe('the heat map', () => {
	it('says whether each outcome is above, at or below its profile, or not assessed', () => {
		expect(cellState(outcome('A1.a', { judged: 'Achieved', self: 'Achieved' }))).toBe('exceeds');
		expect(cellState(outcome('A1.a'))).toBe('meets');
		expect(cellState(outcome('A1.a', { gap: true, meetsProfile: false, judged: 'Not achieved' }))).toBe('gap');
		expect(cellState(outcome('A1.a', { self: null, judged: null, gap: true, meetsProfile: false }))).toBe('not_assessed');
		// A met level whose hard gate fails is a gap, whatever the level.
		expect(cellState(outcome('B2.a', { gap: true, hardGate: 'MFA', hardGateHeld: false }))).toBe('gap');
	});

	it('groups outcomes by objective letter in order, carrying the veracity flag', () => {
		const rows = heatMap([outcome('A1.a'), outcome('A1.b', { disagreement: true }), outcome('B1.a')]);
		expect(rows.map((r) => [r.objective, r.cells.map((c) => c.id)])).toEqual([
			['A', ['A1.a', 'A1.b']],
			['B', ['B1.a']]
		]);
		expect(rows[0]!.cells[1]!.flagged).toBe(true);
	});
});

describe('top risks', () => {
	it('puts failed hard gates first, then unplanned gaps, then the furthest short', () => {
		const gaps = largestGaps([
			outcome('A1.a', { gap: true, meetsProfile: false, judged: 'Not achieved', planned: true }),
			outcome('A1.b', { gap: true, meetsProfile: false, judged: null, self: null }),
			outcome('B2.a', { gap: true, hardGate: 'MFA', hardGateHeld: null, planned: true }),
			outcome('C1.a', { gap: true, meetsProfile: false, judged: 'Not achieved' }),
			outcome('D1.a')
		]);
		expect(gaps.map((g) => [g.id, g.shortfall])).toEqual([
			['B2.a', 1],
			['A1.b', 3],
			['C1.a', 1],
			['A1.a', 1]
		]);
	});

	it('lists overdue actions, longest overdue first, with the days counted', () => {
		const overdue = overdueActions(
			[
				{ id: 1, outcome: 'A1.a', title: 'x', owner: null, dueOn: '2026-03-01', overdue: true },
				{ id: 2, outcome: 'A1.b', title: 'y', owner: 'SIRO', dueOn: '2026-01-31', overdue: true },
				{ id: 3, outcome: 'A1.c', title: 'z', owner: null, dueOn: '2026-04-30', overdue: false }
			],
			'2026-03-31'
		);
		expect(overdue.map((a) => [a.id, a.daysOverdue])).toEqual([
			[2, 59],
			[1, 30]
		]);
	});
});

describe('changes since the last board pack', () => {
	it('gives each headline figure then, now and the difference; unknown at either end is no change', () => {
		const changes = figureChanges(
			{ trainingRate: 0.9, compliantRate: null, encryptedRate: 0.8, staleDevices: 10, incidents: 5, icoReportable: 1 },
			{ trainingRate: 0.95, compliantRate: 0.7, encryptedRate: 0.8, staleDevices: 4, incidents: 7, icoReportable: 1 }
		);
		expect(changes.find((c) => c.id === 'trainingRate')!.change).toBeCloseTo(0.05);
		expect(changes.find((c) => c.id === 'compliantRate')!.change).toBeNull();
		expect(changes.find((c) => c.id === 'staleDevices')).toMatchObject({ change: -6, higherIsBetter: false });
		expect(changes.map((c) => c.id)).toEqual(['trainingRate', 'compliantRate', 'encryptedRate', 'staleDevices', 'incidents', 'icoReportable']);
	});
});

describe('overview charts', () => {
	const months = Array.from({ length: 24 }, (_, i) => `${2024 + Math.floor((i + 3) / 12)}-${String(((i + 3) % 12) + 1).padStart(2, '0')}`);
	const spend = months.map((m) => (m === '2025-06' ? null : 100));

	it('adds spend up from April for this year to the as-of month, beside the whole of last year', () => {
		expect(months[0]).toBe('2024-04');
		const chart = spendYearToDate({ months, spend: { totalPence: spend } }, '2025-08');
		expect(chart.config.data.labels![0]).toBe('Apr 2025');
		expect(chart.config.data.datasets[0]!.data).toEqual([100, 200, 200, 300, 400, null, null, null, null, null, null, null]);
		expect(chart.config.data.datasets[1]!.data).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200]);
		expect(chart.config.data.datasets[0]!.label).toBe('This year (2025-26)');
		// January belongs to the financial year that began the April before.
		expect(spendYearToDate({ months, spend: { totalPence: spend } }, '2026-01').config.data.datasets[0]!.label).toBe('This year (2025-26)');
	});

	it('draws the last twelve months, training against its 95 % target', () => {
		const series = months.map(() => 0.5);
		const charts = overviewCharts(
			{
				months,
				training: { completionRate: series },
				devices: { compliantRate: series, encryptedRate: series, staleRate: series },
				incidents: { detected: series, icoReportable: series },
				spend: { totalPence: spend }
			},
			'2026-03'
		);
		expect(charts.map((c) => c.id)).toEqual(['training', 'devices', 'incidents', 'spend-ytd']);
		expect(charts[0]!.config.data.labels).toHaveLength(12);
		expect(charts[0]!.config.data.labels![0]).toBe('Apr 2025');
		expect(charts[0]!.config.data.datasets.at(-1)).toMatchObject({ label: 'Target 95 %' });
	});
});
