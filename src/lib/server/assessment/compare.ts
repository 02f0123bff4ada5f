import { LEVELS, type Level } from '../frameworks/levels';
import { CAF_LEVEL_LABELS } from '../frameworks/levels';

/**
 * What changed between two scorecards of the same organisation: the status, and each outcome (matched by
 * its code) whose judged level moved. Pure. An outcome present in only one of them is listed as added or
 * removed, so a change of edition is visible rather than silent.
 */
export interface ComparableScorecard {
	status: string;
	outcomes: readonly { id: string; judged: string | null; meetsProfile: boolean }[];
}

export interface OutcomeChange {
	id: string;
	from: string | null;
	to: string | null;
	direction: 'improved' | 'worsened' | 'added' | 'removed';
}

export interface ScorecardComparison {
	statusBefore: string;
	statusAfter: string;
	meetingBefore: number;
	meetingAfter: number;
	changes: OutcomeChange[];
}

const LABEL_RANK = new Map<string, number>(LEVELS.map((level: Level, i) => [CAF_LEVEL_LABELS[level], i]));
/** No judged level ranks below Not achieved. */
const rank = (label: string | null) => (label === null ? -1 : (LABEL_RANK.get(label) ?? -1));

export function compareScorecards(before: ComparableScorecard, after: ComparableScorecard): ScorecardComparison {
	const earlier = new Map(before.outcomes.map((o) => [o.id, o]));
	const later = new Set(after.outcomes.map((o) => o.id));
	const changes: OutcomeChange[] = [];
	for (const outcome of after.outcomes) {
		const old = earlier.get(outcome.id);
		if (!old) changes.push({ id: outcome.id, from: null, to: outcome.judged, direction: 'added' });
		else if (rank(outcome.judged) !== rank(old.judged)) {
			changes.push({ id: outcome.id, from: old.judged, to: outcome.judged, direction: rank(outcome.judged) > rank(old.judged) ? 'improved' : 'worsened' });
		}
	}
	for (const outcome of before.outcomes) {
		if (!later.has(outcome.id)) changes.push({ id: outcome.id, from: outcome.judged, to: null, direction: 'removed' });
	}
	return {
		statusBefore: before.status,
		statusAfter: after.status,
		meetingBefore: before.outcomes.filter((o) => o.meetsProfile).length,
		meetingAfter: after.outcomes.filter((o) => o.meetsProfile).length,
		changes
	};
}
