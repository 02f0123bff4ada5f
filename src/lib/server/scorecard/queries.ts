import type { Kysely } from 'kysely';
import { inForceOn } from '../db/as-of-sql';
import type { DB } from '../db/schema';

export function findFramework(db: Kysely<DB>, code: string, edition: string) {
	return db
		.selectFrom('framework')
		.select(['id', 'code', 'edition', 'name', 'generation'])
		.where('code', '=', code)
		.where('edition', '=', edition)
		.executeTakeFirst();
}

export function selectOutcomes(db: Kysely<DB>, frameworkId: number) {
	return db
		.selectFrom('framework_item')
		.select(['id', 'code', 'title', 'profile_level', 'profile_source', 'hard_gate', 'data_rules'])
		.where('framework_id', '=', frameworkId)
		.where('item_type', '=', 'outcome')
		.orderBy('sort_order')
		.orderBy('code')
		.execute();
}

/** The organisation's responses in its assessment of this edition (at most one) as they stood at the end of the date. */
export function selectResponses(db: Kysely<DB>, organisationId: number, frameworkId: number, asOf: string) {
	return db
		.selectFrom('assessment_response_history as r')
		.innerJoin('assessment as a', 'a.id', 'r.assessment_id')
		.select(['r.framework_item_id', 'r.self_level', 'r.is_met'])
		.where('a.organisation_id', '=', organisationId)
		.where('a.framework_id', '=', frameworkId)
		.where(inForceOn('r', asOf))
		.execute();
}

/**
 * The organisation's improvement actions on this edition's items, whatever assessment they hang from, as
 * they stood at the end of the date: a gap is judged covered by the plan of the day, not today's.
 */
export function selectActions(db: Kysely<DB>, organisationId: number, frameworkId: number, asOf: string) {
	return db
		.selectFrom('improvement_action_history as a')
		.innerJoin('framework_item as i', 'i.id', 'a.framework_item_id')
		.select(['a.framework_item_id', 'a.status', 'a.owner', 'a.due_on'])
		.where('a.organisation_id', '=', organisationId)
		.where('i.framework_id', '=', frameworkId)
		.where(inForceOn('a', asOf))
		.execute();
}
