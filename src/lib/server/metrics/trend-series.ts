import { SPEND_CATEGORIES, type SpendCategory } from '../../schemas/spend';
import type { MonthlyRollupRow } from './rollup-queries';

/**
 * Monthly trend series as pure arithmetic on rollup rows: one value per month, null for a month with no
 * data of that kind (no rollup row, or a figure the rollup left null), never 0 in its place.
 */

export const MIN_TREND_MONTHS = 12;
export const MAX_TREND_MONTHS = 36;

export type Series<T = number> = (T | null)[];

export interface MonthlyTrends {
	org: string;
	/** 'YYYY-MM', first and last month, inclusive. */
	from: string;
	to: string;
	months: string[];
	training: { requiredStaff: Series; trainedStaff: Series; completingStaff: Series; completionRate: Series };
	devices: {
		asOf: Series<string>;
		total: Series;
		managed: Series;
		compliant: Series;
		encrypted: Series;
		supportedOs: Series;
		stale: Series;
		compliantRate: Series;
		encryptedRate: Series;
		staleRate: Series;
	};
	incidents: { detected: Series; icoReportable: Series; dhscReportable: Series; notifiedLate: Series; costPence: Series };
	spend: { totalPence: Series; byCategory: Record<SpendCategory, Series> };
	/** When the oldest of the rows read was rebuilt; null with no rows. */
	refreshedAt: string | null;
	/** Set when the last month had not ended by the as-of date: its figures are to this date, not the month's end. */
	toDate: string | null;
}

/** Every month from..to ('YYYY-MM', inclusive), or null when to is before from. */
export function monthsBetween(from: string, to: string): string[] | null {
	const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
	const first = index(from);
	const count = index(to) - first + 1;
	if (count < 1) return null;
	return Array.from({ length: count }, (_, i) => {
		const n = first + i;
		return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
	});
}

/** numerator ÷ denominator, null when either is unknown or the denominator is 0. */
export function ratio(numerator: number | null, denominator: number | null): number | null {
	return numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;
}

export function toMonthlyTrends(org: string, months: string[], rows: MonthlyRollupRow[]): MonthlyTrends {
	const byMonth = new Map(rows.map((r) => [r.month.slice(0, 7), r]));
	const series = <T>(pick: (r: MonthlyRollupRow) => T | null): Series<T> =>
		months.map((m) => {
			const row = byMonth.get(m);
			return row ? pick(row) : null;
		});
	const byCategory = Object.fromEntries(
		SPEND_CATEGORIES.map((c) => [c, series((r) => (r.spend_by_category === null ? null : (r.spend_by_category[c] ?? 0)))])
	) as Record<SpendCategory, Series>;
	const refreshed = rows.map((r) => r.refreshed_at.getTime());
	return {
		org,
		from: months[0] ?? '',
		to: months.at(-1) ?? '',
		months,
		training: {
			requiredStaff: series((r) => r.training_required_staff),
			trainedStaff: series((r) => r.training_trained_staff),
			completingStaff: series((r) => r.training_completing_staff),
			completionRate: series((r) => ratio(r.training_trained_staff, r.training_required_staff))
		},
		devices: {
			asOf: series((r) => r.device_as_of),
			total: series((r) => r.device_total),
			managed: series((r) => r.device_managed),
			compliant: series((r) => r.device_compliant),
			encrypted: series((r) => r.device_encrypted),
			supportedOs: series((r) => r.device_supported_os),
			stale: series((r) => r.device_stale),
			compliantRate: series((r) => ratio(r.device_compliant, r.device_total)),
			encryptedRate: series((r) => ratio(r.device_encrypted, r.device_total)),
			staleRate: series((r) => ratio(r.device_stale, r.device_total))
		},
		incidents: {
			detected: series((r) => r.incidents_detected),
			icoReportable: series((r) => r.incidents_ico_reportable),
			dhscReportable: series((r) => r.incidents_dhsc_reportable),
			notifiedLate: series((r) => r.incidents_notified_late),
			costPence: series((r) => r.incident_cost_pence)
		},
		spend: { totalPence: series((r) => r.spend_pence), byCategory },
		refreshedAt: refreshed.length ? new Date(Math.min(...refreshed)).toISOString() : null,
		toDate: null
	};
}
