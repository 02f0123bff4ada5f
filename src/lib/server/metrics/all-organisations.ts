import { isoDate } from '../../schemas/common';
import { loadAssuranceFacts } from '../assurance/facts';
import { groupByOrganisation } from '../group-by-organisation';
import type { ServiceContext } from '../context';
import { parseInput } from '../errors';
import * as q from './all-organisations-queries';
import { toDeviceMetrics } from './device-metrics';
import { toIncidentMetrics } from './incident-metrics';
import { financialYearBounds, financialYearOf, instantsOf, twelveMonthsBefore } from './periods';
import type { IncidentCountsRow } from './queries';
import { assuranceOf, toStaffCount, type OrganisationMetrics } from './service';
import { PREVIOUS_YEARS, toSpendMetrics } from './spend-metrics';
import { toTrainingMetrics } from './training-metrics';

/** An organisation whose metrics are wanted: the caller has already decided the actor may read it. */
export interface OrganisationRef {
	id: number;
	ods_code: string;
	name: string;
}

/** What selectIncidentCounts returns for an organisation with no incidents in the window. */
const NO_INCIDENTS: IncidentCountsRow = {
	total: 0,
	ico_reportable: 0,
	dhsc_reportable: 0,
	notified_within_72h: 0,
	notified_late: 0,
	overdue: 0,
	pending: 0,
	contained: 0,
	median_contain_seconds: null,
	closed: 0,
	rca_completed: 0,
	costed: 0,
	cost_pence: null
};

/**
 * The metrics of many organisations as of a date, each exactly what getOrganisationMetrics gives for it,
 * from six set-based statements (all-organisations-queries.ts) and the assurance facts' few (assurance/facts.ts)
 * rather than a dozen per organisation. `all`
 * says the organisations are every organisation there is, so the statements need no id list.
 */
export async function getManyOrganisationMetrics(
	ctx: ServiceContext,
	orgs: readonly OrganisationRef[],
	asOf: string,
	all = false
): Promise<OrganisationMetrics[]> {
	const date = parseInput(isoDate, 'as-of date', asOf);
	if (orgs.length === 0) return [];
	const ids = all ? null : orgs.map((o) => o.id);
	const window = twelveMonthsBefore(date);
	const { start, end } = instantsOf(window);
	const year = financialYearOf(date);
	const [trainingRows, staffRows, deviceRows, incidentRows, mixRows, spendRows, assuranceFacts] = await Promise.all([
		q.selectAllTrainingCounts(ctx.db, ids, window),
		q.selectAllStaffCounts(ctx.db, ids, year),
		q.selectAllLatestDeviceCounts(ctx.db, ids, date),
		q.selectAllIncidentCounts(ctx.db, ids, start, end),
		q.selectAllIncidentMix(ctx.db, ids, start, end),
		q.selectAllSpendTotals(ctx.db, ids, financialYearBounds(year - PREVIOUS_YEARS).from, date),
		loadAssuranceFacts(
			ctx.db,
			orgs.map((o) => o.id),
			date
		)
	]);
	const training = groupByOrganisation(trainingRows);
	const staffOf = new Map(staffRows.map((r) => [r.organisation_id, r]));
	const deviceOf = new Map(deviceRows.map((r) => [r.organisation_id, r]));
	const incidentOf = new Map(incidentRows.map((r) => [r.organisation_id, r]));
	const mix = groupByOrganisation(mixRows);
	const spend = groupByOrganisation(spendRows);
	return orgs.map((org) => {
		const staff = toStaffCount(staffOf.get(org.id) ?? { headcount: null, training_staff: null }, year);
		const devices = toDeviceMetrics(deviceOf.get(org.id));
		return {
			org: org.ods_code,
			name: org.name,
			asOf: date,
			staff,
			training: toTrainingMetrics(training.get(org.id) ?? [], window),
			devices,
			incidents: toIncidentMetrics(incidentOf.get(org.id) ?? NO_INCIDENTS, mix.get(org.id) ?? [], window, staff.count),
			spend: toSpendMetrics(spend.get(org.id) ?? [], date, staff.count, devices.managed ?? 0),
			assurance: assuranceOf(assuranceFacts.get(org.id), devices.managed, staff.count, date)
		};
	});
}
