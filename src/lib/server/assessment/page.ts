import type { ActionStatus, Verdict } from '../../schemas/assessment';
import { isoDate } from '../../schemas/common';
import { can } from '../auth/capabilities';
import { parseAsOf } from '../as-of';
import type { ServiceContext } from '../context';
import { parseInput } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { DSPT_CAF_CODE, getScorecard, type Scorecard, type ScorecardOutcome } from '../scorecard/service';
import { compareScorecards, type ScorecardComparison } from './compare';
import { requireEdition } from './outcome-ref';
import { groupByObjective, isOverdue, objectiveIndex, rollUpByObjective, type ObjectiveRollUp } from './plan';
import * as q from './queries';
import { today } from '../db/day';
import { resolvePageDate } from '../freshness/page-date';

export interface OutcomeRow extends ScorecardOutcome {
	evidenceFiles: number;
	actionsToDo: number;
	overdueActions: number;
	/** The newest assessor finding on the outcome, if any. */
	finding: Verdict | null;
}

export interface PrincipleGroup {
	code: string;
	title: string;
	outcomes: OutcomeRow[];
}

export interface ObjectiveGroup {
	code: string;
	title: string;
	principles: PrincipleGroup[];
}

export interface ScorecardPage {
	scorecard: Scorecard;
	/** Set when the address named no date and the page opened at the organisation's data end (freshness/page-date.ts). */
	opensAtDataEnd: string | null;
	objectives: ObjectiveGroup[];
	plan: ObjectiveRollUp[];
	/** With the previous edition loaded, else with this edition's self-assessment against the data a year earlier. */
	comparison: { kind: 'edition' | 'baseline'; edition: string; asOf: string; result: ScorecardComparison };
	assessmentStatus: string | null;
	counts: { outcomes: number; meeting: number; disagreements: number; selfAssessed: number; overdueActions: number };
}

export interface Permissions {
	canEdit: boolean;
	canAssess: boolean;
}

/** The same day a year earlier (29 February → 28 February). */
export function yearEarlier(date: string): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
	return `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** What the actor may do on the organisation's scorecard pages: forms are shown only to those who may use them. */
export async function scorecardPermissions(ctx: ServiceContext, ods: string): Promise<Permissions> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const ref = { id: org.id, parentId: org.parent_id };
	return { canEdit: can(ctx.actor, ref, 'edit'), canAssess: can(ctx.actor, ref, 'assess') };
}

/**
 * The scorecard page: objective → principle → outcome, with each outcome's levels, evidence, actions and
 * findings; the improvement plan rolled up by objective; and a comparison with the previous edition when
 * one is loaded, else with the data a year earlier (a baseline) under the self-assessment of the page's date.
 */
export async function getScorecardPage(ctx: ServiceContext, ods: string, edition: string, asOf?: string): Promise<ScorecardPage> {
	parseAsOf('scorecard page', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	const { asOf: date, opensAtDataEnd } = await resolvePageDate(ctx, org.id, 'scorecard page', asOf);
	const framework = await requireEdition(ctx, edition);
	const [scorecard, items, assessment, actions, editions] = await Promise.all([
		getScorecard(ctx, org.ods_code, framework.edition, date),
		q.selectItems(ctx.db, framework.id),
		q.findAssessment(ctx.db, org.id, framework.id, date),
		q.selectActions(ctx.db, org.id, framework.id, date),
		q.selectEditions(ctx.db, framework.code)
	]);
	const [evidence, findings] = assessment
		? await Promise.all([q.selectEvidence(ctx.db, assessment.id, date), q.selectFindings(ctx.db, assessment.id, date)])
		: [[], []];

	const objectiveOf = objectiveIndex(items);
	const itemIdOf = new Map(items.map((i) => [i.code, i.id]));
	const planActions = actions.map((a) => ({ id: a.id, itemId: a.framework_item_id!, status: a.status, dueOn: a.due_on }));

	const rows = new Map<string, OutcomeRow>();
	for (const outcome of scorecard.outcomes) {
		const itemId = itemIdOf.get(outcome.id);
		const mine = planActions.filter((a) => a.itemId === itemId);
		rows.set(outcome.id, {
			...outcome,
			evidenceFiles: evidence.filter((e) => e.framework_item_id === itemId).length,
			actionsToDo: mine.filter((a) => a.status === 'open' || a.status === 'in_progress').length,
			overdueActions: mine.filter((a) => isOverdue(a, date)).length,
			finding: findings.find((f) => f.framework_item_id === itemId)?.verdict ?? null
		});
	}

	const objectives: ObjectiveGroup[] = groupByObjective(items, rows);

	// The previous edition loaded (its own self-assessment, the data a year earlier); else this edition's
	// self-assessment against the data a year earlier, as a baseline.
	const previous = editions.filter((e) => e.edition < framework.edition).at(-1);
	const baselineDate = yearEarlier(date);
	// A baseline keeps the self-assessment of the page's date (what is claimed now, against last year's data).
	const before = previous
		? await getScorecard(ctx, org.ods_code, previous.edition, baselineDate)
		: await getScorecard(ctx, org.ods_code, framework.edition, baselineDate, date);
	const comparison = {
		kind: previous ? ('edition' as const) : ('baseline' as const),
		edition: before.edition,
		asOf: baselineDate,
		result: compareScorecards(before, scorecard)
	};

	const outcomes = scorecard.outcomes;
	return {
		scorecard,
		opensAtDataEnd,
		objectives,
		plan: rollUpByObjective(
			planActions,
			items.filter((i) => i.item_type === 'objective'),
			objectiveOf,
			date
		),
		comparison,
		assessmentStatus: assessment?.status ?? null,
		counts: {
			outcomes: outcomes.length,
			meeting: outcomes.filter((o) => o.meetsProfile).length,
			disagreements: outcomes.filter((o) => o.disagreement).length,
			selfAssessed: outcomes.filter((o) => o.self !== null).length,
			overdueActions: planActions.filter((a) => isOverdue(a, date)).length
		}
	};
}

/** The loaded editions of the CAF-aligned DSPT, newest first, for an organisation the actor may read. */
export async function listScorecardEditions(
	ctx: ServiceContext,
	ods: string
): Promise<{ org: { ods: string; name: string }; editions: { edition: string; name: string }[] }> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const editions = await q.selectEditions(ctx.db, DSPT_CAF_CODE);
	return { org: { ods: org.ods_code, name: org.name }, editions: editions.map((e) => ({ edition: e.edition, name: e.name })).reverse() };
}

export interface PlanPage {
	org: { ods: string; name: string };
	edition: string;
	asOf: string;
	rollUp: ObjectiveRollUp[];
	actions: {
		id: number;
		itemId: number;
		outcome: string;
		outcomeTitle: string;
		objective: string;
		title: string;
		owner: string | null;
		dueOn: string | null;
		status: ActionStatus;
		progressNote: string | null;
		overdue: boolean;
	}[];
}

/**
 * The organisation's improvement plan for an edition: every action with its outcome and objective, overdue
 * ones first, then by due date (undated last); and the counts by objective.
 */
export async function getImprovementPlan(ctx: ServiceContext, ods: string, edition: string, asOf: string = today()): Promise<PlanPage> {
	const date = parseInput(isoDate, 'as-of date', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	const framework = await requireEdition(ctx, edition);
	const [items, actions] = await Promise.all([q.selectItems(ctx.db, framework.id), q.selectActions(ctx.db, org.id, framework.id, date)]);
	const byId = new Map(items.map((i) => [i.id, i]));
	const objectiveOf = objectiveIndex(items);
	const rows = actions.map((a) => {
		const status = a.status;
		const itemId = a.framework_item_id!;
		return {
			id: a.id,
			itemId,
			outcome: a.item_code,
			outcomeTitle: byId.get(itemId)?.title ?? '',
			objective: objectiveOf.get(itemId) ?? '',
			title: a.title,
			owner: a.owner,
			dueOn: a.due_on,
			status,
			progressNote: a.progress_note,
			overdue: isOverdue({ status, dueOn: a.due_on }, date)
		};
	});
	rows.sort((x, y) => Number(y.overdue) - Number(x.overdue) || (x.dueOn ?? '9999').localeCompare(y.dueOn ?? '9999') || x.id - y.id);
	return {
		org: { ods: org.ods_code, name: org.name },
		edition: framework.edition,
		asOf: date,
		rollUp: rollUpByObjective(
			rows,
			items.filter((i) => i.item_type === 'objective'),
			objectiveOf,
			date
		),
		actions: rows
	};
}
