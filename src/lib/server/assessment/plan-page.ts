import type { ActionStatus } from '../../schemas/assessment';
import { isoDate } from '../../schemas/common';
import type { ServiceContext } from '../context';
import { parseInput } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { requireEdition } from './outcome-ref';
import { isOverdue, objectiveIndex, rollUpByObjective, type ObjectiveRollUp } from './plan';
import * as q from './queries';

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
export async function getImprovementPlan(
	ctx: ServiceContext,
	ods: string,
	edition: string,
	asOf: string = new Date().toISOString().slice(0, 10)
): Promise<PlanPage> {
	const date = parseInput(isoDate, 'as-of date', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	const framework = await requireEdition(ctx, edition);
	const [items, actions] = await Promise.all([q.selectItems(ctx.db, framework.id), q.selectActions(ctx.db, org.id, framework.id)]);
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
