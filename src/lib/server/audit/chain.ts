import { createHash } from 'node:crypto';

/** The content of one audit event that its hash covers, in a fixed form. */
export interface AuditContent {
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
}

/**
 * JSON with object keys sorted at every depth, so the same value always gives the same text, whatever
 * order the database (jsonb) hands keys back in.
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * SHA-256 of the event's canonical content including its own id and the previous event's hash: changing
 * a field, removing a row or swapping two rows all break the chain from that point on.
 */
export function hashAuditEvent(event: AuditContent): string {
	const content = canonicalJson([
		event.id,
		event.occurredAt.toISOString(),
		event.actorUserId,
		event.actorLabel,
		event.organisationId,
		event.action,
		event.entityType,
		event.entityId,
		event.summary,
		event.prevHash
	]);
	return createHash('sha256').update(content).digest('hex');
}

export interface ChainCheck {
	ok: boolean;
	events: number;
	/** The first event whose content, link or position does not fit the chain. */
	firstBadId: number | null;
	reason: string | null;
}

/**
 * Walks events in id order and checks each against the one before. Feed it pages of events; finish()
 * compares the walk with the recorded head (last id, last hash, count), which catches removed newest events.
 */
export class ChainVerifier {
	#prevHash: string | null = null;
	#events = 0;
	#lastId: number | null = null;
	#bad: { id: number; reason: string } | null = null;

	check(event: AuditContent & { hash: string }): boolean {
		if (this.#bad) return false;
		this.#events += 1;
		if (event.prevHash !== this.#prevHash) {
			this.#bad = { id: event.id, reason: 'its link to the previous event is broken (an event was removed or reordered)' };
		} else if (hashAuditEvent(event) !== event.hash) {
			this.#bad = { id: event.id, reason: 'its content does not match its hash (the event was altered)' };
		}
		this.#prevHash = event.hash;
		this.#lastId = event.id;
		return this.#bad === null;
	}

	finish(head: { lastEventId: number | null; lastHash: string | null; events: number }): ChainCheck {
		if (this.#bad) return { ok: false, events: this.#events, firstBadId: this.#bad.id, reason: this.#bad.reason };
		if (head.lastEventId !== this.#lastId || head.lastHash !== this.#prevHash || head.events !== this.#events) {
			return {
				ok: false,
				events: this.#events,
				firstBadId: head.lastEventId ?? this.#lastId,
				reason: `the trail ends at event ${this.#lastId ?? 'none'} after ${this.#events} events, but the head records event ${head.lastEventId ?? 'none'} after ${head.events} (events were removed)`
			};
		}
		return { ok: true, events: this.#events, firstBadId: null, reason: null };
	}
}
