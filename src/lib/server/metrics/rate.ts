/**
 * A metric's value always travels with what it was computed from, so a reader (and a data rule) can see
 * "91.2 % (4,562 of 5,003)" rather than a bare percentage, and so nothing is ever shown as 0 % when there
 * was nothing to measure: with no denominator the value is null.
 */
export interface Rate {
	/** numerator ÷ denominator (a fraction 0–1 for rates; see the function that made it), null when the denominator is 0. */
	value: number | null;
	numerator: number;
	denominator: number;
}

/** numerator ÷ denominator as a fraction 0–1. */
export function rate(numerator: number, denominator: number): Rate {
	return { value: denominator > 0 ? numerator / denominator : null, numerator, denominator };
}

/** numerator per 1,000 of denominator, e.g. incidents per 1,000 staff. */
export function perThousand(numerator: number, denominator: number): Rate {
	return { value: denominator > 0 ? (numerator * 1000) / denominator : null, numerator, denominator };
}

/** numerator per one of denominator, e.g. pence per staff member. */
export function perUnit(numerator: number, denominator: number): Rate {
	return { value: denominator > 0 ? numerator / denominator : null, numerator, denominator };
}

/**
 * Growth of `current` over `previous` as a fraction (0.1 = 10 % more): (current − previous) ÷ previous;
 * null when there was nothing the year before to grow from.
 */
export function growth(current: number, previous: number): Rate {
	return { value: previous > 0 ? (current - previous) / previous : null, numerator: current - previous, denominator: previous };
}
