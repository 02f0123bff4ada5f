import { describe, expect, it } from 'vitest';
import { describeScorecardView } from '../../src/lib/schemas/scorecard-filter';
import type { ObjectiveGroup, OutcomeRow } from '../../src/lib/server/assessment/page';
import { narrowObjectives, outcomeShown, parseScorecardView } from '../../src/lib/server/assessment/scorecard-filter';
import { ValidationError } from '../../src/lib/server/errors';

const row = (id: string, o: Partial<OutcomeRow> = {}): OutcomeRow =>
	({ id, title: `Outcome ${id}`, gap: false, disagreement: false, overdueActions: 0, ...o }) as OutcomeRow;

/** A: A1.a a gap, A1.b fine; B: B2.a flagged and overdue, B2.b overdue only; B3.a fine; C: C1.a fine. */
const objectives: ObjectiveGroup[] = [
	{ code: 'A', title: 'Managing risk', principles: [{ code: 'A1', title: 'Governance', outcomes: [row('A1.a', { gap: true }), row('A1.b')] }] },
	{
		code: 'B',
		title: 'Protecting',
		principles: [
			{ code: 'B2', title: 'Identity', outcomes: [row('B2.a', { disagreement: true, overdueActions: 2 }), row('B2.b', { overdueActions: 1 })] },
			{ code: 'B3', title: 'Data', outcomes: [row('B3.a')] }
		]
	},
	{ code: 'C', title: 'Detecting', principles: [{ code: 'C1', title: 'Monitoring', outcomes: [row('C1.a')] }] }
];
const ids = (groups: ObjectiveGroup[]) => groups.flatMap((o) => o.principles.flatMap((p) => p.outcomes.map((x) => x.id)));

describe('narrowing the scorecard to what needs attention', () => {
	it('shows gaps, veracity flags, overdue actions, or any of them', () => {
		expect(ids(narrowObjectives(objectives, 'all'))).toEqual(['A1.a', 'A1.b', 'B2.a', 'B2.b', 'B3.a', 'C1.a']);
		expect(ids(narrowObjectives(objectives, 'gaps'))).toEqual(['A1.a']);
		expect(ids(narrowObjectives(objectives, 'flags'))).toEqual(['B2.a']);
		expect(ids(narrowObjectives(objectives, 'overdue'))).toEqual(['B2.a', 'B2.b']);
		expect(ids(narrowObjectives(objectives, 'attention'))).toEqual(['A1.a', 'B2.a', 'B2.b']);
		expect(outcomeShown(row('X', { overdueActions: 0, gap: false, disagreement: false }), 'attention')).toBe(false);
	});

	it('drops principles and objectives left with no outcome, keeping the order', () => {
		const narrowed = narrowObjectives(objectives, 'attention');
		expect(narrowed.map((o) => [o.code, o.principles.map((p) => p.code)])).toEqual([
			['A', ['A1']],
			['B', ['B2']]
		]);
		expect(narrowObjectives(objectives, 'gaps').map((o) => o.code)).toEqual(['A']);
		// The page's own groups are left as they were.
		expect(ids(objectives)).toHaveLength(6);
	});

	it('reads the view from the URL: absent is every outcome; anything else is refused', () => {
		expect(parseScorecardView(undefined)).toBe('all');
		expect(parseScorecardView('flags')).toBe('flags');
		for (const bad of ['Attention', 'gap', 'all;drop', 'x'.repeat(500)]) expect(() => parseScorecardView(bad)).toThrow(ValidationError);
	});

	it('says what a narrowed page shows, and how many of how many', () => {
		expect(describeScorecardView({ show: 'attention', shown: 3, total: 47 }, '30 September 2026')).toBe(
			'Showing the 3 of 47 outcomes that need attention: a gap against the profile, a self-assessment above the data, or an overdue improvement action, as of 30 September 2026.'
		);
		expect(describeScorecardView({ show: 'attention', shown: 1, total: 47 }, '30 September 2026')).toBe(
			'Showing the 1 of 47 outcomes that needs attention: a gap against the profile, a self-assessment above the data, or an overdue improvement action, as of 30 September 2026.'
		);
		expect(describeScorecardView({ show: 'flags', shown: 4, total: 47 }, '31 March 2026')).toBe(
			'Showing the 4 of 47 outcomes self-assessed above what the data shows, as of 31 March 2026.'
		);
		expect(describeScorecardView({ show: 'overdue', shown: 0, total: 47 }, '31 March 2026')).toBe(
			'No outcome of the 47 has an overdue improvement action, as of 31 March 2026.'
		);
		expect(describeScorecardView({ show: 'all', shown: 47, total: 47 }, '31 March 2026')).toBe('Showing all 47 outcomes, as of 31 March 2026.');
	});
});
