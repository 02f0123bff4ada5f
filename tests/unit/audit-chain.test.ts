import { describe, expect, it } from 'vitest';
import { judgeChain } from '../../src/lib/server/audit/chain';
import { isGenuineCheckpoint, makeCheckpoint } from '../../src/lib/server/audit/checkpoint';

const intact = { events: 10, lastId: 10, lastHash: 'h10', firstAltered: null, firstUnlinked: null, firstBeyondHead: null };
const head = { lastEventId: 10, lastHash: 'h10', events: 10 };

describe('judging a scan of the audit trail', () => {
	it('calls an intact trail that matches its head intact', () => {
		expect(judgeChain(intact, head)).toEqual({ ok: true, events: 10, firstBadId: null, reason: null, checkpoints: 0, caughtBy: null });
		expect(judgeChain({ ...intact, events: 0, lastId: null, lastHash: null }, { lastEventId: null, lastHash: null, events: 0 }).ok).toBe(true);
	});

	it('names the earliest bad event, whether altered or unlinked', () => {
		expect(judgeChain({ ...intact, firstAltered: 7 }, head)).toMatchObject({ ok: false, firstBadId: 7, reason: expect.stringMatching(/altered/) });
		expect(judgeChain({ ...intact, firstUnlinked: 4 }, head)).toMatchObject({
			ok: false,
			firstBadId: 4,
			reason: expect.stringMatching(/removed or reordered/)
		});
		expect(judgeChain({ ...intact, firstAltered: 6, firstUnlinked: 5 }, head)).toMatchObject({ firstBadId: 5 });
	});

	it('catches an event put in beyond the recorded end of the trail', () => {
		expect(judgeChain({ ...intact, firstBeyondHead: 11 }, head)).toMatchObject({
			ok: false,
			firstBadId: 11,
			reason: expect.stringMatching(/beyond the recorded end/)
		});
	});

	it('catches newest events removed, which no later event links to', () => {
		const shorter = { ...intact, events: 9, lastId: 9, lastHash: 'h9' };
		expect(judgeChain(shorter, head)).toMatchObject({ ok: false, firstBadId: 10, reason: expect.stringMatching(/events were removed/) });
	});

	it('judges checkpoints: a missing event above the end is a cut, a different hash a reset, and the earliest broken one is named', () => {
		const at = new Date('2026-12-01T10:00:00Z');
		const cp = (eventId: number, hash: string) => makeCheckpoint({ lastEventId: eventId, lastHash: hash, events: eventId }, at, 'k');
		const shorter = { ...intact, events: 8, lastId: 8, lastHash: 'h8' };
		const rewound = { lastEventId: 8, lastHash: 'h8', events: 8 };
		const ok = { source: 'a', checkpoint: cp(5, 'h5'), hashNow: 'h5' };
		expect(judgeChain(shorter, rewound, [ok])).toMatchObject({ ok: true, checkpoints: 1, caughtBy: null });
		const cut = { source: 'b', checkpoint: cp(10, 'h10'), hashNow: null };
		expect(judgeChain(shorter, rewound, [ok, cut])).toMatchObject({
			ok: false,
			firstBadId: 10,
			checkpoints: 2,
			caughtBy: { source: 'b', eventId: 10, at: at.toISOString() },
			reason: expect.stringMatching(/ends at event 8, but checkpoint b .* reached event 10/)
		});
		const reset = { source: 'c', checkpoint: cp(7, 'h7'), hashNow: 'other' };
		expect(judgeChain(shorter, rewound, [cut, reset])).toMatchObject({
			firstBadId: 7,
			caughtBy: { source: 'c' },
			reason: expect.stringMatching(/reset or rewritten/)
		});
		expect(judgeChain(shorter, rewound, [{ source: 'd', checkpoint: null, hashNow: null }])).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/changed in the database/)
		});
		// An empty trail's checkpoint checks nothing.
		expect(judgeChain(shorter, rewound, [{ source: 'e', checkpoint: cp(0, 'h0'), hashNow: null }]).ok).toBe(true);
	});

	it('calls a missing head row tampering', () => {
		expect(judgeChain(intact, null)).toMatchObject({ ok: false, firstBadId: 10, reason: expect.stringMatching(/audit_head/) });
	});

	it('signs a checkpoint with its key: any change to a field, or another key, fails', () => {
		const c = makeCheckpoint({ lastEventId: 12, lastHash: 'a'.repeat(64), events: 12 }, new Date('2026-12-01T10:00:00Z'), 'key one');
		expect(isGenuineCheckpoint(c, 'key one')).toBe(true);
		expect(isGenuineCheckpoint(c, 'key two')).toBe(false);
		for (const change of [{ eventId: 11 }, { events: 11 }, { hash: 'b'.repeat(64) }, { at: '2026-12-02T10:00:00.000Z' }])
			expect(isGenuineCheckpoint({ ...c, ...change }, 'key one')).toBe(false);
	});
});
