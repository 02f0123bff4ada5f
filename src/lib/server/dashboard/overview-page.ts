import { isoDate } from '../../schemas/common';
import type { ServiceContext } from '../context';
import { parseInput } from '../errors';
import type { OrganisationMetrics } from '../metrics/service';
import { getOrganisationSummary, type OrganisationSummary } from '../organisations/service';
import { requireOrganisation } from '../auth/organisation-access';
import { buildOverview, type Overview } from './overview';
import { cached } from './overview-cache';
import * as q from './queries';

/**
 * Only the metrics the overview page shows. The page's data is serialised into its HTML for the browser,
 * and the full metrics (every department and staff group, every category) would be most of it.
 */
export function headlineMetrics(m: OrganisationMetrics) {
	const { training: t, devices: d, incidents: i, spend: s, assurance: a } = m;
	return {
		training: { completionRate: t.completionRate, completed12m: t.completed12m },
		devices: { compliantRate: d.compliantRate, encryptedRate: d.encryptedRate, staleRate: d.staleRate, stale: d.stale, snapshot: d.snapshot },
		incidents: { total: i.total, icoReportable: i.icoReportable, dhscReportable: i.dhscReportable },
		spend: { financialYear: s.financialYear, totalPence: s.totalPence, perStaffPence: s.perStaffPence },
		assurance: {
			openCriticalHigh: a.openCriticalHigh,
			overdueFindings: a.overdueFindings,
			phishingClickRate: a.phishingClickRate,
			latestPhishingOn: a.latestPhishingOn,
			devicesWithUnapprovedMessaging: a.devicesWithUnapprovedMessaging,
			unapprovedMessagingExact: a.unapprovedMessagingExact,
			unapprovedMessagingRate: a.unapprovedMessagingRate,
			messagingSnapshotOn: a.messagingSnapshotOn
		}
	};
}

export type HeadlineMetrics = ReturnType<typeof headlineMetrics>;

export interface OverviewPage {
	overview: Omit<Overview, 'metrics'> & { metrics: HeadlineMetrics };
	organisation: OrganisationSummary;
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * The overview page: the overview with its headline metrics, and how much data Beacon holds for the
 * organisation. Built once per organisation, date and data fingerprint, like the overview itself (the
 * record counts change only with the data the fingerprint covers); an ICB's page lists the trusts this
 * actor may read, so it is built each time.
 */
export async function getOverviewPage(ctx: ServiceContext, ods: string, asOf: string = todayUtc()): Promise<OverviewPage> {
	const date = parseInput(isoDate, 'as-of date', asOf);
	const org = await requireOrganisation(ctx, ods, 'read');
	const build = async (): Promise<OverviewPage> => {
		const [overview, organisation] = await Promise.all([buildOverview(ctx, org, date), getOrganisationSummary(ctx, org.ods_code)]);
		return { overview: { ...overview, metrics: headlineMetrics(overview.metrics) }, organisation };
	};
	if (org.kind === 'icb') return build();
	const version = await q.selectOverviewVersion(ctx.db, org.id);
	return cached(`page|${org.id}|${date}|${version}`, build);
}
