import { barChart } from './bar-chart';
import type { ChartSpec } from './chart-spec';
import { PALETTE } from './palette';

/**
 * The five statuses benchmarks count, in the order charts stack them (best first). The public export's
 * older spellings are folded into these by the server (public-status.ts says how). Client-safe: the
 * benchmarking page builds its charts from these in the browser, and the PDF could from the same data.
 */
export const BENCHMARK_STATUSES = ['Standards Exceeded', 'Standards Met', 'Approaching Standards', 'Standards Not Met', 'Not Published'] as const;
export type BenchmarkStatus = (typeof BENCHMARK_STATUSES)[number];

/** Colours by meaning, never alone: the legend, the table and the words say the same. */
const STATUS_COLOURS: Record<BenchmarkStatus, string> = {
	'Standards Exceeded': PALETTE.darkBlue,
	'Standards Met': PALETTE.green,
	'Approaching Standards': PALETTE.warmYellow,
	'Standards Not Met': PALETTE.red,
	'Not Published': PALETTE.midGrey
};

/** How many organisations held each status in one edition, within one scope (national, an ICB, a sector). */
export interface StatusDistribution {
	edition: string;
	scope: string;
	total: number;
	statuses: Record<BenchmarkStatus, number>;
}

/** Statuses by edition as stacked bars (one bar per edition, oldest first); counts, with the totals in the table. */
export function statusDistributionChart(id: string, title: string, distributions: readonly StatusDistribution[]): ChartSpec {
	return barChart({
		id,
		title,
		labels: distributions.map((d) => d.edition),
		labelHeading: 'Edition',
		series: BENCHMARK_STATUSES.map((s) => ({ label: s, values: distributions.map((d) => d.statuses[s]), colour: STATUS_COLOURS[s] })),
		unit: 'count',
		stacked: true
	});
}

/** Each status's share of a distribution (0–1); null when the distribution is empty. */
export function statusShares(d: StatusDistribution): Record<BenchmarkStatus, number | null> {
	return Object.fromEntries(BENCHMARK_STATUSES.map((s) => [s, d.total > 0 ? d.statuses[s] / d.total : null])) as Record<BenchmarkStatus, number | null>;
}
