import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADING_RULES } from '../../src/lib/server/incidents/grading';
import { editionStart, gradingPeriodOn, gradingPeriods, gradingRulesOn, type GradingEdition } from '../../src/lib/server/incidents/grading-periods';

const STRICT = { icoMinLikelihood: 4, icoMinSeverity: 3, dhscMinSeverity: 5 };
const LOOSE = { icoMinLikelihood: 2, icoMinSeverity: 2, dhscMinSeverity: 3 };
const at = (iso: string) => new Date(iso);
const edition = (code: string, name: string, rules: GradingEdition['rules'], loadedAt = '2026-01-01T00:00:00Z'): GradingEdition => ({
	code,
	edition: name,
	rules,
	loadedAt: at(loadedAt)
});

describe('incident grading rules in force by date', () => {
	it('starts an edition on 1 April of its first year', () => {
		expect(editionStart('2024-25')).toBe('2024-04-01');
		expect(editionStart('2099-00')).toBe('2099-04-01');
	});

	it('uses the defaults when no edition states rules, or before the first one that does', () => {
		expect(gradingRulesOn([], '2025-01-01')).toEqual(DEFAULT_GRADING_RULES);
		expect(gradingRulesOn([edition('dspt-caf', '2024-25', null)], '2025-01-01')).toEqual(DEFAULT_GRADING_RULES);
		const editions = [edition('dspt-caf', '2024-25', STRICT)];
		expect(gradingRulesOn(editions, '2024-03-31')).toEqual(DEFAULT_GRADING_RULES);
		expect(gradingPeriodOn(gradingPeriods(editions), '2024-03-31').source).toBeNull();
	});

	it('changes rules between 31 March and 1 April, by the date of an instant in London', () => {
		const editions = [edition('dspt-ndg', '2023-24', LOOSE), edition('dspt-caf', '2024-25', STRICT)];
		expect(gradingRulesOn(editions, '2024-03-31')).toEqual(LOOSE);
		expect(gradingRulesOn(editions, '2024-04-01')).toEqual(STRICT);
		// 1 April starts at 23:00 UTC on 31 March in London (BST): 00:30 there is in the new year.
		expect(gradingRulesOn(editions, at('2024-03-31T22:59:59.999Z'))).toEqual(LOOSE);
		expect(gradingRulesOn(editions, at('2024-03-31T23:00:00Z'))).toEqual(STRICT);
		expect(gradingRulesOn(editions, '2024-04-01T00:30:00+01:00')).toEqual(STRICT);
		expect(gradingRulesOn(editions, at('2024-03-31T23:30:00Z'))).toEqual(STRICT);
		expect(gradingRulesOn(editions, '2023-04-01')).toEqual(LOOSE);
		expect(gradingRulesOn(editions, '2023-03-31')).toEqual(DEFAULT_GRADING_RULES);
	});

	it('keeps the latest earlier rules in force after an edition’s year, and through an edition stating none', () => {
		const editions = [edition('dspt-caf', '2024-25', STRICT), edition('dspt-caf', '2025-26', null)];
		expect(gradingRulesOn(editions, '2025-03-31')).toEqual(STRICT);
		expect(gradingRulesOn(editions, '2025-04-01')).toEqual(STRICT);
		expect(gradingRulesOn(editions, '2031-06-30')).toEqual(STRICT);
		expect(gradingPeriodOn(gradingPeriods(editions), '2031-06-30').source).toEqual({ code: 'dspt-caf', edition: '2024-25' });
	});

	it('lists the periods of all time, oldest first, from the editions in any order', () => {
		const periods = gradingPeriods([edition('dspt-caf', '2025-26', STRICT), edition('dspt-ndg', '2023-24', LOOSE)]);
		expect(periods).toEqual([
			{ from: null, to: '2023-04-01', rules: DEFAULT_GRADING_RULES, source: null },
			{ from: '2023-04-01', to: '2025-04-01', rules: LOOSE, source: { code: 'dspt-ndg', edition: '2023-24' } },
			{ from: '2025-04-01', to: null, rules: STRICT, source: { code: 'dspt-caf', edition: '2025-26' } }
		]);
	});

	it('lets the edition loaded last win when two frameworks of one year both state rules', () => {
		const first = edition('dspt-caf', '2024-25', STRICT, '2026-01-01T00:00:00Z');
		const later = edition('dspt-ndg', '2024-25', LOOSE, '2026-02-01T00:00:00Z');
		expect(gradingRulesOn([later, first], '2024-06-01')).toEqual(LOOSE);
		expect(gradingRulesOn([first, { ...later, loadedAt: at('2025-12-01T00:00:00Z') }], '2024-06-01')).toEqual(STRICT);
		expect(gradingPeriods([first, later])).toHaveLength(2);
	});
});
