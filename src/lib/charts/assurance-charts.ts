import type { FindingStatus, Severity } from '../schemas/assurance';
import { formatCount, formatDate } from '../format';
import { barChart } from './bar-chart';
import type { ChartSpec } from './chart-spec';
import { formatValue, monthLabel } from './format-value';
import { PALETTE } from './palette';

/**
 * The charts of the Assurance page, pure, for the screen and the PDF packs alike: open findings by severity
 * and age, and the click and report rates of each phishing exercise. Type-only imports from the schemas
 * keep zod out of the browser bundle, so the severity words are repeated here.
 */

export const ASSURANCE_CHART_IDS = { findingsByAge: 'assurance-findings-age', phishing: 'assurance-phishing-trend' } as const;

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const SEVERITY_WORDS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/**
 * How long open findings have been open. The first band is the 14 days DSPT 9.2.3 gives a critical or high
 * finding; a band holds ages up to and including its `upTo` (days since raised).
 */
export const AGE_BANDS: readonly { label: string; upTo: number }[] = [
	{ label: '0–14 days', upTo: 14 },
	{ label: '15–30 days', upTo: 30 },
	{ label: '31–90 days', upTo: 90 },
	{ label: '91–180 days', upTo: 180 },
	{ label: 'Over 180 days', upTo: Number.POSITIVE_INFINITY }
];

export function ageBandIndex(ageDays: number): number {
	return AGE_BANDS.findIndex((b) => ageDays <= b.upTo);
}

/** What the findings chart needs of a finding: its status on the date and its age then. */
export interface FindingAge {
	severity: Severity;
	status: FindingStatus;
	ageDays: number;
}

/** Open findings counted by severity (in SEVERITY_ORDER) and age band (in AGE_BANDS). */
export interface OpenFindingsByAge {
	bands: string[];
	rows: { severity: Severity; counts: number[]; total: number }[];
	total: number;
}

export function openFindingsByAge(findings: readonly FindingAge[]): OpenFindingsByAge {
	const rows = SEVERITY_ORDER.map((severity) => ({ severity, counts: AGE_BANDS.map(() => 0), total: 0 }));
	for (const f of findings) {
		if (f.status !== 'open') continue;
		const row = rows[SEVERITY_ORDER.indexOf(f.severity)];
		if (!row) continue;
		row.counts[ageBandIndex(f.ageDays)]! += 1;
		row.total += 1;
	}
	return { bands: AGE_BANDS.map((b) => b.label), rows, total: rows.reduce((s, r) => s + r.total, 0) };
}

/** One phishing exercise as the trend draws it (all staff groups added up). */
export interface PhishingPoint {
	title: string;
	startedOn: string;
	emailsSent: number;
	clicked: number;
	reported: number;
}

/** Older findings in warmer colours, the oldest red as overdue is everywhere; the legend and table name each band. */
const AGE_COLOURS = [PALETTE.aquaGreen, PALETTE.blue, PALETTE.purple, PALETTE.orange, PALETTE.red];

/** A bar per severity, stacked by how long the findings have been open. */
export function findingsByAgeChart(data: OpenFindingsByAge): ChartSpec {
	const spec = barChart({
		id: ASSURANCE_CHART_IDS.findingsByAge,
		title: 'Open findings by severity and age',
		labels: data.rows.map((r) => SEVERITY_WORDS[r.severity]),
		labelHeading: 'Severity',
		unit: 'count',
		stacked: true,
		series: data.bands.map((band, i) => ({ label: band, values: data.rows.map((r) => r.counts[i] ?? 0), colour: AGE_COLOURS[i] }))
	});
	const parts = data.rows
		.filter((r) => r.total > 0)
		.map((r) => `${SEVERITY_WORDS[r.severity]} ${formatCount(r.total)} (${formatCount(r.total - (r.counts[0] ?? 0))} open more than 14 days)`);
	spec.summary = `${spec.title}: ${formatCount(data.total)} open${parts.length > 0 ? `. ${parts.join('; ')}` : ''}.`;
	return spec;
}

const rateOf = (n: number, of: number) => (of > 0 ? n / of : null);

/** Click and report rates, one point per exercise, oldest first: whether staff fall for phishing less and report it more. */
export function phishingTrendChart(exercises: readonly PhishingPoint[]): ChartSpec {
	const ordered = [...exercises].sort((a, b) => a.startedOn.localeCompare(b.startedOn));
	const clicks = ordered.map((e) => rateOf(e.clicked, e.emailsSent));
	const reports = ordered.map((e) => rateOf(e.reported, e.emailsSent));
	const title = 'Phishing exercises: click rate and report rate';
	const line = (label: string, data: (number | null)[], colour: string, pointStyle: string) => ({
		label,
		data,
		borderColor: colour,
		backgroundColor: colour,
		borderWidth: 2,
		pointRadius: 4,
		pointStyle,
		spanGaps: true
	});
	const first = ordered[0];
	const last = ordered.at(-1);
	const summary =
		first && last
			? `${title}, ${formatCount(ordered.length)} ${ordered.length === 1 ? 'exercise' : 'exercises'} from ${formatDate(first.startedOn)} to ${formatDate(last.startedOn)}. ` +
				`Latest: clicked ${formatValue('rate', clicks.at(-1) ?? null)}, reported ${formatValue('rate', reports.at(-1) ?? null)}` +
				(ordered.length > 1 ? `; the first: clicked ${formatValue('rate', clicks[0] ?? null)}, reported ${formatValue('rate', reports[0] ?? null)}.` : '.')
			: `${title}: no exercises.`;
	return {
		id: ASSURANCE_CHART_IDS.phishing,
		title,
		summary,
		config: {
			type: 'line',
			data: {
				labels: exerciseLabels(ordered.map((e) => e.startedOn)),
				datasets: [line('Click rate', clicks, PALETTE.red, 'circle'), line('Report rate', reports, PALETTE.green, 'rect')]
			},
			unit: 'rate',
			max: 1
		},
		table: {
			caption: title,
			columns: ['Exercise', 'Emails sent', 'Clicked', 'Click rate', 'Reported', 'Report rate'],
			rows: ordered.map((e, i) => ({
				label: `${e.title} (${formatDate(e.startedOn)})`,
				cells: [
					formatCount(e.emailsSent),
					formatCount(e.clicked),
					formatValue('rate', clicks[i] ?? null),
					formatCount(e.reported),
					formatValue('rate', reports[i] ?? null)
				]
			}))
		}
	};
}

/** An exercise by its month ("Jan 2026"), with the day too when two exercises share a month. */
export function exerciseLabels(dates: readonly string[]): string[] {
	const months = dates.map((d) => d.slice(0, 7));
	return dates.map((d, i) => (months.indexOf(months[i]!) !== months.lastIndexOf(months[i]!) ? `${Number(d.slice(8, 10))} ${monthLabel(d)}` : monthLabel(d)));
}

/** The page's charts, those with something to draw: open findings by age, then the phishing trend. */
export function assuranceCharts(data: { findings: readonly FindingAge[]; phishing: readonly PhishingPoint[] }): ChartSpec[] {
	const byAge = openFindingsByAge(data.findings);
	const charts: ChartSpec[] = [];
	if (byAge.total > 0) charts.push(findingsByAgeChart(byAge));
	if (data.phishing.length > 0) charts.push(phishingTrendChart(data.phishing));
	return charts;
}
