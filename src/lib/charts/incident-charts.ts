import type { BreachType, IncidentCategory } from '../schemas/incident';
import { barChart } from './bar-chart';
import type { ChartSpec } from './chart-spec';
import { monthLabel } from './format-value';
import { PALETTE } from './palette';

/**
 * The charts of the incidents page, as pure specifications shared by the screen and the PDF packs, with
 * the words the page uses for categories, breach types, grades and notification. Type-only imports keep
 * zod out of the browser bundle.
 */

export type { BreachType };
export type NotificationStatus = 'within' | 'late' | 'overdue' | 'pending';

export const BREACH_TYPE_ORDER: readonly BreachType[] = ['confidentiality', 'integrity', 'availability'];
export const NOTIFICATION_ORDER: readonly NotificationStatus[] = ['within', 'late', 'overdue', 'pending'];

export const INCIDENT_CATEGORY_LABELS: Record<IncidentCategory, string> = {
	misdirected: 'Misdirected email or post',
	lost_stolen_device: 'Lost or stolen device',
	lost_stolen_paper: 'Lost or stolen paper',
	unauthorised_access: 'Unauthorised access',
	phishing: 'Phishing',
	malware_ransomware: 'Malware or ransomware',
	system_unavailability: 'System unavailability',
	insider_misuse: 'Insider misuse',
	unapproved_messaging: 'Unapproved messaging app',
	other: 'Other'
};

export const BREACH_TYPE_LABELS: Record<BreachType, string> = {
	confidentiality: 'Confidentiality',
	integrity: 'Integrity',
	availability: 'Availability'
};

export const NOTIFICATION_LABELS: Record<NotificationStatus, string> = {
	within: 'Notified within 72 hours',
	late: 'Notified late',
	overdue: 'Not notified, overdue',
	pending: 'Not notified, 72 hours still running'
};

/** The 5 × 5 grid's words (DOMAIN.md §2: from the NHS guide as remembered; reference data, not rules). */
export const LIKELIHOOD_LABELS = ['Not occurred', 'Not likely', 'Likely', 'Highly likely', 'Occurred'] as const;
export const SEVERITY_LABELS = ['No adverse effect', 'Minor', 'Adverse', 'Serious', 'Catastrophic'] as const;

export function incidentCategoryLabel(category: string): string {
	return INCIDENT_CATEGORY_LABELS[category as IncidentCategory] ?? category;
}

export function breachTypeLabel(breachType: string): string {
	return BREACH_TYPE_LABELS[breachType as BreachType] ?? breachType;
}

/** Incidents detected in one month of the window (the window's first and last months may be partial). */
export interface IncidentMonth {
	/** 'YYYY-MM'. */
	month: string;
	total: number;
	byBreachType: Record<BreachType, number>;
	icoReportable: number;
	dhscReportable: number;
	/** Where the month's ICO-reportable incidents stood against the 72-hour rule as of the date. */
	notification: Record<NotificationStatus, number>;
}

export interface IncidentCategoryCount {
	category: string;
	total: number;
	byBreachType: Record<BreachType, number>;
}

export interface IncidentChartData {
	months: IncidentMonth[];
	/** Every category, in the order the page lists them. */
	byCategory: IncidentCategoryCount[];
}

export const INCIDENT_CHART_IDS = { byMonth: 'incidents-by-month', byCategory: 'incidents-by-category', notification: 'incidents-notification' } as const;

const BREACH_COLOURS: Record<BreachType, string> = { confidentiality: PALETTE.blue, integrity: PALETTE.purple, availability: PALETTE.aquaGreen };
/** Red for overdue, as everywhere in Beacon; each status is also named in the legend and the table. */
const NOTIFICATION_COLOURS: Record<NotificationStatus, string> = {
	within: PALETTE.green,
	late: PALETTE.orange,
	overdue: PALETTE.red,
	pending: PALETTE.midGrey
};

/**
 * Incidents per month by breach type, per category by breach type (bars across the page), and ICO-reportable incidents per
 * month by where they stand against the 72-hour rule. Bars are indexed like `months` and `byCategory`,
 * for drill-down.
 */
export function incidentCharts(data: IncidentChartData): ChartSpec[] {
	const monthLabels = data.months.map((m) => monthLabel(m.month));
	const byMonth = barChart({
		id: INCIDENT_CHART_IDS.byMonth,
		title: 'Incidents detected per month, by breach type',
		labels: monthLabels,
		labelHeading: 'Month',
		unit: 'count',
		stacked: true,
		series: BREACH_TYPE_ORDER.map((t) => ({ label: BREACH_TYPE_LABELS[t], values: data.months.map((m) => m.byBreachType[t]), colour: BREACH_COLOURS[t] }))
	});
	// Across the page: ten category names do not fit beneath bars.
	const byCategoryBars = barChart({
		id: INCIDENT_CHART_IDS.byCategory,
		title: 'Incidents detected in the 12 months, by category and breach type',
		labels: data.byCategory.map((c) => incidentCategoryLabel(c.category)),
		labelHeading: 'Category',
		unit: 'count',
		stacked: true,
		series: BREACH_TYPE_ORDER.map((t) => ({ label: BREACH_TYPE_LABELS[t], values: data.byCategory.map((c) => c.byBreachType[t]), colour: BREACH_COLOURS[t] }))
	});
	const byCategory: ChartSpec = { ...byCategoryBars, config: { ...byCategoryBars.config, horizontal: true } };
	const notification = barChart({
		id: INCIDENT_CHART_IDS.notification,
		title: 'ICO-reportable incidents per month, by 72-hour notification',
		labels: monthLabels,
		labelHeading: 'Month detected',
		unit: 'count',
		stacked: true,
		series: NOTIFICATION_ORDER.map((s) => ({
			label: NOTIFICATION_LABELS[s],
			values: data.months.map((m) => m.notification[s]),
			colour: NOTIFICATION_COLOURS[s]
		}))
	});
	return [byMonth, byCategory, notification];
}
