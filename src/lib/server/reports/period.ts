import { ValidationError } from '../errors';
import { financialYearBounds } from '../metrics/periods';
import { today as todayInLondon } from '../db/day';

/**
 * A report's period: a financial year written as the DSPT writes editions, '2025-26' (1 April 2025 to
 * 31 March 2026). A pack is read as of the year's last day, or as of today while the year is still running.
 */
export interface ReportPeriod {
	label: string;
	/** First and last day of the financial year. */
	from: string;
	to: string;
	/** The date the pack's figures are read as of. */
	asOf: string;
}

const PERIOD = /^(\d{4})-(\d{2})$/;

/** The period a label names, or null when it is not a financial year ('2025-26', not '2025-27'). */
export function parsePeriod(label: string, today: string = todayInLondon()): ReportPeriod | null {
	const match = PERIOD.exec(label.trim());
	if (!match) return null;
	const start = Number(match[1]);
	if (Number(match[2]) !== (start + 1) % 100 || start < 2000 || start > 2100) return null;
	const { from, to } = financialYearBounds(start);
	return { label: `${start}-${match[2]}`, from, to, asOf: to < today ? to : today < from ? from : today };
}

/** The period a pack is asked for, or a ValidationError: a financial year that has started. */
export function requirePeriod(label: string): ReportPeriod {
	const period = parsePeriod(label);
	if (!period)
		throw new ValidationError(`invalid period "${label}": a period is a financial year written like 2025-26`, [
			{ field: 'period', message: 'a financial year, e.g. 2025-26' }
		]);
	if (period.from > todayInLondon())
		throw new ValidationError(`the ${period.label} financial year has not started yet`, [{ field: 'period', message: 'a year that has started' }]);
	return period;
}
