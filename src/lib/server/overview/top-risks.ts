import type { ScorecardOutcome } from '../scorecard/build';

/**
 * What a board should look at first, pure: the largest gaps (how far the judged level falls short of the
 * profile; no self-assessment counts as furthest; an unplanned gap before a planned one), the veracity
 * flags, and the overdue improvement actions (longest overdue first).
 */
export interface GapRisk {
	id: string;
	title: string;
	judged: string | null;
	profile: string | null;
	/** Levels short of the profile: 1 or 2, 3 when not self-assessed at all. */
	shortfall: number;
	planned: boolean;
	hardGateFailed: boolean;
}

export interface OverdueRisk {
	id: number;
	outcome: string;
	title: string;
	owner: string | null;
	dueOn: string;
	daysOverdue: number;
}

const RANK: Record<string, number> = { 'Not achieved': 0, 'Partially achieved': 1, Achieved: 2 };

export function largestGaps(outcomes: readonly ScorecardOutcome[], limit = 5): GapRisk[] {
	return outcomes
		.filter((o) => o.gap)
		.map((o) => {
			const hardGateFailed = o.hardGate !== null && o.hardGateHeld !== true;
			const short = o.judged === null ? 3 : Math.max(0, (RANK[o.profile ?? 'Not achieved'] ?? 0) - (RANK[o.judged] ?? 0));
			return {
				id: o.id,
				title: o.title,
				judged: o.judged,
				profile: o.profile,
				shortfall: Math.max(short, hardGateFailed ? 1 : 0),
				planned: o.planned,
				hardGateFailed
			};
		})
		.sort(
			(a, b) =>
				Number(b.hardGateFailed) - Number(a.hardGateFailed) || Number(a.planned) - Number(b.planned) || b.shortfall - a.shortfall || a.id.localeCompare(b.id)
		)
		.slice(0, limit);
}

const DAY = 86_400_000;

export function overdueActions(
	actions: readonly { id: number; outcome: string; title: string; owner: string | null; dueOn: string | null; overdue: boolean }[],
	asOf: string,
	limit = 5
): OverdueRisk[] {
	return actions
		.filter((a): a is typeof a & { dueOn: string } => a.overdue && a.dueOn !== null)
		.map((a) => ({
			id: a.id,
			outcome: a.outcome,
			title: a.title,
			owner: a.owner,
			dueOn: a.dueOn,
			daysOverdue: Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${a.dueOn}T00:00:00Z`)) / DAY)
		}))
		.sort((a, b) => b.daysOverdue - a.daysOverdue || a.id - b.id)
		.slice(0, limit);
}
