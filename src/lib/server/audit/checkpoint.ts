import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { deriveSecret } from '../secrets';

/**
 * A checkpoint of the audit trail: the newest event's id and hash, how many events there were, and when,
 * with an HMAC over those (keyed from BEACON_SECRET, which the database never holds). Beacon writes it
 * where the database's owner cannot reach it (into every frozen pack and its manifest, and to a file on
 * demand), so a trail cut back or reset below it no longer matches it.
 */
export const CHECKPOINT_FORMAT = 'beacon-audit-checkpoint' as const;

export const auditCheckpoint = z.strictObject({
	format: z.literal(CHECKPOINT_FORMAT),
	version: z.literal(1),
	/** 0 when the trail was empty. */
	eventId: z.number().int().nonnegative(),
	hash: z
		.string()
		.regex(/^[0-9a-f]{64}$/)
		.nullable(),
	events: z.number().int().nonnegative(),
	at: z.iso.datetime(),
	digest: z.string().regex(/^[0-9a-f]{64}$/)
});
export type AuditCheckpoint = z.infer<typeof auditCheckpoint>;

export interface AuditHeadState {
	lastEventId: number | null;
	lastHash: string | null;
	events: number;
}

function checkpointKey(): string {
	return deriveSecret('audit-checkpoint', 'v1');
}

function digestOf(c: Omit<AuditCheckpoint, 'digest'>, key: string): string {
	return createHmac('sha256', key)
		.update([c.format, c.version, c.eventId, c.hash ?? '', c.events, c.at].join('\u0000'))
		.digest('hex');
}

export function makeCheckpoint(head: AuditHeadState, at: Date, key = checkpointKey()): AuditCheckpoint {
	const body = {
		format: CHECKPOINT_FORMAT,
		version: 1 as const,
		eventId: head.lastEventId ?? 0,
		hash: head.lastHash,
		events: head.events,
		at: at.toISOString()
	};
	return { ...body, digest: digestOf(body, key) };
}

/** Whether this Beacon (this BEACON_SECRET) wrote the checkpoint, unaltered. */
export function isGenuineCheckpoint(c: AuditCheckpoint, key = checkpointKey()): boolean {
	const expected = Buffer.from(digestOf(c, key), 'hex');
	const given = Buffer.from(c.digest, 'hex');
	return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The checkpoint as one token of plain characters, for a PDF's metadata keywords. */
export function checkpointToken(c: AuditCheckpoint): string {
	return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

export const CHECKPOINT_KEYWORD = 'beacon-audit-checkpoint:';
const KEYWORD_TOKEN = /beacon-audit-checkpoint:([A-Za-z0-9_-]{1,2000})/;

/** The checkpoint a value claims to be, or null with why not: a JSON object or a keyword token. */
export function parseCheckpoint(value: unknown): { checkpoint: AuditCheckpoint } | { problem: string } {
	const parsed = auditCheckpoint.safeParse(value);
	if (!parsed.success) return { problem: `not a Beacon audit checkpoint (${z.prettifyError(parsed.error).replace(/\n/g, '; ')})` };
	return { checkpoint: parsed.data };
}

/** The checkpoint in a PDF pack's metadata (frame.ts writes it beside the report id), if any. */
export function checkpointInPdf(bytes: Uint8Array): { checkpoint: AuditCheckpoint } | { problem: string } {
	const token = KEYWORD_TOKEN.exec(Buffer.from(bytes).toString('latin1'))?.[1];
	if (!token) return { problem: 'this PDF carries no audit checkpoint (it is not a Beacon pack, or was made before packs carried one)' };
	let value: unknown;
	try {
		value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
	} catch {
		return { problem: 'the audit checkpoint in this PDF is not readable' };
	}
	return parseCheckpoint(value);
}
