import { describe, expect, it } from 'vitest';
import { judgeChain } from '../../src/lib/server/audit/chain';

const intact = { events: 10, lastId: 10, lastHash: 'h10', firstAltered: null, firstUnlinked: null, firstBeyondHead: null };
const head = { lastEventId: 10, lastHash: 'h10', events: 10 };

describe('judging a scan of the audit trail', () => {
	it('calls an intact trail that matches its head intact', () => {
		expect(judgeChain(intact, head)).toEqual({ ok: true, events: 10, firstBadId: null, reason: null });
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
});
