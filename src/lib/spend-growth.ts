import { formatDate } from './format';

/**
 * How many times over spend has grown, pure: this financial year's spend against the earliest year shown
 * with any spend, e.g. "× 5.1 over two years". Like for like only: whole years against whole years, or,
 * while this year runs, its spend to date against the same months of the earlier year (`samePeriod` says
 * which months). Null when there is no earlier year with spend, or none this year, to compare.
 */
export interface GrowthMultiple {
	fromLabel: string;
	toLabel: string;
	years: number;
	multiple: number;
	/** Set when a year to date is compared: the first and last day of this year's period. */
	samePeriod: { from: string; through: string } | null;
}

/** A year as the multiple sees it: `totalPence` is already the like-for-like figure. */
export interface ComparableYear {
	year: number;
	label: string;
	totalPence: number;
	samePeriod?: { from: string; through: string } | null;
}

export function growthMultiple(years: readonly ComparableYear[]): GrowthMultiple | null {
	const current = years.at(-1);
	const first = years.find((y) => y.totalPence > 0);
	if (!current || !first || first.year >= current.year || current.totalPence <= 0) return null;
	return {
		fromLabel: first.label,
		toLabel: current.label,
		years: current.year - first.year,
		multiple: current.totalPence / first.totalPence,
		samePeriod: current.samePeriod ?? null
	};
}

const WORDS = ['', 'one', 'two', 'three', 'four', 'five'];

/** "× 5.1 over two years (2024-25 to 2026-27, whole years)", or "… (1 April to 30 September of 2023-24 and of 2025-26 …)". */
export function describeGrowth(g: GrowthMultiple): string {
	const span = g.years === 1 ? 'one year' : `${WORDS[g.years] ?? g.years} years`;
	if (!g.samePeriod) return `× ${g.multiple.toFixed(1)} over ${span} (${g.fromLabel} to ${g.toLabel}, whole years)`;
	const months = `${dayAndMonth(g.samePeriod.from)} to ${dayAndMonth(g.samePeriod.through)}`;
	return `× ${g.multiple.toFixed(1)} over ${span} (${months} of ${g.fromLabel} and of ${g.toLabel}: the year to date against the same months)`;
}

/** "30 September" from "2025-09-30". */
function dayAndMonth(isoDate: string): string {
	return formatDate(isoDate).replace(/ [0-9]{4}$/, '');
}
