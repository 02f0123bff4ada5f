import type { ActionStatus } from '../../schemas/assessment';

/**
 * The improvement plan's arithmetic, pure. An action is overdue when it is still to do (open or in
 * progress) and its due date is before the date the plan is read as of; an action due today is not yet
 * overdue. Completed and cancelled actions are never overdue.
 */
export interface PlanAction {
	id: number;
	itemId: number;
	status: ActionStatus;
	dueOn: string | null;
}

export function isOverdue(action: Pick<PlanAction, 'status' | 'dueOn'>, asOf: string): boolean {
	return (action.status === 'open' || action.status === 'in_progress') && action.dueOn !== null && action.dueOn < asOf;
}

export interface ObjectiveRollUp {
	objective: string;
	title: string;
	total: number;
	open: number;
	inProgress: number;
	completed: number;
	cancelled: number;
	overdue: number;
}

/**
 * Count an edition's actions by objective (A–E), every objective listed even with no actions, in the
 * objectives' order. objectiveOf maps an outcome's item id to its objective's code.
 */
export function rollUpByObjective(
	actions: readonly PlanAction[],
	objectives: readonly { code: string; title: string }[],
	objectiveOf: ReadonlyMap<number, string>,
	asOf: string
): ObjectiveRollUp[] {
	const rows = new Map(
		objectives.map((o) => [o.code, { objective: o.code, title: o.title, total: 0, open: 0, inProgress: 0, completed: 0, cancelled: 0, overdue: 0 }])
	);
	for (const action of actions) {
		const row = rows.get(objectiveOf.get(action.itemId) ?? '');
		if (!row) continue;
		row.total += 1;
		if (action.status === 'open') row.open += 1;
		else if (action.status === 'in_progress') row.inProgress += 1;
		else if (action.status === 'completed') row.completed += 1;
		else row.cancelled += 1;
		if (isOverdue(action, asOf)) row.overdue += 1;
	}
	return [...rows.values()];
}

/** Each item's objective: the code of its top-most ancestor (an objective is its own). */
export function objectiveIndex(items: readonly { id: number; code: string; parent_id: number | null }[]): Map<number, string> {
	const byId = new Map(items.map((i) => [i.id, i]));
	const objectiveOf = new Map<number, string>();
	for (const item of items) {
		let top = item;
		while (top.parent_id !== null && byId.has(top.parent_id)) top = byId.get(top.parent_id)!;
		objectiveOf.set(item.id, top.code);
	}
	return objectiveOf;
}

export interface ObjectiveTree<T> {
	code: string;
	title: string;
	principles: { code: string; title: string; outcomes: T[] }[];
}

/**
 * An edition's outcomes, each turned into a row by `rowOf` (by outcome code; none left out), grouped under
 * their principles and objectives in the edition's order.
 */
export function groupByObjective<T>(
	items: readonly { id: number; code: string; title: string; item_type: string; parent_id: number | null }[],
	rowOf: ReadonlyMap<string, T>
): ObjectiveTree<T>[] {
	const children = (type: string, parentId: number) => items.filter((i) => i.item_type === type && i.parent_id === parentId);
	return items
		.filter((i) => i.item_type === 'objective')
		.map((objective) => ({
			code: objective.code,
			title: objective.title,
			principles: children('principle', objective.id).map((principle) => ({
				code: principle.code,
				title: principle.title,
				outcomes: children('outcome', principle.id).flatMap((o) => {
					const row = rowOf.get(o.code);
					return row === undefined ? [] : [row];
				})
			}))
		}));
}
