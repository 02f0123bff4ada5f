import type { Rate } from '../server/metrics/rate';
import { formatCount } from '../format';
import { barChart } from './bar-chart';
import type { ChartSpec } from './chart-spec';
import { formatValue } from './format-value';
import { PALETTE } from './palette';
import { trendChart } from './trend-chart';

export const DEVICE_CHART_IDS = { rates: 'device-rates-trend', stale: 'device-stale-trend', ownership: 'device-ownership' } as const;

type Series = (number | null)[];

/** What the Devices charts draw: monthly counts from the rollup (null where a month has no snapshot) and the ownership mix. */
export interface DeviceChartData {
	trend: { months: string[]; toDate?: string | null; total: Series; compliant: Series; encrypted: Series; supportedOs: Series; stale: Series };
	/** Null when the snapshot does not say (aggregate counts have no ownership). */
	ownership: { corporate: Rate; personal: Rate; unknown: Rate } | null;
}

/** count ÷ total month by month; null where either is unknown or there were no devices. */
export function monthlyRate(counts: Series, totals: Series): Series {
	return counts.map((count, i) => {
		const total = totals[i] ?? null;
		return count === null || total === null || total === 0 ? null : count / total;
	});
}

/** The Devices page's charts, in page order: the good-news rates, the stale rate, and the ownership mix when known. */
export function deviceCharts(data: DeviceChartData): ChartSpec[] {
	const { months, total } = data.trend;
	const rates = trendChart({
		id: DEVICE_CHART_IDS.rates,
		title: 'Compliance, encryption and supported operating systems, last 12 months',
		months,
		toDate: data.trend.toDate,
		unit: 'rate',
		series: [
			{ label: 'Compliant', values: monthlyRate(data.trend.compliant, total), colour: PALETTE.blue },
			{ label: 'Encrypted', values: monthlyRate(data.trend.encrypted, total), colour: PALETTE.aquaGreen },
			{ label: 'Supported operating system', values: monthlyRate(data.trend.supportedOs, total), colour: PALETTE.purple }
		]
	});
	const stale = trendChart({
		id: DEVICE_CHART_IDS.stale,
		title: 'Stale devices (no check-in for 30 days), last 12 months',
		months,
		toDate: data.trend.toDate,
		unit: 'rate',
		series: [{ label: 'Stale', values: monthlyRate(data.trend.stale, total), colour: PALETTE.orange }]
	});
	// A few per cent on a 0–100 % axis is a flat line: let the axis fit the stale rate.
	delete stale.config.max;
	const charts = [rates, stale];
	if (data.ownership) charts.push(ownershipChart(data.ownership));
	return charts;
}

function ownershipChart(ownership: NonNullable<DeviceChartData['ownership']>): ChartSpec {
	const parts = [
		{ label: 'Corporate', rate: ownership.corporate },
		{ label: 'Personal', rate: ownership.personal },
		{ label: 'Unknown', rate: ownership.unknown }
	];
	const spec = barChart({
		id: DEVICE_CHART_IDS.ownership,
		title: 'Ownership of devices',
		labels: parts.map((p) => p.label),
		labelHeading: 'Ownership',
		unit: 'rate',
		series: [{ label: 'Share of devices', values: parts.map((p) => p.rate.value), colour: PALETTE.blue }]
	});
	spec.config.horizontal = true;
	spec.table = {
		caption: spec.title,
		columns: ['Ownership', 'Devices', 'Share of devices'],
		rows: parts.map((p) => ({ label: p.label, cells: [formatCount(p.rate.numerator), formatValue('rate', p.rate.value)] }))
	};
	return spec;
}

/** A snapshot as the history table lists it. */
export interface SnapshotRow {
	asOf: string;
}

/**
 * The snapshot history rows a month selects (clicking a trend point, or ?month=YYYY-MM): the snapshots
 * dated in that month; with none, the snapshot the month's figures were carried forward from (the rollup's
 * as-of date for the month), so a click always lands on the data behind the point.
 */
export function snapshotsForMonth<T extends SnapshotRow>(
	snapshots: T[],
	month: string | null,
	carriedFrom: string | null
): { rows: T[]; match: 'all' | 'in-month' | 'carried' | 'none' } {
	if (month === null) return { rows: snapshots, match: 'all' };
	const inMonth = snapshots.filter((s) => s.asOf.startsWith(`${month}-`));
	if (inMonth.length > 0) return { rows: inMonth, match: 'in-month' };
	const carried = carriedFrom === null ? [] : snapshots.filter((s) => s.asOf === carriedFrom);
	return carried.length > 0 ? { rows: carried, match: 'carried' } : { rows: [], match: 'none' };
}
