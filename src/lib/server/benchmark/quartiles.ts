/**
 * Five-number summaries of a peer group. Quantiles use linear interpolation between order statistics,
 * the "inclusive" method (Hyndman & Fan type 7: R's default, numpy's default, Excel's QUARTILE.INC): the
 * p-quantile of n sorted values sits at position (n − 1) × p, counting from 0, interpolated between its
 * neighbours. So the minimum and maximum are Q0 and Q4, and every quartile lies within the data.
 */
export interface Quartiles {
	min: number;
	q1: number;
	median: number;
	q3: number;
	max: number;
}

/** The p-quantile (0–1) of values already sorted ascending; undefined for no values. */
export function quantileSorted(sorted: readonly number[], p: number): number | undefined {
	if (sorted.length === 0) return undefined;
	const position = (sorted.length - 1) * p;
	const below = Math.floor(position);
	const above = Math.ceil(position);
	const low = sorted[below] as number;
	const high = sorted[above] as number;
	return low + (high - low) * (position - below);
}

export function quartilesOf(values: readonly number[]): Quartiles | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const q = (p: number) => quantileSorted(sorted, p) as number;
	return { min: q(0), q1: q(0.25), median: q(0.5), q3: q(0.75), max: q(1) };
}

/**
 * Which quarter of the group a value falls in, 1 (lowest values) to 4 (highest); a value on a boundary
 * belongs to the lower quarter. null when every peer has the same value: there are no quarters to be in.
 */
export function quarterOf(value: number, q: Quartiles): 1 | 2 | 3 | 4 | null {
	if (q.min === q.max) return null;
	if (value <= q.q1) return 1;
	if (value <= q.median) return 2;
	if (value <= q.q3) return 3;
	return 4;
}
