import type { Kysely } from 'kysely';
import { inForceOn } from '../db/as-of-sql';
import type { DB } from '../db/schema';

/** Every organisation's responses in its assessment of this edition at the end of the date (queries.ts selectResponses, for all at once). */
export function selectAllResponses(db: Kysely<DB>, frameworkId: number, asOf: string) {
	return db
		.selectFrom('assessment_response_history as r')
		.innerJoin('assessment as a', 'a.id', 'r.assessment_id')
		.select(['a.organisation_id', 'r.framework_item_id', 'r.self_level', 'r.is_met'])
		.where('a.framework_id', '=', frameworkId)
		.where(inForceOn('r', asOf))
		.execute();
}

/** Every organisation's improvement actions on this edition's items at the end of the date (queries.ts selectActions, for all at once). */
export function selectAllActions(db: Kysely<DB>, frameworkId: number, asOf: string) {
	return db
		.selectFrom('improvement_action_history as a')
		.innerJoin('framework_item as i', 'i.id', 'a.framework_item_id')
		.select(['a.organisation_id', 'a.framework_item_id', 'a.status', 'a.owner', 'a.due_on'])
		.where('i.framework_id', '=', frameworkId)
		.where(inForceOn('a', asOf))
		.execute();
}
