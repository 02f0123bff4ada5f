import { levelRank, type Level } from '../frameworks/levels';

/**
 * The DSPT status of one organisation against one CAF-aligned edition, decided from per-outcome facts.
 * Pure: the service gathers the facts, this decides.
 *
 * Per outcome:
 * - judged level = the self-assessed level, capped at the data-indicated level when the data indicates one.
 *   The data cannot be claimed past: a self-assessment of Achieved beside data showing Partially achieved
 *   is judged Partially achieved. With no data-indicated level the self-assessment stands. With no
 *   self-assessment there is no judged level, and the outcome does not meet its profile (an unanswered
 *   outcome is never assumed met).
 * - meetsProfile = judged level at or above the profile level (an outcome without a profile level needs
 *   only a self-assessment).
 * - a hard gate holds only when the response for that outcome says it is met (is_met = true); null or
 *   false do not hold. An outcome without a hard gate has nothing to hold.
 * - gap = the outcome does not meet its profile, or its hard gate does not hold.
 * - disagreement (the assessor's veracity question) = the self-assessed level is above the data-indicated one.
 *
 * Overall:
 * - Standards Met: at least one outcome, and no gaps.
 * - Standards Exceeded (a local rule, not an NHS England status, so flagged localRule): Standards Met and
 *   at least three quarters of the outcomes judged Achieved.
 * - Approaching Standards: every gap is covered by a planned improvement action (see coversGap).
 * - otherwise Standards Not Met.
 */
export interface OutcomeFacts {
	id: string;
	profile: Level | null;
	self: Level | null;
	data: Level | null;
	/** The hard gate's text, or null when the outcome has none. */
	hardGate: string | null;
	/** The response's is_met for the outcome; only true holds the gate. */
	hardGateHeld: boolean | null;
	/** At least one improvement action on the outcome satisfies coversGap. */
	hasPlannedAction: boolean;
}

export interface OutcomeJudgement {
	id: string;
	judged: Level | null;
	meetsProfile: boolean;
	/** The outcome has a hard gate and it is not held. */
	gateFailed: boolean;
	gap: boolean;
	/** A gap with a planned improvement action. */
	covered: boolean;
	disagreement: boolean;
	/** The self-assessment was lowered to the data-indicated level. */
	capped: boolean;
}

export const STATUSES = ['standards_exceeded', 'standards_met', 'approaching_standards', 'standards_not_met'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
	standards_exceeded: 'Standards Exceeded',
	standards_met: 'Standards Met',
	approaching_standards: 'Approaching Standards',
	standards_not_met: 'Standards Not Met'
};

export const EXCEEDED_RULE = 'Standards Exceeded is a local rule, not an NHS England status: Standards Met and at least 75 % of outcomes judged Achieved';

export interface StatusDecision {
	status: Status;
	/** True when the status comes from a local rule (Standards Exceeded) rather than the DSPT's own. */
	localRule: boolean;
	outcomes: OutcomeJudgement[];
	/** Ids of the outcomes with a gap, and of those among them no planned action covers. */
	gaps: string[];
	uncovered: string[];
	achieved: number;
}

/** An action that covers a gap: still to do (open or in progress), with a named owner and a due date. */
export function coversGap(action: { status: string; owner: string | null; dueOn: string | null }): boolean {
	return (action.status === 'open' || action.status === 'in_progress') && (action.owner?.trim() ?? '') !== '' && action.dueOn !== null && action.dueOn !== '';
}

export function judgeOutcome(o: OutcomeFacts): OutcomeJudgement {
	const capped = o.self !== null && o.data !== null && levelRank(o.self) > levelRank(o.data);
	const judged = capped ? o.data : o.self;
	const meetsProfile = judged !== null && (o.profile === null || levelRank(judged) >= levelRank(o.profile));
	const gateFailed = o.hardGate !== null && o.hardGateHeld !== true;
	const gap = !meetsProfile || gateFailed;
	return { id: o.id, judged, meetsProfile, gateFailed, gap, covered: gap && o.hasPlannedAction, disagreement: capped, capped };
}

export function decideStatus(facts: readonly OutcomeFacts[]): StatusDecision {
	const outcomes = facts.map(judgeOutcome);
	const gaps = outcomes.filter((o) => o.gap).map((o) => o.id);
	const uncovered = outcomes.filter((o) => o.gap && !o.covered).map((o) => o.id);
	const achieved = outcomes.filter((o) => o.judged === 'achieved').length;
	const base = { localRule: false, outcomes, gaps, uncovered, achieved };
	// An edition with no outcomes proves nothing.
	if (outcomes.length === 0) return { ...base, status: 'standards_not_met' };
	if (gaps.length === 0) {
		// Integer comparison: exactly three quarters counts, with no floating-point doubt.
		if (achieved * 4 >= outcomes.length * 3) return { ...base, status: 'standards_exceeded', localRule: true };
		return { ...base, status: 'standards_met' };
	}
	return { ...base, status: uncovered.length === 0 ? 'approaching_standards' : 'standards_not_met' };
}
