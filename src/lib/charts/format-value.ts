import { formatCount, formatPence, formatRate } from '../format';
import type { ValueUnit } from './chart-spec';

/** One plotted value as the table, tooltip and axis show it; a missing value is "no data", never 0. */
export function formatValue(unit: ValueUnit, value: number | null): string {
	if (value === null || !Number.isFinite(value)) return 'no data';
	switch (unit) {
		case 'rate':
			return formatRate(value);
		case 'pence':
			return formatPence(value);
		case 'hours':
			return `${value.toFixed(1)} h`;
		case 'count':
			return formatCount(value);
	}
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'YYYY-MM' or 'YYYY-MM-DD' → "Mar 2025". */
export function monthLabel(month: string): string {
	const [year, m] = month.split('-');
	return `${MONTHS[Number(m) - 1] ?? m} ${year}`;
}
