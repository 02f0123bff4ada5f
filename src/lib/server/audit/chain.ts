import type { ChainScan } from './queries';

export interface ChainCheck {
	ok: boolean;
	events: number;
	/** The first event whose content, link or position does not fit the chain. */
	firstBadId: number | null;
	reason: string | null;
}

export interface AuditHeadRecord {
	lastEventId: number | null;
	lastHash: string | null;
	events: number;
}

/**
 * Judge a scan of the trail against the recorded head. An altered event fails its digest; a removed or
 * moved one breaks the link of the event after it; removed newest events (which nothing links to) no
 * longer match the head's last id, hash and count.
 */
export function judgeChain(scan: ChainScan, head: AuditHeadRecord): ChainCheck {
	const candidates = [
		scan.firstBeyondHead !== null ? { id: scan.firstBeyondHead, reason: 'it lies beyond the recorded end of the trail (it was put in by hand)' } : null,
		scan.firstAltered !== null ? { id: scan.firstAltered, reason: 'its content does not match its hash (the event was altered)' } : null,
		scan.firstUnlinked !== null ? { id: scan.firstUnlinked, reason: 'its link to the previous event is broken (an event was removed or reordered)' } : null
	].filter((c) => c !== null);
	candidates.sort((a, b) => a.id - b.id);
	const first = candidates[0];
	if (first) return { ok: false, events: scan.events, firstBadId: first.id, reason: first.reason };
	if (head.lastEventId !== scan.lastId || head.lastHash !== scan.lastHash || head.events !== scan.events) {
		return {
			ok: false,
			events: scan.events,
			firstBadId: head.lastEventId ?? scan.lastId,
			reason: `the trail ends at event ${scan.lastId ?? 'none'} after ${scan.events} events, but the head records event ${head.lastEventId ?? 'none'} after ${head.events} (events were removed)`
		};
	}
	return { ok: true, events: scan.events, firstBadId: null, reason: null };
}
