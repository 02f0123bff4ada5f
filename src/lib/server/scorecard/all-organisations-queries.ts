import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** Every organisation's responses in its assessment of this edition (queries.ts selectResponses, for all at once). */
export function selectAllResponses(db: Kysely<DB>, frameworkId: number) {
	return db
		.selectFrom('assessment_response as r')
		.innerJoin('assessment as a', 'a.id', 'r.assessment_id')
		.select(['a.organisation_id', 'r.framework_item_id', 'r.self_level', 'r.is_met'])
		.where('a.framework_id', '=', frameworkId)
		.execute();
}

/** Every organisation's improvement actions on this edition's items (queries.ts selectActions, for all at once). */
export function selectAllActions(db: Kysely<DB>, frameworkId: number) {
	return db
		.selectFrom('improvement_action as a')
		.innerJoin('framework_item as i', 'i.id', 'a.framework_item_id')
		.select(['a.organisation_id', 'a.framework_item_id', 'a.status', 'a.owner', 'a.due_on'])
		.where('i.framework_id', '=', frameworkId)
		.execute();
}
