/**
 * How many times over spend has grown, pure: this financial year's spend against the earliest year shown
 * with any spend, e.g. "× 5.1 over two years". Null when there is no earlier year with spend, or none this
 * year, to compare.
 */
export interface GrowthMultiple {
	fromLabel: string;
	toLabel: string;
	years: number;
	multiple: number;
}

export function growthMultiple(years: readonly { year: number; label: string; totalPence: number }[]): GrowthMultiple | null {
	const current = years.at(-1);
	const first = years.find((y) => y.totalPence > 0);
	if (!current || !first || first.year >= current.year || current.totalPence <= 0) return null;
	return { fromLabel: first.label, toLabel: current.label, years: current.year - first.year, multiple: current.totalPence / first.totalPence };
}

const WORDS = ['', 'one', 'two', 'three', 'four', 'five'];

/** "× 5.1 over two years (2024-25 to 2026-27)". */
export function describeGrowth(g: GrowthMultiple): string {
	const span = g.years === 1 ? 'one year' : `${WORDS[g.years] ?? g.years} years`;
	return `× ${g.multiple.toFixed(1)} over ${span} (${g.fromLabel} to ${g.toLabel})`;
}
