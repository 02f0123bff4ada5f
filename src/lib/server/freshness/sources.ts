import { addDays } from '../metrics/periods';

/**
 * How old each source of an organisation's figures is on a date, pure. Each source's latest data is the
 * newest thing it holds dated on or before the date: the device snapshot, the training completion, the
 * incident detected (its UTC day), the ledger line, the assurance activity. A source is **stale** when that
 * is more than its cadence (days) before the date: data expected monthly that has not come. Defaults:
 * devices and training 35 days, spend and incidents 45; an organisation may set its own. Assurance comes
 * yearly or less and has no cadence: its date is shown, never flagged.
 */
export const SOURCES = ['devices', 'training', 'incidents', 'spend', 'assurance'] as const;
export type Source = (typeof SOURCES)[number];

export const DEFAULT_CADENCE_DAYS: Record<Source, number | null> = { devices: 35, training: 35, incidents: 45, spend: 45, assurance: null };

export const SOURCE_LABELS: Record<Source, { name: string; latest: string }> = {
	devices: { name: 'Devices', latest: 'device snapshot' },
	training: { name: 'Training', latest: 'training completion' },
	incidents: { name: 'Incidents', latest: 'incident detected' },
	spend: { name: 'Spend', latest: 'ledger line' },
	assurance: { name: 'Assurance', latest: 'assurance activity' }
};

export interface SourceFreshness {
	source: Source;
	name: string;
	/** What the date is of: "device snapshot", "ledger line"… */
	latestOf: string;
	/** The newest data dated on or before the as-of date; null when there is none. */
	latestOn: string | null;
	/** Days from latestOn to the as-of date. */
	ageDays: number | null;
	cadenceDays: number | null;
	/** Older than its cadence. A source with no data at all is `missing`, not stale. */
	stale: boolean;
	missing: boolean;
}

export interface Freshness {
	asOf: string;
	sources: SourceFreshness[];
	/** Any source stale: the overview opens with it. */
	anyStale: boolean;
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function toFreshness(asOf: string, latest: Record<Source, string | null>, cadence: Partial<Record<Source, number | null>> = {}): Freshness {
	const sources = SOURCES.map((source): SourceFreshness => {
		const latestOn = latest[source];
		const cadenceDays = cadence[source] ?? DEFAULT_CADENCE_DAYS[source];
		const ageDays = latestOn === null ? null : daysBetween(latestOn, asOf);
		return {
			source,
			name: SOURCE_LABELS[source].name,
			latestOf: SOURCE_LABELS[source].latest,
			latestOn,
			ageDays,
			cadenceDays,
			stale: ageDays !== null && cadenceDays !== null && ageDays > cadenceDays,
			missing: latestOn === null
		};
	});
	return { asOf, sources, anyStale: sources.some((s) => s.stale) };
}

/** The last day data may be dated and still be fresh on `asOf`, for a cadence: stale before it. */
export function freshSince(asOf: string, cadenceDays: number): string {
	return addDays(asOf, -cadenceDays);
}

/** One source's line of a freshness table (every source is always there). */
export function sourceOf(freshness: Freshness, source: Source): SourceFreshness {
	return freshness.sources.find((s) => s.source === source)!;
}
