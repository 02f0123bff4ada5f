import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';

const DIGEST_FIELDS = [
	'id',
	'occurred_at',
	'actor_user_id',
	'actor_label',
	'organisation_id',
	'action',
	'entity_type',
	'entity_id',
	'summary',
	'prev_hash'
] as const;
export type DigestFields = Record<(typeof DIGEST_FIELDS)[number], RawBuilder<unknown>>;

/**
 * The keyed digest of one event, over a JSON array of its fields (jsonb renders the summary the same way
 * every time) and the previous event's hash: HMAC-SHA256 with a key the database never stores. The same
 * expression serves appending and verifying; by default over columns of these names.
 */
export function auditDigest(key: string, fields?: DigestFields): RawBuilder<string> {
	const f = fields ?? (Object.fromEntries(DIGEST_FIELDS.map((c) => [c, sql.ref(c)])) as DigestFields);
	return sql<string>`encode(hmac(convert_to(json_build_array(
		(${f.id}), to_char((${f.occurred_at}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
		(${f.actor_user_id}), (${f.actor_label}), (${f.organisation_id}), (${f.action}), (${f.entity_type}), (${f.entity_id}), (${f.summary}), (${f.prev_hash})
	)::text, 'UTF8'), convert_to(${key}::text, 'UTF8'), 'sha256'), 'hex')`;
}

export function lockAuditHead(db: Kysely<DB>) {
	return db.selectFrom('audit_head').select(['last_event_id', 'last_hash', 'events']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
}

/**
 * The head, locked against appends for the rest of the transaction, so nothing legitimate lies beyond it.
 * Undefined when someone deleted the row.
 */
export function selectAuditHeadForShare(db: Kysely<DB>) {
	return db.selectFrom('audit_head').select(['last_event_id', 'last_hash', 'events']).where('id', '=', 1).forShare().executeTakeFirst();
}

/** The head as it stands, for a checkpoint: committed events only, so it names an event that exists. */
export function selectAuditHead(db: Kysely<DB>) {
	return db.selectFrom('audit_head').select(['last_event_id', 'last_hash', 'events']).where('id', '=', 1).executeTakeFirst();
}

/** The newest event's id, for checking a trail whose head row is gone. */
export async function selectLastAuditEventId(db: Kysely<DB>): Promise<number> {
	const row = await db
		.selectFrom('audit_event')
		.select((eb) => eb.fn.max('id').as('id'))
		.executeTakeFirst();
	return Number(row?.id ?? 0);
}

/** The hashes of the events with these ids (those that still exist). */
export function selectAuditEventHashes(db: Kysely<DB>, ids: number[]) {
	if (ids.length === 0) return Promise.resolve([]);
	return db.selectFrom('audit_event').select(['id', 'hash']).where('id', 'in', ids).execute();
}

/** The checkpoints frozen with report packs, with what names each pack. */
export function selectStoredCheckpoints(db: Kysely<DB>) {
	return db
		.selectFrom('report_snapshot as s')
		.innerJoin('organisation as o', 'o.id', 's.organisation_id')
		.select(['s.report_id', 's.kind', 's.period', 'o.ods_code', 's.audit_checkpoint'])
		.where('s.audit_checkpoint', 'is not', null)
		.orderBy('s.id')
		.execute();
}

export interface NewAuditEvent {
	actorUserId: number | null;
	actorLabel: string;
	organisationId: number | null;
	action: string;
	entityType: string | null;
	entityId: string | null;
	summary: unknown;
	prevHash: string | null;
}

/** Append one event. Its id comes from the sequence first because the digest covers it. */
export async function insertAuditEvent(db: Kysely<DB>, event: NewAuditEvent, key: string): Promise<{ id: number; hash: string }> {
	const result = await sql<{ id: number; hash: string }>`
		with e as (
			select nextval('audit_event_id_seq') as id, now() as occurred_at, ${event.actorUserId}::bigint as actor_user_id,
				${event.actorLabel}::text as actor_label, ${event.organisationId}::bigint as organisation_id, ${event.action}::text as action,
				${event.entityType}::text as entity_type, ${event.entityId}::text as entity_id, ${JSON.stringify(event.summary)}::jsonb as summary,
				${event.prevHash}::text as prev_hash
		)
		insert into audit_event (id, occurred_at, actor_user_id, actor_label, organisation_id, action, entity_type, entity_id, summary, prev_hash, hash)
		overriding system value
		select id, occurred_at, actor_user_id, actor_label, organisation_id, action, entity_type, entity_id, summary, prev_hash, ${auditDigest(key)}
		from e
		returning id, hash`.execute(db);
	const row = result.rows[0];
	if (!row) throw new Error('audit event was not stored');
	return row;
}

export function updateAuditHead(db: Kysely<DB>, lastEventId: number, lastHash: string) {
	return db
		.updateTable('audit_head')
		.set((eb) => ({ last_event_id: lastEventId, last_hash: lastHash, events: eb('events', '+', 1) }))
		.where('id', '=', 1)
		.execute();
}

export interface ChainScan {
	events: number;
	/** The first event beyond the recorded head: one put in by hand, as no append leaves it there. */
	firstBeyondHead: number | null;
	lastId: number | null;
	lastHash: string | null;
	/** The first event whose digest does not match its content. */
	firstAltered: number | null;
	/** The first event whose link to the event before it is broken. */
	firstUnlinked: number | null;
}

/**
 * Check every event up to the recorded head in one pass inside the database: recompute each digest and
 * compare each event's prev_hash with the hash of the event before it (window function lag).
 */
export async function scanAuditChain(db: Kysely<DB>, upToId: number, key: string): Promise<ChainScan> {
	const result = await sql<ChainScan>`
		with walk as (
			select id, hash,
				hash = ${auditDigest(key)} as intact,
				prev_hash is not distinct from lag(hash) over (order by id) as linked
			from audit_event where id <= ${upToId}
		)
		select count(*)::int as "events",
			max(id) as "lastId",
			(select w.hash from walk w order by w.id desc limit 1) as "lastHash",
			min(id) filter (where not intact) as "firstAltered",
			min(id) filter (where not linked) as "firstUnlinked",
			(select min(id) from audit_event where id > ${upToId}) as "firstBeyondHead"
		from walk`.execute(db);
	const row = result.rows[0];
	if (!row) throw new Error('audit scan returned nothing');
	return row;
}

export interface AuditFilter {
	actorUserId?: number;
	organisationId?: number;
	action?: string;
	from?: Date;
	to?: Date;
	limit: number;
}

const AUDIT_COLUMNS = ['id', 'occurred_at', 'actor_user_id', 'actor_label', 'organisation_id', 'action', 'entity_type', 'entity_id', 'summary'] as const;

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
