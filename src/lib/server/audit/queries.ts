import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** Lock the chain head for this transaction: appends happen one at a time, in one order. */
export function lockAuditHead(db: Kysely<DB>) {
	return db.selectFrom('audit_head').select(['last_event_id', 'last_hash', 'events']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
}

export function selectAuditHead(db: Kysely<DB>) {
	return db.selectFrom('audit_head').select(['last_event_id', 'last_hash', 'events']).where('id', '=', 1).executeTakeFirstOrThrow();
}

export function nextAuditEventId(db: Kysely<DB>) {
	return db
		.selectNoFrom((eb) => eb.fn<number>('nextval', [eb.val('audit_event_id_seq')]).as('id'))
		.executeTakeFirstOrThrow();
}

export interface AuditRow {
	id: number;
	occurredAt: Date;
	actorUserId: number | null;
	actorLabel: string;
	organisationId: number | null;
	action: string;
	entityType: string | null;
	entityId: string | null;
	summary: unknown;
	prevHash: string | null;
	hash: string;
}

/** The id is drawn from the sequence before the insert because the hash covers it. */
export function insertAuditEvent(db: Kysely<DB>, row: AuditRow) {
	return sql`
		insert into audit_event (id, occurred_at, actor_user_id, actor_label, organisation_id, action, entity_type, entity_id, summary, prev_hash, hash)
		overriding system value
		values (${row.id}, ${row.occurredAt}, ${row.actorUserId}, ${row.actorLabel}, ${row.organisationId}, ${row.action},
			${row.entityType}, ${row.entityId}, ${JSON.stringify(row.summary)}::jsonb, ${row.prevHash}, ${row.hash})`.execute(db);
}

export function updateAuditHead(db: Kysely<DB>, lastEventId: number, lastHash: string) {
	return db
		.updateTable('audit_head')
		.set((eb) => ({ last_event_id: lastEventId, last_hash: lastHash, events: eb('events', '+', 1) }))
		.where('id', '=', 1)
		.execute();
}

const AUDIT_COLUMNS = [
	'id', 'occurred_at', 'actor_user_id', 'actor_label', 'organisation_id', 'action', 'entity_type', 'entity_id', 'summary', 'prev_hash', 'hash'
] as const;

/** A page of the trail in id order, for verification. */
export function selectAuditPage(db: Kysely<DB>, afterId: number, limit: number) {
	return db.selectFrom('audit_event').select(AUDIT_COLUMNS).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export interface AuditFilter {
	actorUserId?: number;
	organisationId?: number;
	action?: string;
	from?: Date;
	to?: Date;
	limit: number;
}

export function selectAuditEvents(db: Kysely<DB>, filter: AuditFilter) {
	let query = db
		.selectFrom('audit_event as a')
		.leftJoin('organisation as o', 'o.id', 'a.organisation_id')
		.select([...AUDIT_COLUMNS.map((c) => `a.${c}` as const), 'o.ods_code']);
	if (filter.actorUserId !== undefined) query = query.where('a.actor_user_id', '=', filter.actorUserId);
	if (filter.organisationId !== undefined) query = query.where('a.organisation_id', '=', filter.organisationId);
	if (filter.action) query = query.where('a.action', 'like', `${filter.action}%`);
	if (filter.from) query = query.where('a.occurred_at', '>=', filter.from);
	if (filter.to) query = query.where('a.occurred_at', '<', filter.to);
	return query.orderBy('a.id', 'desc').limit(filter.limit).execute();
}

export function selectAuditActions(db: Kysely<DB>) {
	return db.selectFrom('audit_event').select('action').distinct().orderBy('action').execute();
}
