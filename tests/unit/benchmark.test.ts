import { describe, expect, it } from 'vitest';
import { statusDistributionChart, statusShares } from '../../src/lib/charts/benchmark-charts';
import { anonymisePeerGroup, MIN_GROUP, positionWords, subjectQuarter, WITHHELD_TEXT, type PeerValue } from '../../src/lib/server/benchmark/anonymise';
import { benchmarkStatusOf, scopeLabel, toDistributions } from '../../src/lib/server/benchmark/public-status';
import { quantileSorted, quarterOf, quartilesOf } from '../../src/lib/server/benchmark/quartiles';

const peer = (ods: string, value: number | null, covered = false): PeerValue => ({ ods, name: `${ods} NHS Trust`, value, covered });

describe('quartiles (linear interpolation, Excel QUARTILE.INC / R type 7)', () => {
	it('matches hand-worked examples', () => {
		// 1..5: positions 0, 1, 2, 3, 4 fall on values exactly.
		expect(quartilesOf([5, 1, 3, 2, 4])).toEqual({ min: 1, q1: 2, median: 3, q3: 4, max: 5 });
		// 1..6: Q1 at position 1.25 → 2.25; median at 2.5 → 3.5; Q3 at 3.75 → 4.75.
		expect(quartilesOf([1, 2, 3, 4, 5, 6])).toEqual({ min: 1, q1: 2.25, median: 3.5, q3: 4.75, max: 6 });
		// 10, 20, 30, 40, 100 (Excel QUARTILE.INC gives 20, 30, 40).
		expect(quartilesOf([100, 10, 40, 20, 30])).toEqual({ min: 10, q1: 20, median: 30, q3: 40, max: 100 });
		expect(quartilesOf([7])).toEqual({ min: 7, q1: 7, median: 7, q3: 7, max: 7 });
		expect(quartilesOf([])).toBeNull();
		expect(quantileSorted([0, 1], 0.5)).toBe(0.5);
	});

	it('puts a value on a boundary in the lower quarter, and none in a level group', () => {
		const q = quartilesOf([1, 2, 3, 4, 5])!;
		expect([1, 2, 2.5, 3, 3.5, 4, 5].map((v) => quarterOf(v, q))).toEqual([1, 1, 2, 2, 3, 3, 4]);
		expect(quarterOf(3, quartilesOf([3, 3, 3, 3, 3])!)).toBeNull();
	});
});

describe('anonymisation of peer groups', () => {
	it('withholds a group of four entirely: no quartiles, no names, not even its size', () => {
		const view = anonymisePeerGroup([peer('ZB1', 0.9, true), peer('ZB2', 0.8, true), peer('ZB3', 0.7, true), peer('ZB4', 0.6, true)]);
		expect(view).toEqual({ shown: false, reason: WITHHELD_TEXT });
		expect(WITHHELD_TEXT).toBe('fewer than five organisations: not shown');
		expect(positionWords(view, 0.9, 'trusts', 'higher')).toBe('Not compared: fewer than five organisations: not shown.');
		expect(subjectQuarter(view, 0.9)).toBeNull();
	});

	it('counts only organisations with a figure towards the five', () => {
		const peers = [peer('A', 1), peer('B', 2), peer('C', 3), peer('D', 4), peer('E', null)];
		expect(anonymisePeerGroup(peers).shown).toBe(false);
		expect(anonymisePeerGroup([...peers, peer('F', 5)])).toMatchObject({ shown: true, size: MIN_GROUP });
	});

	it('shows a group of five as anonymised quartiles, naming only the peers the viewer’s grants cover', () => {
		const view = anonymisePeerGroup([peer('ZB1', 0.5), peer('ZB2', 0.6), peer('ZB3', 0.7, true), peer('ZB4', 0.8), peer('ZC1', 0.9)]);
		expect(view).toEqual({
			shown: true,
			size: 5,
			quartiles: { min: 0.5, q1: 0.6, median: 0.7, q3: 0.8, max: 0.9 },
			named: [{ ods: 'ZB3', name: 'ZB3 NHS Trust', value: 0.7 }]
		});
		// Without a covering grant (an it_lead of one trust), no name appears beside any figure.
		const uncovered = anonymisePeerGroup([peer('ZB1', 0.5), peer('ZB2', 0.6), peer('ZB3', 0.7), peer('ZB4', 0.8), peer('ZC1', 0.9)]);
		expect(uncovered.shown && uncovered.named).toEqual([]);
		expect(JSON.stringify(uncovered)).not.toMatch(/ZB|Trust/);
		expect(positionWords(view, 0.9, 'trusts', 'higher')).toBe('In the highest quarter of 5 trusts (higher is better).');
		expect(positionWords(view, 0.5, 'trusts', 'lower')).toBe('In the lowest quarter of 5 trusts (lower is better).');
		expect(positionWords(view, null, 'trusts', null)).toBe('Not compared: no figure for this organisation.');
	});
});

describe('public status distributions', () => {
	it('folds the export’s older spellings into the five statuses', () => {
		expect(benchmarkStatusOf('plan_agreed')).toBe('Approaching Standards');
		expect(benchmarkStatusOf('entry_level')).toBe('Standards Not Met');
		expect(benchmarkStatusOf('not_published')).toBe('Not Published');
		expect(() => benchmarkStatusOf('gold')).toThrow();
	});

	it('counts by edition, with every status present and empty editions at zero', () => {
		const rows = [
			{ edition: '21/22', status: 'standards_met', n: 3 },
			{ edition: '21/22', status: 'plan_agreed', n: 1 },
			{ edition: '21/22', status: 'approaching_standards', n: 2 }
		];
		const [a, b] = toDistributions(rows, ['21/22', '22/23'], scopeLabel({ icb: 'QOP' }));
		expect(a).toEqual({
			edition: '21/22',
			scope: 'ICB QOP',
			total: 6,
			statuses: { 'Standards Exceeded': 0, 'Standards Met': 3, 'Approaching Standards': 3, 'Standards Not Met': 0, 'Not Published': 0 }
		});
		expect(b?.total).toBe(0);
		expect(statusShares(b!)['Standards Met']).toBeNull();
		expect(statusShares(a!)['Standards Met']).toBe(0.5);
		expect(scopeLabel({})).toBe('national');
		expect(scopeLabel({ icb: 'QOP', sector: 'NHS Trust' })).toBe('ICB QOP, sector NHS Trust');
		const chart = statusDistributionChart('x', 'Statuses', [a!, b!]);
		expect(chart.table.columns).toEqual([
			'Edition',
			'Standards Exceeded',
			'Standards Met',
			'Approaching Standards',
			'Standards Not Met',
			'Not Published',
			'Total'
		]);
		expect(chart.table.rows[0]?.cells.at(-1)).toBe('6');
	});
});
