import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, Framework, FrameworkItem, Json } from '../db/schema';

export function findFrameworkForUpdate(db: Kysely<DB>, code: string, edition: string) {
	return db.selectFrom('framework').selectAll().where('code', '=', code).where('edition', '=', edition).forUpdate().executeTakeFirst();
}

export function insertFramework(db: Kysely<DB>, row: Insertable<Framework>) {
	return db.insertInto('framework').values(row).returning('id').executeTakeFirstOrThrow();
}

type GradingColumns = 'ico_min_likelihood' | 'ico_min_severity' | 'dhsc_min_severity';

export function updateFramework(
	db: Kysely<DB>,
	id: number,
	row: Pick<Insertable<Framework>, 'name' | 'generation' | 'source' | 'definition_sha256' | GradingColumns>
) {
	return db
		.updateTable('framework')
		.set({ ...row, loaded_at: sql`now()` })
		.where('id', '=', id)
		.execute();
}

/** What still points at a framework edition: assessments of it, and improvement actions on its items. */
export async function countFrameworkReferences(db: Kysely<DB>, frameworkId: number): Promise<{ assessments: number; actions: number }> {
	const row = await db
		.selectNoFrom((eb) => [
			eb
				.selectFrom('assessment')
				.where('framework_id', '=', frameworkId)
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('assessments'),
			eb
				.selectFrom('improvement_action as a')
				.innerJoin('framework_item as i', 'i.id', 'a.framework_item_id')
				.where('i.framework_id', '=', frameworkId)
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('actions')
		])
		.executeTakeFirstOrThrow();
	return { assessments: Number(row.assessments ?? 0), actions: Number(row.actions ?? 0) };
}

export function deleteFrameworkItems(db: Kysely<DB>, frameworkId: number) {
	return db.deleteFrom('framework_item').where('framework_id', '=', frameworkId).execute();
}

export type FrameworkItemRow = Omit<Insertable<FrameworkItem>, 'data_rules'> & { data_rules: unknown[] };

/** Insert one level of the tree; the codes and ids come back so the next level can name its parents. */
export function insertFrameworkItems(db: Kysely<DB>, rows: FrameworkItemRow[]) {
	if (rows.length === 0) return Promise.resolve([]);
	// jsonb from text: pg would send a JavaScript array as a PostgreSQL array literal.
	const values = rows.map((r) => ({ ...r, data_rules: sql<Json>`cast(${JSON.stringify(r.data_rules)} as jsonb)` }));
	return db.insertInto('framework_item').values(values).returning(['id', 'code']).execute();
}

export function selectFrameworksWithCounts(db: Kysely<DB>) {
	return db
		.selectFrom('framework as f')
		.select((eb) => [
			'f.id',
			'f.code',
			'f.edition',
			'f.name',
			'f.generation',
			'f.source',
			'f.definition_sha256',
			'f.loaded_at',
			eb
				.selectFrom('framework_item as i')
				.whereRef('i.framework_id', '=', 'f.id')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('items'),
			eb
				.selectFrom('framework_item as i')
				.whereRef('i.framework_id', '=', 'f.id')
				.where('i.item_type', 'in', ['outcome', 'evidence_item'])
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('assessable')
		])
		.orderBy('f.code')
		.orderBy('f.edition')
		.execute();
}

/** An edition's items as stored, each with its parent's code, to compare with a file's. */
export function selectFrameworkItemDefinitions(db: Kysely<DB>, frameworkId: number) {
	return db
		.selectFrom('framework_item as i')
		.leftJoin('framework_item as p', 'p.id', 'i.parent_id')
		.select([
			'i.code',
			'p.code as parent_code',
			'i.item_type',
			'i.title',
			'i.description',
			'i.sort_order',
			'i.profile_level',
			'i.profile_source',
			'i.allows_partial',
			'i.is_mandatory',
			'i.hard_gate',
			'i.data_rules'
		])
		.where('i.framework_id', '=', frameworkId)
		.execute();
}
