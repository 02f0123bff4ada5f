import type { StoredStatusRow } from './dspt-status-queries';

export interface StatusChange {
	ods: string;
	name: string;
	edition: string;
	/** Stored status codes (standards_met …). */
	from: string;
	to: string;
	/** The date of the snapshot it changed from. */
	since: string;
}

/** Reports name the first changes; the count is always whole. */
export const CHANGES_LISTED = 200;

/**
 * What a snapshot changes against each organisation's previous snapshot of the same edition ("6 organisations
 * changed status"). An organisation the previous snapshots did not list is new, not a change.
 */
export function snapshotChanges(
	rows: readonly StoredStatusRow[],
	previous: readonly { ods_code: string; edition: string; status: string; as_of: string }[]
): { count: number; listed: StatusChange[] } {
	const before = new Map(previous.map((p) => [`${p.ods_code} ${p.edition}`, p]));
	const listed: StatusChange[] = [];
	let count = 0;
	for (const r of rows) {
		const p = before.get(`${r.ods} ${r.edition}`);
		if (!p || p.status === r.status) continue;
		count += 1;
		if (listed.length < CHANGES_LISTED) listed.push({ ods: r.ods, name: r.name, edition: r.edition, from: p.status, to: r.status, since: p.as_of });
	}
	return { count, listed };
}
