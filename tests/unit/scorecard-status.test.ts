import { describe, expect, it } from 'vitest';
import { coversGap, decideStatus, judgeOutcome, type OutcomeFacts } from '../../src/lib/server/scorecard/status';

const outcome = (id: string, extra: Partial<OutcomeFacts> = {}): OutcomeFacts => ({
	id,
	profile: 'partially_achieved',
	self: 'partially_achieved',
	data: null,
	hardGate: null,
	hardGateHeld: null,
	hasPlannedAction: false,
	...extra
});
const GATE = 'MFA policy met';

describe('coversGap', () => {
	it('needs an open or in-progress action with an owner and a due date', () => {
		expect(coversGap({ status: 'open', owner: 'CISO', dueOn: '2026-06-30' })).toBe(true);
		expect(coversGap({ status: 'in_progress', owner: 'CISO', dueOn: '2026-06-30' })).toBe(true);
		expect(coversGap({ status: 'open', owner: null, dueOn: '2026-06-30' })).toBe(false);
		expect(coversGap({ status: 'open', owner: '  ', dueOn: '2026-06-30' })).toBe(false);
		expect(coversGap({ status: 'open', owner: 'CISO', dueOn: null })).toBe(false);
		expect(coversGap({ status: 'completed', owner: 'CISO', dueOn: '2026-06-30' })).toBe(false);
		expect(coversGap({ status: 'cancelled', owner: 'CISO', dueOn: '2026-06-30' })).toBe(false);
	});
});

describe('judgeOutcome', () => {
	it('caps the self-assessment at the data-indicated level and flags the disagreement', () => {
		const j = judgeOutcome(outcome('B6.b', { self: 'achieved', data: 'not_achieved' }));
		expect(j).toMatchObject({ judged: 'not_achieved', meetsProfile: false, disagreement: true, capped: true, gap: true });
	});
	it('keeps the self-assessment when the data agrees, is higher, or says nothing', () => {
		expect(judgeOutcome(outcome('a', { self: 'achieved', data: 'achieved' }))).toMatchObject({ judged: 'achieved', disagreement: false });
		expect(judgeOutcome(outcome('b', { self: 'partially_achieved', data: 'achieved' }))).toMatchObject({ judged: 'partially_achieved', disagreement: false });
		expect(judgeOutcome(outcome('c', { self: 'achieved', data: null }))).toMatchObject({ judged: 'achieved', meetsProfile: true, disagreement: false });
	});
	it('does not meet the profile without a self-assessment, whatever the data says', () => {
		expect(judgeOutcome(outcome('a', { self: null, data: 'achieved' }))).toMatchObject({ judged: null, meetsProfile: false, gap: true, disagreement: false });
	});
	it('meets the profile at or above it, not below', () => {
		expect(judgeOutcome(outcome('a', { profile: 'achieved', self: 'partially_achieved' })).meetsProfile).toBe(false);
		expect(judgeOutcome(outcome('b', { profile: 'partially_achieved', self: 'achieved' })).meetsProfile).toBe(true);
	});
	it('holds a hard gate only when is_met is true', () => {
		expect(judgeOutcome(outcome('B2.a', { hardGate: GATE, hardGateHeld: true })).gap).toBe(false);
		expect(judgeOutcome(outcome('B2.a', { hardGate: GATE, hardGateHeld: false }))).toMatchObject({ meetsProfile: true, gateFailed: true, gap: true });
		expect(judgeOutcome(outcome('B2.a', { hardGate: GATE, hardGateHeld: null }))).toMatchObject({ gateFailed: true, gap: true });
		expect(judgeOutcome(outcome('B2.b', { hardGateHeld: null })).gateFailed).toBe(false);
	});
});

describe('decideStatus truth table', () => {
	it('is Standards Met when every outcome meets its profile and every hard gate holds', () => {
		const d = decideStatus([outcome('A1.a'), outcome('B2.a', { hardGate: GATE, hardGateHeld: true }), outcome('B6.b', { self: 'achieved' })]);
		expect(d).toMatchObject({ status: 'standards_met', localRule: false, gaps: [], uncovered: [] });
	});
	it('is Not Met with one gap and no action', () => {
		const d = decideStatus([outcome('A1.a'), outcome('B6.b', { self: 'not_achieved' })]);
		expect(d).toMatchObject({ status: 'standards_not_met', gaps: ['B6.b'], uncovered: ['B6.b'] });
	});
	it('is Not Met when the only action lacks an owner or a due date (the service passes coversGap)', () => {
		for (const action of [
			{ status: 'open', owner: null, dueOn: '2026-06-30' },
			{ status: 'open', owner: 'IG lead', dueOn: null }
		]) {
			const d = decideStatus([outcome('A1.a'), outcome('B6.b', { self: 'not_achieved', hasPlannedAction: coversGap(action) })]);
			expect(d.status).toBe('standards_not_met');
		}
	});
	it('is Approaching when every gap has a complete action, and Not Met when one of several has none', () => {
		const gaps = [outcome('A1.a', { self: null, hasPlannedAction: true }), outcome('B6.b', { self: 'not_achieved', hasPlannedAction: true }), outcome('C1.a')];
		expect(decideStatus(gaps)).toMatchObject({ status: 'approaching_standards', gaps: ['A1.a', 'B6.b'], uncovered: [] });
		expect(decideStatus([...gaps, outcome('D1.a', { self: 'not_achieved' })])).toMatchObject({ status: 'standards_not_met', uncovered: ['D1.a'] });
	});
	it('an action on an outcome without a gap changes nothing', () => {
		expect(decideStatus([outcome('A1.a', { hasPlannedAction: true })]).status).toBe('standards_met');
	});
	it('is not Met when a hard gate does not hold though every level meets its profile; Approaching if an action covers it', () => {
		expect(decideStatus([outcome('A1.a'), outcome('B2.a', { self: 'achieved', hardGate: GATE, hardGateHeld: false })]).status).toBe('standards_not_met');
		expect(decideStatus([outcome('A1.a'), outcome('B2.a', { self: 'achieved', hardGate: GATE, hardGateHeld: null })]).status).toBe('standards_not_met');
		expect(decideStatus([outcome('A1.a'), outcome('B2.a', { self: 'achieved', hardGate: GATE, hardGateHeld: false, hasPlannedAction: true })]).status).toBe(
			'approaching_standards'
		);
	});
	it('is Exceeded (a local rule) at exactly 75 % of outcomes Achieved, and Met just under', () => {
		const three = [outcome('a', { self: 'achieved' }), outcome('b', { self: 'achieved' }), outcome('c', { self: 'achieved' })];
		expect(decideStatus([...three, outcome('d')])).toMatchObject({ status: 'standards_exceeded', localRule: true, achieved: 3 });
		// 5 of 7 = 71 %: under three quarters.
		const five = [...three, outcome('d', { self: 'achieved' }), outcome('e', { self: 'achieved' })];
		expect(decideStatus([...five, outcome('f'), outcome('g')])).toMatchObject({ status: 'standards_met', localRule: false, achieved: 5 });
	});
	it('counts Achieved after the cap: self Achieved over data Partially is not Achieved', () => {
		const d = decideStatus([
			outcome('a', { self: 'achieved', data: 'partially_achieved' }),
			outcome('b', { self: 'achieved' }),
			outcome('c', { self: 'achieved' }),
			outcome('d', { self: 'achieved' })
		]);
		expect(d).toMatchObject({ status: 'standards_exceeded', achieved: 3 });
		expect(d.outcomes[0]).toMatchObject({ judged: 'partially_achieved', disagreement: true, meetsProfile: true });
	});
	it('does not Exceed without Met, and an edition with no outcomes is Not Met', () => {
		const all = [
			outcome('a', { self: 'achieved' }),
			outcome('b', { self: 'achieved' }),
			outcome('c', { self: 'achieved' }),
			outcome('d', { self: 'achieved', hardGate: GATE, hardGateHeld: false, hasPlannedAction: true })
		];
		expect(decideStatus(all)).toMatchObject({ status: 'approaching_standards', localRule: false });
		expect(decideStatus([]).status).toBe('standards_not_met');
	});
});
