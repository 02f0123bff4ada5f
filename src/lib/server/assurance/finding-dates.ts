import type { FindingStatus, Severity } from '../../schemas/assurance';
import { addDays } from '../metrics/periods';

/**
 * How long a finding of each severity has by default. Critical and high: 14 days, as DSPT evidence item
 * 9.2.3 and Cyber Essentials expect of critical or high-risk vulnerabilities. Medium and low have no national
 * figure; 90 and 180 days are common penetration-test remediation terms and can be overridden per finding.
 */
export const DEFAULT_DAYS_TO_REMEDIATE: Record<Severity, number> = { critical: 14, high: 14, medium: 90, low: 180 };

/** The window DSPT 9.2.3 gives a critical or high finding, in days after it was raised. */
export const CRITICAL_HIGH_WINDOW_DAYS = 14;

export function defaultDueOn(severity: Severity, raisedOn: string): string {
	return addDays(raisedOn, DEFAULT_DAYS_TO_REMEDIATE[severity]);
}

export function isCriticalOrHigh(severity: Severity): boolean {
	return severity === 'critical' || severity === 'high';
}

export interface FindingDates {
	severity: Severity;
	status: FindingStatus;
	raisedOn: string;
	dueOn: string;
	remediatedOn: string | null;
	acceptedOn: string | null;
}

/** The day the finding stopped being open (remediated or risk accepted), or null while it is open. */
export function closedOn(f: FindingDates): string | null {
	if (f.status === 'remediated') return f.remediatedOn;
	if (f.status === 'risk_accepted') return f.acceptedOn;
	return null;
}

/** Open on the date: raised by then and not yet remediated or accepted (ISO dates compare as text). */
export function isOpenOn(f: FindingDates, date: string): boolean {
	if (f.raisedOn > date) return false;
	const closed = closedOn(f);
	return closed === null || closed > date;
}

/** Overdue on the date: still open after its due date. Due today is not overdue. */
export function isOverdueOn(f: FindingDates, date: string): boolean {
	return isOpenOn(f, date) && date > f.dueOn;
}

/** Days past due on the date (0 when not overdue). */
export function daysOverdue(f: FindingDates, date: string): number {
	return isOverdueOn(f, date) ? daysBetween(f.dueOn, date) : 0;
}

/**
 * Dealt with within 14 days of being raised, as 9.2.3 asks: remediated, or the risk accepted (by the SIRO),
 * no later than the 14th day. Judged against the raised date, not the due date, which an owner may move.
 */
export function closedWithin14Days(f: FindingDates): boolean {
	const closed = closedOn(f);
	return closed !== null && closed <= addDays(f.raisedOn, CRITICAL_HIGH_WINDOW_DAYS);
}

export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
