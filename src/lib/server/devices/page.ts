import { z } from 'zod';
import { snapshotsForMonth } from '../../charts/device-charts';
import { isoDate } from '../../schemas/common';
import type { ServiceContext } from '../context';
import { listDeviceSnapshots, type SnapshotView } from './service';
import { parseInput } from '../errors';
import type { DeviceMetrics } from '../metrics/device-metrics';
import { getOrganisationMetrics } from '../metrics/service';
import type { Series } from '../metrics/trend-series';
import { getMonthlyTrends, trendRangeEndingAt } from '../metrics/trends';
import { requireOrganisation } from '../auth/organisation-access';
import { freshnessOf } from '../freshness/service';
import { sourceOf, type SourceFreshness } from '../freshness/sources';
import { resolvePageDate } from '../freshness/page-date';

const devicesQuery = z.object({
	asOf: isoDate.optional(),
	/** A month to drill into (?month=YYYY-MM, from a click on a trend point): filters the snapshot history. */
	month: z
		.string()
		.regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM, e.g. 2026-03')
		.optional()
});

export type DevicesQuery = z.input<typeof devicesQuery>;

/**
 * The Devices page as of a date: the headline counts of the latest snapshot on or before it, 12 monthly
 * trend points from the rollup, and the snapshot history up to the date, narrowed to one month on request.
 */
export interface DevicesPage {
	org: string;
	name: string;
	asOf: string;
	/** Set when the address named no date and the page opened at the organisation's data end (freshness/page-date.ts). */
	opensAtDataEnd: string | null;
	/** How old the device data is on the date (freshness/sources.ts). */
	source: SourceFreshness;
	devices: DeviceMetrics;
	/** The months ending with the as-of date's; `toDate` set when that month's point is to the date, not its end. */
	trend: {
		months: string[];
		toDate: string | null;
		asOf: Series<string>;
		total: Series;
		compliant: Series;
		encrypted: Series;
		supportedOs: Series;
		stale: Series;
	};
	history: {
		/** Every snapshot dated on or before the as-of date, newest first. */
		count: number;
		month: string | null;
		/** all: no month chosen; in-month: snapshots dated in it; carried: none in it, so the one its figures come from; none: no data for it. */
		match: 'all' | 'in-month' | 'carried' | 'none';
		rows: SnapshotView[];
	};
}

export async function getDevicesPage(ctx: ServiceContext, ods: string, query: DevicesQuery = {}): Promise<DevicesPage> {
	const input = parseInput(devicesQuery, 'devices page', query);
	const org = await requireOrganisation(ctx, ods, 'read');
	const { asOf, opensAtDataEnd } = await resolvePageDate(ctx, org.id, 'devices page', input.asOf);
	const [metrics, trends, snapshots, freshness] = await Promise.all([
		getOrganisationMetrics(ctx, org.ods_code, asOf),
		getMonthlyTrends(ctx, org.ods_code, trendRangeEndingAt(asOf), asOf),
		listDeviceSnapshots(ctx, org.ods_code),
		freshnessOf(ctx, org.id, asOf)
	]);
	const upToDate = snapshots.filter((s) => s.asOf <= asOf);
	const month = input.month ?? null;
	const monthIndex = month === null ? -1 : trends.months.indexOf(month);
	const selected = snapshotsForMonth(upToDate, month, monthIndex < 0 ? null : (trends.devices.asOf[monthIndex] ?? null));
	const d = trends.devices;
	return {
		org: org.ods_code,
		name: org.name,
		asOf,
		opensAtDataEnd,
		source: sourceOf(freshness, 'devices'),
		devices: metrics.devices,
		trend: {
			months: trends.months,
			toDate: trends.toDate,
			asOf: d.asOf,
			total: d.total,
			compliant: d.compliant,
			encrypted: d.encrypted,
			supportedOs: d.supportedOs,
			stale: d.stale
		},
		history: { count: upToDate.length, month, ...selected }
	};
}
