import type { TrustRow } from '$lib/server/overview/page';

export type TrustSortKey = 'name' | 'status' | 'gaps' | 'flags' | 'trainingRate' | 'compliantRate' | 'incidents' | 'icoReportable' | 'devicesAsOf';

/** Worst first is what an ICB asks: the status order from Not Met up. */
const STATUS_RANK: Record<string, number> = {
	'Standards Not Met': 0,
	'Approaching Standards': 1,
	'Standards Met': 2,
	'Standards Exceeded': 3
};

/**
 * The trusts sorted by one column, ascending or descending; a trust with nothing to show in that column
 * (no edition, no data) goes last either way, and ties keep the trusts in name order.
 */
export function sortTrusts(trusts: readonly TrustRow[], key: TrustSortKey, descending: boolean): TrustRow[] {
	const value = (t: TrustRow): string | number | null => (key === 'status' ? (t.status === null ? null : (STATUS_RANK[t.status] ?? 4)) : t[key]);
	return [...trusts].sort((a, b) => {
		const x = value(a);
		const y = value(b);
		if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
		const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
		return (descending ? -order : order) || a.name.localeCompare(b.name);
	});
}
