import type { ScorecardOutcome } from './build';

/**
 * Why an outcome is a gap, in words, so a status line or an export can name the gaps that come from a hard
 * gate rather than a level: an outcome can meet its profile level and still be a gap because its hard gate
 * (e.g. B2.a's MFA policy) is not confirmed met, and a reader of "36 of 47 meet … 12 gaps" should not have
 * to work that out.
 */
export type GapReason = 'below profile' | 'hard gate not held' | 'below profile and hard gate not held';

export interface GapNote {
	id: string;
	reason: GapReason;
	/** The hard gate's wording, when the reason involves it. */
	hardGate: string | null;
}

type Judged = Pick<ScorecardOutcome, 'id' | 'gap' | 'meetsProfile' | 'hardGate' | 'hardGateHeld'>;

/** An outcome's hard gate exists and is not confirmed met. */
export function hardGateFailed(o: Judged): boolean {
	return o.hardGateHeld === false;
}

/** Every gap, in the outcomes' order, with why it is one. */
export function gapNotes(outcomes: readonly Judged[]): GapNote[] {
	return outcomes
		.filter((o) => o.gap)
		.map((o) => {
			const gate = hardGateFailed(o);
			const reason: GapReason = !o.meetsProfile && gate ? 'below profile and hard gate not held' : gate ? 'hard gate not held' : 'below profile';
			return { id: o.id, reason, hardGate: gate ? o.hardGate : null };
		});
}

/** "B2.a's hard gate is not confirmed met", or "the hard gates of B2.a and C1.b are not confirmed met"; null with none. */
export function describeHardGateGaps(notes: readonly GapNote[]): string | null {
	const ids = notes.filter((n) => n.reason !== 'below profile').map((n) => n.id);
	if (ids.length === 0) return null;
	if (ids.length === 1) return `${ids[0]}'s hard gate is not confirmed met`;
	return `the hard gates of ${ids.slice(0, -1).join(', ')} and ${ids.at(-1)} are not confirmed met`;
}
