import { describe, expect, it } from 'vitest';
import { canonicalJson, ChainVerifier, hashAuditEvent, type AuditContent } from '../../src/lib/server/audit/chain';

function chain(n: number): (AuditContent & { hash: string })[] {
	const events: (AuditContent & { hash: string })[] = [];
	let prevHash: string | null = null;
	for (let i = 1; i <= n; i++) {
		const content: AuditContent = {
			id: i, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)), actorUserId: i % 2 ? 1 : null, actorLabel: `user${i}`,
			organisationId: null, action: 'test.event', entityType: 'thing', entityId: String(i), summary: { n: i, nested: { b: 2, a: 1 } }, prevHash
		};
		const hash = hashAuditEvent(content);
		events.push({ ...content, hash });
		prevHash = hash;
	}
	return events;
}

function verify(events: (AuditContent & { hash: string })[], head = { lastEventId: events.at(-1)?.id ?? null, lastHash: events.at(-1)?.hash ?? null, events: events.length }) {
	const v = new ChainVerifier();
	for (const e of events) if (!v.check(e)) break;
	return v.finish(head);
}

describe('audit hash chain', () => {
	it('writes the same canonical JSON whatever the key order', () => {
		expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' } })).toBe(canonicalJson({ a: { c: 'x', d: [1, { y: null, z: 0 }] }, b: 1 }));
		expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
	});

	it('accepts an intact chain, and an empty one', () => {
		expect(verify(chain(50))).toEqual({ ok: true, events: 50, firstBadId: null, reason: null });
		expect(verify([])).toMatchObject({ ok: true, events: 0 });
	});

	it('names the altered event', () => {
		const events = chain(10);
		events[6] = { ...events[6]!, summary: { n: 999 } };
		expect(verify(events)).toMatchObject({ ok: false, firstBadId: 7 });
	});

	it('names the event after a removed one, and catches a removed newest event through the head', () => {
		const events = chain(10);
		expect(verify([...events.slice(0, 4), ...events.slice(5)], { lastEventId: 10, lastHash: events[9]!.hash, events: 10 })).toMatchObject({ ok: false, firstBadId: 6 });
		expect(verify(events.slice(0, 9), { lastEventId: 10, lastHash: events[9]!.hash, events: 10 })).toMatchObject({ ok: false, firstBadId: 10 });
	});

	it('catches two events swapped', () => {
		const events = chain(10);
		const swapped = [...events.slice(0, 3), events[4]!, events[3]!, ...events.slice(5)];
		expect(verify(swapped)).toMatchObject({ ok: false, firstBadId: 5 });
	});
});
