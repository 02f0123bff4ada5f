import { quarterOf, quartilesOf, type Quartiles } from './quartiles';

/**
 * The anonymisation rules of peer benchmarks, pure so they can be tested on their own:
 *
 * 1. A group of fewer than MIN_GROUP organisations (counting only those with a value) is not shown at all:
 *    no quartiles, no named values, and not even its exact size — only that it is too small. Quartiles of
 *    four organisations would all but name them.
 * 2. Otherwise peers appear as anonymised quartiles (min, Q1, median, Q3, max).
 * 3. A peer's own figure appears beside its name only when the viewer's grants cover that peer (decided
 *    by the caller with `can(actor, org, 'read')`): an it_lead of one trust covers only that trust, so
 *    never sees another trust's name beside a figure; an ICB's users cover the ICB's trusts.
 */
export const MIN_GROUP = 5;

export const WITHHELD_TEXT = 'fewer than five organisations: not shown';

export interface PeerValue {
	ods: string;
	name: string;
	value: number | null;
	/** The viewer's grants cover this organisation: its figure may be shown by name. */
	covered: boolean;
}

export interface NamedValue {
	ods: string;
	name: string;
	value: number;
}

export type PeerGroupView = { shown: false; reason: typeof WITHHELD_TEXT } | { shown: true; size: number; quartiles: Quartiles; named: NamedValue[] };

/** What a viewer may see of one metric across a peer group (the subject organisation included). */
export function anonymisePeerGroup(peers: readonly PeerValue[]): PeerGroupView {
	const measured = peers.filter((p): p is PeerValue & { value: number } => p.value !== null && Number.isFinite(p.value));
	const quartiles = measured.length >= MIN_GROUP ? quartilesOf(measured.map((p) => p.value)) : null;
	if (!quartiles) return { shown: false, reason: WITHHELD_TEXT };
	const named = measured
		.filter((p) => p.covered)
		.map((p) => ({ ods: p.ods, name: p.name, value: p.value }))
		.sort((a, b) => a.ods.localeCompare(b.ods));
	return { shown: true, size: measured.length, quartiles, named };
}

/** The subject's quarter within a shown group; null when it has no value or the group is withheld or level. */
export function subjectQuarter(view: PeerGroupView, value: number | null): 1 | 2 | 3 | 4 | null {
	if (!view.shown || value === null) return null;
	return quarterOf(value, view.quartiles);
}

const QUARTER_WORDS = { 1: 'the lowest quarter', 2: 'the second quarter', 3: 'the third quarter', 4: 'the highest quarter' } as const;

/**
 * Where the subject stands, in words: "In the highest quarter of 12 trusts (higher is better)." Which
 * end is better is said, not implied by colour or order.
 */
export function positionWords(view: PeerGroupView, value: number | null, peersNoun: string, better: 'higher' | 'lower' | null): string {
	if (!view.shown) return `Not compared: ${WITHHELD_TEXT}.`;
	if (value === null) return 'Not compared: no figure for this organisation.';
	const quarter = subjectQuarter(view, value);
	const of = `of ${view.size} ${peersNoun}`;
	if (quarter === null) return `Level with every one ${of}.`;
	const direction = better ? ` (${better} is better)` : '';
	return `In ${QUARTER_WORDS[quarter]} ${of}${direction}.`;
}
