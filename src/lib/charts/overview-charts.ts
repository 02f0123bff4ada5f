import type { ChartSpec } from './chart-spec';
import { PALETTE } from './palette';
import { trendChart } from './trend-chart';

type Series = readonly (number | null)[];

/** The monthly series the overview draws (a subset of the metrics' monthly trends). */
export interface OverviewTrendInput {
	months: readonly string[];
	training: { completionRate: Series };
	devices: { compliantRate: Series; encryptedRate: Series; staleRate: Series };
	incidents: { detected: Series; icoReportable: Series };
	spend: { totalPence: Series };
	/** Set when the as-of month had not ended: its point is to this date (MonthlyTrends.toDate). */
	toDate?: string | null;
}

/** The training target the DSPT sets (NDG 3.2.1; CAF B6.b): 95 % of staff in the last 12 months. */
export const TRAINING_TARGET = 0.95;

const lastTwelve = <T>(values: readonly T[]) => values.slice(-12);

/**
 * Spend so far this financial year against the same months of the last one, month by month from April,
 * cumulative. `asOfMonth` is 'YYYY-MM'; months without data add nothing but stay visible as gaps after
 * the last month with data.
 */
export function spendYearToDate(input: Pick<OverviewTrendInput, 'months' | 'spend' | 'toDate'>, asOfMonth: string): ChartSpec {
	const year = Number(asOfMonth.slice(0, 4));
	const month = Number(asOfMonth.slice(5, 7));
	const fyStart = month >= 4 ? year : year - 1;
	const fyMonths = Array.from({ length: 12 }, (_, i) => {
		const m = ((3 + i) % 12) + 1;
		return `${m >= 4 ? fyStart : fyStart + 1}-${String(m).padStart(2, '0')}`;
	});
	const valueOf = (m: string) => {
		const i = input.months.indexOf(m);
		return i < 0 ? null : (input.spend.totalPence[i] ?? null);
	};
	const lastYear = (m: string) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`;
	const cumulative = (pick: (m: string) => number | null, until: string | null) => {
		let sum = 0;
		let seen = false;
		return fyMonths.map((m) => {
			if (until !== null && m > until) return null;
			const v = pick(m);
			if (v !== null) {
				sum += v;
				seen = true;
			}
			return seen ? sum : null;
		});
	};
	const label = (y: number) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
	return trendChart({
		id: 'spend-ytd',
		title: 'Security spend, year to date',
		months: fyMonths,
		toDate: input.toDate,
		series: [
			{ label: `This year (${label(fyStart)})`, values: cumulative(valueOf, asOfMonth), colour: PALETTE.blue },
			{ label: `Last year (${label(fyStart - 1)})`, values: cumulative((m) => valueOf(lastYear(m)), null), colour: PALETTE.midGrey }
		],
		unit: 'pence'
	});
}

/** The overview's headline trends: the twelve months ending at the as-of month. */
export function overviewCharts(input: OverviewTrendInput, asOfMonth: string): ChartSpec[] {
	const months = lastTwelve(input.months);
	return [
		trendChart({
			id: 'training',
			title: 'Data security training completion',
			months,
			toDate: input.toDate,
			series: [{ label: 'Staff trained in the last 12 months', values: lastTwelve(input.training.completionRate), colour: PALETTE.blue }],
			unit: 'rate',
			target: { label: 'Target 95 %', value: TRAINING_TARGET }
		}),
		trendChart({
			id: 'devices',
			title: 'Device compliance, encryption and stale devices',
			months,
			toDate: input.toDate,
			series: [
				{ label: 'Compliant', values: lastTwelve(input.devices.compliantRate), colour: PALETTE.green },
				{ label: 'Encrypted', values: lastTwelve(input.devices.encryptedRate), colour: PALETTE.blue },
				{ label: 'Stale (no check-in for 30 days)', values: lastTwelve(input.devices.staleRate), colour: PALETTE.orange }
			],
			unit: 'rate'
		}),
		trendChart({
			id: 'incidents',
			title: 'Incidents detected and ICO-reportable',
			months,
			toDate: input.toDate,
			series: [
				{ label: 'Detected', values: lastTwelve(input.incidents.detected), colour: PALETTE.purple },
				{ label: 'ICO-reportable', values: lastTwelve(input.incidents.icoReportable), colour: PALETTE.red }
			],
			unit: 'count'
		}),
		spendYearToDate(input, asOfMonth)
	];
}
