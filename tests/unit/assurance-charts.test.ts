import { describe, expect, it } from 'vitest';
import {
	AGE_BANDS,
	ASSURANCE_CHART_IDS,
	ageBandIndex,
	assuranceCharts,
	exerciseLabels,
	findingsByAgeChart,
	openFindingsByAge,
	phishingTrendChart,
	type FindingAge
} from '../../src/lib/charts/assurance-charts';

const open = (severity: FindingAge['severity'], ageDays: number): FindingAge => ({ severity, status: 'open', ageDays });

describe('age bands of open findings', () => {
	it('puts 14 days in the first band and 15 in the second, as DSPT 9.2.3 counts, and anything older than 180 days in the last', () => {
		expect(AGE_BANDS.map((b) => b.label)).toEqual(['0–14 days', '15–30 days', '31–90 days', '91–180 days', 'Over 180 days']);
		expect([0, 14, 15, 30, 31, 90, 91, 180, 181, 5000].map(ageBandIndex)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
	});

	it('counts open findings only, by severity in order critical to low, whatever order they come in', () => {
		const byAge = openFindingsByAge([
			open('low', 400),
			open('critical', 3),
			open('critical', 20),
			open('critical', 20),
			{ severity: 'high', status: 'remediated', ageDays: 5 },
			{ severity: 'medium', status: 'risk_accepted', ageDays: 50 },
			open('medium', 91)
		]);
		expect(byAge.total).toBe(5);
		expect(byAge.rows.map((r) => [r.severity, r.counts, r.total])).toEqual([
			['critical', [1, 2, 0, 0, 0], 3],
			['high', [0, 0, 0, 0, 0], 0],
			['medium', [0, 0, 0, 1, 0], 1],
			['low', [0, 0, 0, 0, 1], 1]
		]);
	});
});

describe('the open findings chart', () => {
	it('stacks each severity by age band, with a total column and a summary naming those open more than 14 days', () => {
		const spec = findingsByAgeChart(openFindingsByAge([open('critical', 3), open('critical', 40), open('high', 200)]));
		expect(spec.id).toBe(ASSURANCE_CHART_IDS.findingsByAge);
		expect(spec.config).toMatchObject({ type: 'bar', stacked: true, unit: 'count' });
		expect(spec.config.data.labels).toEqual(['Critical', 'High', 'Medium', 'Low']);
		expect(spec.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
			['0–14 days', [1, 0, 0, 0]],
			['15–30 days', [0, 0, 0, 0]],
			['31–90 days', [1, 0, 0, 0]],
			['91–180 days', [0, 0, 0, 0]],
			['Over 180 days', [0, 1, 0, 0]]
		]);
		expect(spec.table.columns).toEqual(['Severity', ...AGE_BANDS.map((b) => b.label), 'Total']);
		expect(spec.table.rows[0]).toEqual({ label: 'Critical', cells: ['1', '0', '1', '0', '0', '2'] });
		expect(spec.summary).toBe('Open findings by severity and age: 3 open. Critical 2 (1 open more than 14 days); High 1 (1 open more than 14 days).');
	});
});

describe('the phishing trend', () => {
	const exercises = [
		{ title: 'Winter', startedOn: '2026-01-12', emailsSent: 1800, clicked: 140, reported: 380 },
		{ title: 'Autumn', startedOn: '2025-10-06', emailsSent: 2000, clicked: 240, reported: 300 }
	];

	it('draws click and report rates per exercise, oldest first, on 0–100 %, with the counts in the table', () => {
		const spec = phishingTrendChart(exercises);
		expect(spec.id).toBe(ASSURANCE_CHART_IDS.phishing);
		expect(spec.config).toMatchObject({ type: 'line', unit: 'rate', max: 1 });
		expect(spec.config.data.labels).toEqual(['Oct 2025', 'Jan 2026']);
		expect(spec.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
			['Click rate', [0.12, 140 / 1800]],
			['Report rate', [0.15, 380 / 1800]]
		]);
		expect(spec.table.columns).toEqual(['Exercise', 'Emails sent', 'Clicked', 'Click rate', 'Reported', 'Report rate']);
		expect(spec.table.rows).toEqual([
			{ label: 'Autumn (6 October 2025)', cells: ['2,000', '240', '12.0 %', '300', '15.0 %'] },
			{ label: 'Winter (12 January 2026)', cells: ['1,800', '140', '7.8 %', '380', '21.1 %'] }
		]);
		expect(spec.summary).toBe(
			'Phishing exercises: click rate and report rate, 2 exercises from 6 October 2025 to 12 January 2026. Latest: clicked 7.8 %, reported 21.1 %; the first: clicked 12.0 %, reported 15.0 %.'
		);
	});

	it('names an exercise by its month, adding the day when two share a month', () => {
		expect(exerciseLabels(['2025-10-06', '2025-11-03', '2025-11-24'])).toEqual(['Oct 2025', '3 Nov 2025', '24 Nov 2025']);
	});

	it('shows "no data" for an exercise that sent nothing rather than 0 %', () => {
		const spec = phishingTrendChart([{ title: 'Empty', startedOn: '2025-10-06', emailsSent: 0, clicked: 0, reported: 0 }]);
		expect(spec.config.data.datasets[0]!.data).toEqual([null]);
		expect(spec.table.rows[0]!.cells[2]).toBe('no data');
		expect(spec.summary).toBe(
			'Phishing exercises: click rate and report rate, 1 exercise from 6 October 2025 to 6 October 2025. Latest: clicked no data, reported no data.'
		);
	});
});

describe('the Assurance page charts', () => {
	it('are drawn only when there is something to draw', () => {
		expect(assuranceCharts({ findings: [], phishing: [] })).toEqual([]);
		expect(assuranceCharts({ findings: [{ severity: 'high', status: 'remediated', ageDays: 3 }], phishing: [] })).toEqual([]);
		expect(assuranceCharts({ findings: [open('high', 3)], phishing: [] }).map((c) => c.id)).toEqual([ASSURANCE_CHART_IDS.findingsByAge]);
		expect(
			assuranceCharts({ findings: [open('high', 3)], phishing: [{ title: 'A', startedOn: '2025-10-06', emailsSent: 10, clicked: 1, reported: 2 }] }).map(
				(c) => c.id
			)
		).toEqual([ASSURANCE_CHART_IDS.findingsByAge, ASSURANCE_CHART_IDS.phishing]);
	});
});
