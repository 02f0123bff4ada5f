import { sql, type Kysely } from 'kysely';

/**
 * Change the audit trail the way someone with direct database access would: with the append-only
 * trigger switched off for the duration, in one transaction.
 */
export async function tamperWithAudit(db: Kysely<any>, ...statements: string[]): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await sql`alter table audit_event disable trigger audit_event_append_only`.execute(trx);
		for (const statement of statements) await sql.raw(statement).execute(trx);
		await sql`alter table audit_event enable trigger audit_event_append_only`.execute(trx);
	});
}

/** Put two events in each other's place: same contents, swapped positions in the trail. */
export function swapAuditEvents(db: Kysely<any>, a: number, b: number): Promise<void> {
	const columns = 'occurred_at, actor_user_id, actor_label, organisation_id, action, entity_type, entity_id, summary, prev_hash, hash';
	return tamperWithAudit(
		db,
		`create temp table swapped on commit drop as select * from audit_event where id in (${a}, ${b})`,
		`delete from audit_event where id in (${a}, ${b})`,
		`insert into audit_event (id, ${columns}) overriding system value
			select case id when ${a} then ${b} else ${a} end, ${columns} from swapped`
	);
}
