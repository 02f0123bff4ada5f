import type { AuditCheckpoint } from './checkpoint';
import type { ChainScan } from './queries';

export interface ChainCheck {
	ok: boolean;
	events: number;
	/** The first event whose content, link or position does not fit the chain. */
	firstBadId: number | null;
	reason: string | null;
	/** How many checkpoints kept outside the trail it was checked against. */
	checkpoints: number;
	/** The checkpoint that showed the trail was cut back or reset, when one did. */
	caughtBy: { source: string; eventId: number; at: string } | null;
}

export interface AuditHeadRecord {
	lastEventId: number | null;
	lastHash: string | null;
	events: number;
}

/**
 * A checkpoint to judge against, and the hash its event has in the trail now (null when it is gone). A null
 * checkpoint is one stored in the database that this Beacon did not write: it was changed there.
 */
export interface CheckpointMatch {
	source: string;
	checkpoint: AuditCheckpoint | null;
	hashNow: string | null;
}

const fail = (scan: ChainScan, firstBadId: number | null, reason: string, checkpoints = 0, caughtBy: ChainCheck['caughtBy'] = null): ChainCheck => ({
	ok: false,
	events: scan.events,
	firstBadId,
	reason,
	checkpoints,
	caughtBy
});

/**
 * Judge a scan of the trail against the recorded head and the checkpoints. An altered event fails its
 * digest; a removed or moved one breaks the link of the event after it; removed newest events (which
 * nothing links to) no longer match the head's last id, hash and count. A head rewound along with them, or
 * a trail emptied and its head reset, still matches itself: only a checkpoint kept outside the database
 * shows that the trail once reached further, or held other events. Null head: its row was deleted.
 */
export function judgeChain(scan: ChainScan, head: AuditHeadRecord | null, matches: CheckpointMatch[] = []): ChainCheck {
	const candidates = [
		scan.firstBeyondHead !== null ? { id: scan.firstBeyondHead, reason: 'it lies beyond the recorded end of the trail (it was put in by hand)' } : null,
		scan.firstAltered !== null ? { id: scan.firstAltered, reason: 'its content does not match its hash (the event was altered)' } : null,
		scan.firstUnlinked !== null ? { id: scan.firstUnlinked, reason: 'its link to the previous event is broken (an event was removed or reordered)' } : null
	].filter((c) => c !== null);
	candidates.sort((a, b) => a.id - b.id);
	const first = candidates[0];
	if (first) return fail(scan, first.id, first.reason, matches.length);
	if (!head) return fail(scan, scan.lastId, 'the record of the trail’s end (the audit_head row) is missing: it was deleted', matches.length);
	if (head.lastEventId !== scan.lastId || head.lastHash !== scan.lastHash || head.events !== scan.events) {
		return fail(
			scan,
			head.lastEventId ?? scan.lastId,
			`the trail ends at event ${scan.lastId ?? 'none'} after ${scan.events} events, but the head records event ${head.lastEventId ?? 'none'} after ${head.events} (events were removed)`,
			matches.length
		);
	}
	const forged = matches.find((m) => m.checkpoint === null);
	if (forged) return fail(scan, null, `the checkpoint kept with ${forged.source} is not one Beacon wrote: it was changed in the database`, matches.length);
	const broken = matches
		.flatMap((m) => (m.checkpoint && m.checkpoint.eventId > 0 && m.hashNow !== m.checkpoint.hash ? [{ ...m, checkpoint: m.checkpoint }] : []))
		.sort((a, b) => a.checkpoint.eventId - b.checkpoint.eventId)[0];
	if (broken) {
		const { eventId, at } = broken.checkpoint;
		const caughtBy = { source: broken.source, eventId, at };
		const why =
			broken.hashNow !== null
				? `event ${eventId} is not the event checkpoint ${broken.source} (taken ${at}) recorded: the trail was reset or rewritten`
				: eventId > (scan.lastId ?? 0)
					? `the trail ends at event ${scan.lastId ?? 'none'}, but checkpoint ${broken.source} (taken ${at}) shows it reached event ${eventId}: events were removed from its end and its head rewound`
					: `event ${eventId}, recorded by checkpoint ${broken.source} (taken ${at}), is missing`;
		return fail(scan, eventId, why, matches.length, caughtBy);
	}
	return { ok: true, events: scan.events, firstBadId: null, reason: null, checkpoints: matches.length, caughtBy: null };
}
