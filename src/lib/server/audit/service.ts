import { z } from 'zod';
import { listLimit, odsCode } from '../../schemas/common';
import { organisationRef } from '../auth/organisation-access';
import { actorLabel, actorUserId, isAdmin } from '../auth/actor';
import { inTransaction, type ServiceContext } from '../context';
import { toCsv } from '../csv';
import { ForbiddenError, parseInput, ValidationError } from '../errors';
import { deriveSecret } from '../secrets';
import { judgeChain, type ChainCheck, type CheckpointMatch } from './chain';
import { isGenuineCheckpoint, makeCheckpoint, parseCheckpoint, type AuditCheckpoint } from './checkpoint';
import type { SourcedCheckpoint } from './checkpoint-file';
import * as q from './queries';

export interface AuditEntry {
	/** Dotted lower-case verb, e.g. organisation.create, user.disable, auth.sign_in_failed. */
	action: string;
	organisationId?: number | null;
	entityType?: string;
	entityId?: string | number;
	/** What changed: before/after values or counts. Never passwords or tokens. */
	summary?: Record<string, unknown>;
}

/**
 * Append an audit event in the caller's transaction, so the event exists if and only if the change does.
 * The lock on the chain head orders appends; services record their event last to hold it briefly.
 */
export async function recordAudit(ctx: ServiceContext, entry: AuditEntry): Promise<void> {
	await inTransaction(ctx, async (tx) => {
		const head = await q.lockAuditHead(tx.db);
		const stored = await q.insertAuditEvent(
			tx.db,
			{
				actorUserId: actorUserId(ctx.actor),
				actorLabel: actorLabel(ctx.actor),
				organisationId: entry.organisationId ?? null,
				action: entry.action,
				entityType: entry.entityType ?? null,
				entityId: entry.entityId === undefined ? null : String(entry.entityId),
				summary: entry.summary ?? {},
				prevHash: head.last_hash
			},
			auditKey()
		);
		await q.updateAuditHead(tx.db, stored.id, stored.hash);
	});
}

/**
 * Check the whole trail and say whether it is intact, and if not, the first event that is not: against
 * itself, its head, every checkpoint frozen with a report pack, and the checkpoints given (kept elsewhere).
 * A given checkpoint this Beacon did not write is refused before anything is checked.
 */
export async function verifyAuditChain(ctx: ServiceContext, given: SourcedCheckpoint[] = []): Promise<ChainCheck> {
	requireAdmin(ctx);
	for (const g of given)
		if (!isGenuineCheckpoint(g.checkpoint))
			throw new ValidationError(`${g.source}: this checkpoint was not written by this Beacon (its digest does not match under this BEACON_SECRET)`, [
				{ field: 'checkpoint', message: 'not written by this Beacon' }
			]);
	// Appends wait while the head is held, so any event beyond it was put there by hand.
	return inTransaction(ctx, async (tx) => {
		const head = await q.selectAuditHeadForShare(tx.db);
		const upTo = head ? (head.last_event_id ?? 0) : await q.selectLastAuditEventId(tx.db);
		const scan = await q.scanAuditChain(tx.db, upTo, auditKey());
		const checkpoints = [...(await storedCheckpoints(tx)), ...given];
		const ids = checkpoints.flatMap((c) => (c.checkpoint ? [c.checkpoint.eventId] : []));
		const found = await q.selectAuditEventHashes(tx.db, [...new Set(ids)]);
		const hashes = new Map(found.map((e) => [Number(e.id), e.hash]));
		const matches: CheckpointMatch[] = checkpoints.map((c) => ({ ...c, hashNow: c.checkpoint ? (hashes.get(c.checkpoint.eventId) ?? null) : null }));
		const record = head ? { lastEventId: head.last_event_id, lastHash: head.last_hash, events: head.events } : null;
		return judgeChain(scan, record, matches);
	});
}

/** The checkpoints frozen with report packs; null for one changed in the database (not one this Beacon wrote). */
async function storedCheckpoints(ctx: ServiceContext): Promise<{ source: string; checkpoint: AuditCheckpoint | null }[]> {
	const rows = await q.selectStoredCheckpoints(ctx.db);
	return rows.map((r) => {
		const parsed = parseCheckpoint(r.audit_checkpoint);
		const genuine = 'checkpoint' in parsed && isGenuineCheckpoint(parsed.checkpoint) ? parsed.checkpoint : null;
		return { source: `${r.kind} pack ${r.report_id} (${r.ods_code}, ${r.period})`, checkpoint: genuine };
	});
}

/** A checkpoint of the trail as it stands, for an administrator or the command line to keep elsewhere. */
export async function takeAuditCheckpoint(ctx: ServiceContext): Promise<AuditCheckpoint> {
	requireAdmin(ctx);
	return currentAuditCheckpoint(ctx);
}

/** The trail's checkpoint as it stands (committed events only), e.g. for a report pack as it is made. */
export async function currentAuditCheckpoint(ctx: ServiceContext): Promise<AuditCheckpoint> {
	const head = await q.selectAuditHead(ctx.db);
	if (!head) throw new Error('the audit trail has no head row: run `audit verify`');
	return makeCheckpoint({ lastEventId: head.last_event_id, lastHash: head.last_hash, events: head.events }, new Date());
}

export const auditFilter = z.object({
	userId: z.number().int().positive().optional(),
	ods: odsCode.optional(),
	action: z
		.string()
		.trim()
		.regex(/^[a-z_.]*$/)
		.optional(),
	from: z.date().optional(),
	to: z.date().optional(),
	limit: listLimit
});
export type AuditFilterInput = z.input<typeof auditFilter>;

export interface AuditEventView {
	id: number;
	occurredAt: Date;
	actorLabel: string;
	organisationOds: string | null;
	action: string;
	entityType: string | null;
	entityId: string | null;
	summary: unknown;
}

export async function listAuditEvents(ctx: ServiceContext, filter: AuditFilterInput = {}): Promise<AuditEventView[]> {
	requireAdmin(ctx);
	const f = parseInput(auditFilter, 'audit filter', filter);
	const org = f.ods ? await organisationRef(ctx, f.ods) : null;
	if (f.ods && !org) return [];
	const rows = await q.selectAuditEvents(ctx.db, { ...f, actorUserId: f.userId, organisationId: org?.id });
	return rows.map((r) => ({
		id: r.id,
		occurredAt: r.occurred_at,
		actorLabel: r.actor_label,
		organisationOds: r.ods_code,
		action: r.action,
		entityType: r.entity_type,
		entityId: r.entity_id,
		summary: r.summary
	}));
}

export async function listAuditActions(ctx: ServiceContext): Promise<string[]> {
	requireAdmin(ctx);
	return (await q.selectAuditActions(ctx.db)).map((r) => r.action);
}

/** The filtered trail as CSV (formulas neutralised), for auditors' spreadsheets. */
export async function exportAuditCsv(ctx: ServiceContext, filter: AuditFilterInput = {}): Promise<string> {
	const events = await listAuditEvents(ctx, { ...filter, limit: filter.limit ?? 10_000 });
	await recordAudit(ctx, { action: 'audit.export', summary: { events: events.length } });
	return toCsv(
		['id', 'occurred_at', 'actor', 'organisation', 'action', 'entity_type', 'entity_id', 'summary'],
		events.map((e) => [e.id, e.occurredAt, e.actorLabel, e.organisationOds, e.action, e.entityType, e.entityId, e.summary])
	);
}

/**
 * The audit chain's HMAC key, derived from the instance secret, which the database never holds. Keep
 * BEACON_SECRET: events written under another secret no longer verify.
 */
export function auditKey(): string {
	return deriveSecret('audit-chain', 'v1');
}

function requireAdmin(ctx: ServiceContext): void {
	if (!isAdmin(ctx.actor)) throw new ForbiddenError('only an administrator may read the audit trail');
}
