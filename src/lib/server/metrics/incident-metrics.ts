import { BREACH_TYPES, INCIDENT_CATEGORIES, type BreachType, type IncidentCategory } from '../../schemas/incident';
import type { DateWindow } from './periods';
import type { IncidentCountsRow, IncidentMixRow } from './queries';
import { perThousand, rate, type Rate } from './rate';

/**
 * Incidents in the 12 months before a date: those detected (the organisation became aware) from UTC
 * midnight starting the window's first day to UTC midnight ending the date. Anything stamped after that
 * (a notification, containment, closure) had not happened as of the date.
 *
 * - total, byBreachType, byCategory: incidents detected in the window (every type and category listed,
 *   0 when none).
 * - icoReportable, dhscReportable: those graded reportable to the ICO / DHSC when recorded.
 * - The 72-hour rule applies to ICO-reportable incidents, from detection:
 *   - notifiedWithin72h: notified no later than detected_at + 72 hours (72:00:00 is within);
 *   - notifiedLate: notified, but later than that (72:00:01 is late);
 *   - notNotifiedOverdue: not notified as of the date although the 72 hours had run out by then;
 *   - notNotifiedPending: not notified, and the 72 hours still running at the end of the date;
 *   - notifiedWithin72hRate: notifiedWithin72h ÷ icoReportable (the four counts above add up to it).
 * - medianHoursToContain: the median of contained_at − detected_at in hours over the window's incidents
 *   contained as of the date (the mean of the middle two for an even number); null when none were.
 * - rcaCompletedRate: incidents closed in the window (closed_at in it, whenever detected) with root-cause
 *   analysis marked completed ÷ incidents closed in the window.
 * - per1000Staff: total × 1,000 ÷ staff (see StaffCount).
 * - totalCostPence: the sum of recorded costs of the window's incidents; costedIncidents says how many
 *   had a cost recorded.
 */
export interface IncidentMetrics {
	window: DateWindow;
	total: number;
	byBreachType: Record<BreachType, number>;
	byCategory: Record<IncidentCategory, number>;
	icoReportable: number;
	dhscReportable: number;
	notifiedWithin72h: number;
	notifiedLate: number;
	notNotifiedOverdue: number;
	notNotifiedPending: number;
	notifiedWithin72hRate: Rate;
	medianHoursToContain: { value: number | null; incidents: number };
	rcaCompletedRate: Rate;
	per1000Staff: Rate;
	totalCostPence: number;
	costedIncidents: number;
}

export function toIncidentMetrics(row: IncidentCountsRow, mix: IncidentMixRow[], window: DateWindow, staff: number): IncidentMetrics {
	const byBreachType = Object.fromEntries(BREACH_TYPES.map((t) => [t, 0])) as Record<BreachType, number>;
	const byCategory = Object.fromEntries(INCIDENT_CATEGORIES.map((c) => [c, 0])) as Record<IncidentCategory, number>;
	for (const m of mix) {
		byBreachType[m.breach_type] = (byBreachType[m.breach_type] ?? 0) + m.incidents;
		byCategory[m.category] = (byCategory[m.category] ?? 0) + m.incidents;
	}
	return {
		window,
		total: row.total,
		byBreachType,
		byCategory,
		icoReportable: row.ico_reportable,
		dhscReportable: row.dhsc_reportable,
		notifiedWithin72h: row.notified_within_72h,
		notifiedLate: row.notified_late,
		notNotifiedOverdue: row.overdue,
		notNotifiedPending: row.pending,
		notifiedWithin72hRate: rate(row.notified_within_72h, row.ico_reportable),
		medianHoursToContain: { value: row.median_contain_seconds === null ? null : row.median_contain_seconds / 3600, incidents: row.contained },
		rcaCompletedRate: rate(row.rca_completed, row.closed),
		per1000Staff: perThousand(row.total, staff),
		totalCostPence: row.cost_pence ?? 0,
		costedIncidents: row.costed
	};
}
