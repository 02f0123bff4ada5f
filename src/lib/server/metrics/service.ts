import { isoDate } from '../../schemas/common';
import { toAssuranceMetrics, type AssuranceMetrics } from '../assurance/assurance-metrics';
import { loadAssuranceFacts, type OrganisationFacts } from '../assurance/facts';
import type { ServiceContext } from '../context';
import { parseInput } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { toDeviceMetrics, type DeviceMetrics } from './device-metrics';
import { toIncidentMetrics, type IncidentMetrics } from './incident-metrics';
import { financialYearBounds, financialYearOf, instantsOf, twelveMonthsBefore } from './periods';
import * as q from './queries';
import { PREVIOUS_YEARS, toSpendMetrics, type SpendMetrics } from './spend-metrics';
import { toTrainingMetrics, type TrainingMetrics } from './training-metrics';

/**
 * Metrics: named, documented functions of one organisation's data as of a date. Every count and rate is
 * defined where its type is declared (training-metrics.ts, device-metrics.ts, incident-metrics.ts,
 * spend-metrics.ts); the windows are:
 *
 * - "the 12 months before the date": days after the same date a year earlier, up to and including the
 *   date (periods.ts twelveMonthsBefore); for timestamps, from UTC midnight starting the window's first
 *   day to UTC midnight ending the date.
 * - devices: the latest snapshot dated on or before the date.
 * - spend: the whole financial year (1 April – 31 March) containing the date, and the four before it.
 *
 * Every rate carries its numerator and denominator, and its value is null when the denominator is 0:
 * no data is never shown as 0 %.
 */
export interface OrganisationMetrics {
	org: string;
	name: string;
	asOf: string;
	staff: StaffCount;
	training: TrainingMetrics;
	devices: DeviceMetrics;
	incidents: IncidentMetrics;
	spend: SpendMetrics;
	assurance: AssuranceMetrics;
}

/**
 * The staff the per-staff figures divide by (incidents per 1,000 staff, spend per staff member): the
 * organisation's recorded headcount for the financial year containing the date when there is one, else
 * the number of distinct people in its training records (required or not), else none (count 0, and the
 * per-staff figures are null).
 */
export interface StaffCount {
	count: number;
	source: 'headcount' | 'training_records' | null;
	financialYear: number;
}

export async function getOrganisationMetrics(ctx: ServiceContext, ods: string, asOf: string): Promise<OrganisationMetrics> {
	const date = parseInput(isoDate, 'as-of date', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	const window = twelveMonthsBefore(date);
	const { start, end } = instantsOf(window);
	const year = financialYearOf(date);
	const [trainingRows, staffRow, deviceRow, incidentRow, mixRows, spendRows, assuranceFacts] = await Promise.all([
		q.selectTrainingCounts(ctx.db, org.id, window),
		q.selectStaffCount(ctx.db, org.id, year),
		q.selectLatestDeviceCounts(ctx.db, org.id, date),
		q.selectIncidentCounts(ctx.db, org.id, start, end),
		q.selectIncidentMix(ctx.db, org.id, start, end),
		q.selectSpendTotals(ctx.db, org.id, financialYearBounds(year - PREVIOUS_YEARS).from, date),
		loadAssuranceFacts(ctx.db, [org.id], date)
	]);
	const staff = toStaffCount(staffRow, year);
	const devices = toDeviceMetrics(deviceRow);
	return {
		org: org.ods_code,
		name: org.name,
		asOf: date,
		staff,
		training: toTrainingMetrics(trainingRows, window),
		devices,
		incidents: toIncidentMetrics(incidentRow, mixRows, window, staff.count),
		spend: toSpendMetrics(spendRows, date, staff.count, devices.managed ?? 0),
		assurance: assuranceOf(assuranceFacts.get(org.id), devices.managed, staff.count, date)
	};
}

/** The assurance metrics from an organisation's facts (none loaded: no assurance data). */
export function assuranceOf(facts: OrganisationFacts | undefined, managedDevices: number | null, staffCount: number, asOf: string): AssuranceMetrics {
	const known = facts ?? { findings: [], activities: [], phishing: [], approvedApps: [], appSnapshot: null };
	return toAssuranceMetrics({ ...known, managedDevices, staffCount }, asOf);
}

/** The staff count from its query row (StaffCount says which figure wins). */
export function toStaffCount(row: q.StaffCountRow, financialYear: number): StaffCount {
	if (row.headcount !== null) return { count: row.headcount, source: 'headcount', financialYear };
	if (row.training_staff !== null && row.training_staff > 0) return { count: row.training_staff, source: 'training_records', financialYear };
	return { count: 0, source: null, financialYear };
}
