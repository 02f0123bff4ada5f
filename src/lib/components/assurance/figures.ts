import { formatValue } from '../../charts/format-value';
import { formatCount } from '../../format';
import { OPINION_LABELS, VERACITY_LABELS, type Opinion, type VeracityConfidence } from '../../schemas/assurance';

/** The words the assurance figures are shown in, on the Assurance page and the overview alike. */

interface RateLike {
	value: number | null;
	numerator: number;
	denominator: number;
}

/** "12.0 %", or "no data" with nothing to divide by. */
export function rateValue(rate: RateLike | null): string {
	return formatValue('rate', rate?.value ?? null);
}

/** "240 of 2,000" (with what the denominator counts), or an empty string with nothing to divide by. */
export function rateDetail(rate: RateLike | null, of = ''): string {
	return rate === null || rate.value === null ? '' : `${formatCount(rate.numerator)} of ${formatCount(rate.denominator)}${of ? ` ${of}` : ''}`;
}

/**
 * Devices with an unapproved messaging app: exact when the export listed devices; from a per-app count
 * export only an upper bound (a device may hold several apps), so "at most".
 */
export function unapprovedDevices(devices: number | null, exact: boolean | null): string {
	if (devices === null) return 'no data';
	return exact === false ? `at most ${formatCount(devices)}` : formatCount(devices);
}

export function opinionText(opinion: Opinion | null, veracity: VeracityConfidence | null): string {
	const parts = [opinion ? OPINION_LABELS[opinion] : null, veracity ? VERACITY_LABELS[veracity].toLowerCase() : null].filter(Boolean);
	return parts.join('; ');
}

const short = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** 'YYYY-MM-DD' → "14 Mar 2025", for dates in table columns. */
export function shortDate(isoDate: string): string {
	return short.format(new Date(`${isoDate}T00:00:00Z`));
}

export function days(n: number): string {
	return `${formatCount(n)} ${n === 1 ? 'day' : 'days'}`;
}
