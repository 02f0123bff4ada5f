import { describe, expect, it } from 'vitest';
import { describeHardGateGaps, gapNotes } from '../../src/lib/server/scorecard/gaps';

const o = (id: string, gap: boolean, meetsProfile: boolean, hardGateHeld: boolean | null) => ({
	id,
	gap,
	meetsProfile,
	hardGate: hardGateHeld === null ? null : 'MFA on every remote and privileged account',
	hardGateHeld
});

describe('why each gap is one', () => {
	it('names a gap that meets its profile but fails its hard gate, and one that does both', () => {
		const notes = gapNotes([
			o('A1.a', false, true, null),
			o('A2.a', true, false, null),
			o('B2.a', true, true, false),
			o('B2.b', true, false, false),
			o('C1.a', false, true, true)
		]);
		expect(notes).toEqual([
			{ id: 'A2.a', reason: 'below profile', hardGate: null },
			{ id: 'B2.a', reason: 'hard gate not held', hardGate: 'MFA on every remote and privileged account' },
			{ id: 'B2.b', reason: 'below profile and hard gate not held', hardGate: 'MFA on every remote and privileged account' }
		]);
		expect(describeHardGateGaps(notes)).toBe('the hard gates of B2.a and B2.b are not confirmed met');
		expect(describeHardGateGaps(notes.slice(0, 2))).toBe("B2.a's hard gate is not confirmed met");
		expect(describeHardGateGaps(notes.slice(0, 1))).toBeNull();
	});
});
