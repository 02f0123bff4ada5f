import { BREACH_TYPES, INCIDENT_CATEGORIES } from '../../schemas/incident';
import type { BreachType, IncidentChartData, IncidentMonth, NotificationStatus } from '../../charts/incident-charts';
import { monthsBetween } from '../metrics/trend-series';
import { addDays, addMonths, instantsOf, twelveMonthsBefore, type DateWindow } from '../metrics/periods';
import { startOfCalendarDay } from '../db/day';

/**
 * The pure arithmetic behind the incidents page: the months a 12-month window touches, the counts per
 * month, category and grid cell from one aggregate, and where one incident stands against the 72-hour
 * rule as of a date. The window is the metrics' (periods.ts): so the bars add up to the headline figures.
 */

/** One group of incidents detected in the window, as selectIncidentCube returns it. */
export interface IncidentCubeRow {
	/** 'YYYY-MM' of detection (UTC). */
	month: string;
	category: string;
	breach_type: BreachType;
	likelihood: number;
	severity: number;
	ico: boolean;
	dhsc: boolean;
	/** For ICO-reportable incidents, where they stood against the 72-hour rule as of the date; null otherwise. */
	notice: NotificationStatus | null;
	incidents: number;
}

/** Counts per likelihood (rows, index 0 = 1) × severity (columns, index 0 = 1). */
export type GradeGrid = number[][];

/** The calendar months ('YYYY-MM') the window's days fall in, oldest first: 12 for a window ending on a month's last day, else 13. */
export function windowMonths(window: DateWindow): string[] {
	return monthsBetween(addDays(window.after, 1).slice(0, 7), window.through.slice(0, 7)) ?? [];
}

/** The months of the 12 months before a date. */
export function monthsBefore(asOf: string): string[] {
	return windowMonths(twelveMonthsBefore(asOf));
}

/** The part of a month inside the window, as instants [start, end). */
export function monthInWindow(month: string, window: DateWindow): { start: Date; end: Date } {
	const { start, end } = instantsOf(window);
	const first = startOfCalendarDay(`${month}-01`);
	const next = startOfCalendarDay(addMonths(`${month}-01`, 1));
	return { start: first > start ? first : start, end: next < end ? next : end };
}

const zeroBy = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function summariseIncidents(rows: readonly IncidentCubeRow[], months: readonly string[]): { chart: IncidentChartData; grid: GradeGrid } {
	const byMonth = new Map<string, IncidentMonth>(
		months.map((month) => [
			month,
			{
				month,
				total: 0,
				byBreachType: zeroBy(BREACH_TYPES),
				icoReportable: 0,
				dhscReportable: 0,
				notification: zeroBy(['within', 'late', 'overdue', 'pending'] as const)
			}
		])
	);
	const byCategory = new Map(
		INCIDENT_CATEGORIES.map((category) => [category as string, { category: category as string, total: 0, byBreachType: zeroBy(BREACH_TYPES) }])
	);
	const grid: GradeGrid = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
	for (const r of rows) {
		const type = r.breach_type;
		const m = byMonth.get(r.month);
		if (m) {
			m.total += r.incidents;
			m.byBreachType[type] = (m.byBreachType[type] ?? 0) + r.incidents;
			if (r.ico) m.icoReportable += r.incidents;
			if (r.dhsc) m.dhscReportable += r.incidents;
			if (r.notice) m.notification[r.notice] += r.incidents;
		}
		let c = byCategory.get(r.category);
		if (!c) byCategory.set(r.category, (c = { category: r.category, total: 0, byBreachType: zeroBy(BREACH_TYPES) }));
		c.total += r.incidents;
		c.byBreachType[type] = (c.byBreachType[type] ?? 0) + r.incidents;
		const row = grid[r.likelihood - 1];
		if (row && r.severity >= 1 && r.severity <= 5) row[r.severity - 1] = (row[r.severity - 1] ?? 0) + r.incidents;
	}
	return { chart: { months: [...byMonth.values()], byCategory: [...byCategory.values()] }, grid };
}

const HOURS_72_MS = 72 * 3_600_000;

/**
 * Where an incident stood against the 72-hour rule at `end` (midnight ending the as-of date), as the
 * metrics count it: null when it is not ICO-reportable; notified within 72 hours of detection (72:00:00
 * is within) or late; not notified with the 72 hours run out (overdue) or still running (pending).
 */
export function notificationStatus(incident: { icoReportable: boolean; detectedAt: Date; notifiedAt: Date | null }, end: Date): NotificationStatus | null {
	if (!incident.icoReportable) return null;
	const deadline = incident.detectedAt.getTime() + HOURS_72_MS;
	if (incident.notifiedAt && incident.notifiedAt < end) return incident.notifiedAt.getTime() <= deadline ? 'within' : 'late';
	return end.getTime() > deadline ? 'overdue' : 'pending';
}
