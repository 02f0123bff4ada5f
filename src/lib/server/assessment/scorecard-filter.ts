import { scorecardView, type ScorecardView } from '../../schemas/scorecard-filter';
import { parseInput } from '../errors';
import type { ObjectiveGroup, OutcomeRow, ScorecardPage } from './page';

/** Whether an outcome row is one a view shows. Pure. */
export function outcomeShown(o: Pick<OutcomeRow, 'gap' | 'disagreement' | 'overdueActions'>, view: ScorecardView): boolean {
	switch (view) {
		case 'all':
			return true;
		case 'gaps':
			return o.gap;
		case 'flags':
			return o.disagreement;
		case 'overdue':
			return o.overdueActions > 0;
		case 'attention':
			return o.gap || o.disagreement || o.overdueActions > 0;
	}
}

/** The objectives with only the outcomes a view shows; principles and objectives left with none are dropped. Pure. */
export function narrowObjectives(objectives: readonly ObjectiveGroup[], view: ScorecardView): ObjectiveGroup[] {
	return objectives
		.map((objective) => ({
			...objective,
			principles: objective.principles
				.map((principle) => ({ ...principle, outcomes: principle.outcomes.filter((o) => outcomeShown(o, view)) }))
				.filter((principle) => principle.outcomes.length > 0)
		}))
		.filter((objective) => objective.principles.length > 0);
}

export interface NarrowedScorecardPage extends ScorecardPage {
	view: { show: ScorecardView; shown: number; total: number };
}

/** The view a URL asks for (`show`): absent is every outcome; any other value than the views is a ValidationError (a 400). */
export function parseScorecardView(show: string | undefined): ScorecardView {
	return parseInput(scorecardView, 'scorecard view', show ?? 'all');
}

/**
 * The scorecard page narrowed to a view. The status, counts, comparison and plan stay those of the whole
 * scorecard; `view` says how many of how many outcomes are shown.
 */
export function narrowScorecardPage(page: ScorecardPage, view: ScorecardView): NarrowedScorecardPage {
	const objectives = narrowObjectives(page.objectives, view);
	const count = (groups: readonly ObjectiveGroup[]) => groups.reduce((n, o) => n + o.principles.reduce((m, p) => m + p.outcomes.length, 0), 0);
	return { ...page, objectives, view: { show: view, shown: count(objectives), total: count(page.objectives) } };
}
