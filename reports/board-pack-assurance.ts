import type { Content } from 'pdfmake/interfaces';
import { phishingTrendChart } from '../src/lib/charts/assurance-charts';
import { formatCount, formatDate } from '../src/lib/format';
import type { AssuranceFindingRow } from './assurance-data';
import {
	activityFindings,
	approvedMessagingSentence,
	assessmentSentence,
	coverageSentence,
	days,
	findingsSentence,
	messagingSentence,
	nothingRecorded,
	nothingRecordedSentence,
	penetrationTestSentence,
	phishingSentence,
	rateText,
	remediationSentence
} from './assurance-words';
import type { BoardPackData } from './board-pack-data';
import { figure, heading, keyFigures, paragraph, table, type TableColumn } from './frame';
import { estimateTableHeight, keepWithTable } from './keep-whole';

/**
 * The board pack's assurance section, pure: independent assurance in the last 12 months, findings and how
 * fast the serious ones are dealt with, the phishing trend (the Assurance page's own chart), and consumer
 * messaging apps on managed devices. Written for a board: sentences first, a few figures, short tables.
 */
export const ASSURANCE_TITLE = 'Assurance: audits, tests, phishing and messaging';

const PHISHING_CHART = { width: 515, height: 160 };

/** A board reads a reason, not an essay: longer ones are shortened (the regulator pack and the Assurance page give them whole). */
export const REASON_MAX_CHARS = 300;

const shorten = (text: string) => (text.length <= REASON_MAX_CHARS ? text : `${text.slice(0, REASON_MAX_CHARS).trimEnd()}… (shortened)`);

function assessmentFigure(d: BoardPackData): { label: string; value: string; detail?: string } {
	const a = d.assurance.lastIndependentAssessment;
	if (a === null) return { label: 'DSPT independent assessment', value: 'None recorded' };
	const stale = a.completedOn <= d.assurance.window.after ? ' (over 12 months ago)' : '';
	return {
		label: 'DSPT independent assessment',
		value: a.opinion ?? 'No opinion recorded',
		detail: `${a.confidence ?? 'No confidence recorded'}; ${formatDate(a.completedOn)}${stale}`
	};
}

function penTestFigure(d: BoardPackData): { label: string; value: string; detail?: string } {
	const t = d.assurance.latestPenetrationTest;
	if (t === null) return { label: 'Latest penetration test', value: 'None recorded' };
	return { label: 'Latest penetration test', value: t.completedOn ? formatDate(t.completedOn) : 'Under way', detail: activityFindings(t) };
}

const OVERDUE_COLUMNS: TableColumn[] = [
	{ header: 'Finding' },
	{ header: 'Severity', width: 48 },
	{ header: 'Owner', width: 90 },
	{ header: 'Due', width: 72 },
	{ header: 'Days overdue', width: 50, align: 'right' }
];

function overdueTable(rows: readonly AssuranceFindingRow[], total: number): Content[] {
	const shown =
		total > rows.length ? ` The ${formatCount(rows.length)} most pressing of ${formatCount(total)} are shown; the regulator pack lists them all.` : '';
	const body: Content[][] = rows.map((f) => [
		{ text: [{ text: `${f.reference} `, bold: true }, f.title] } as Content,
		f.severityLabel,
		f.owner ?? 'No owner',
		formatDate(f.dueOn),
		formatCount(f.daysOverdue)
	]);
	return keepWithTable(
		[heading('Overdue findings', 3), paragraph(`Open past their due date, critical and high first, then longest overdue.${shown}`, 'small')],
		table(OVERDUE_COLUMNS, body, { fontSize: 9 }),
		estimateTableHeight(OVERDUE_COLUMNS, body, 8)
	);
}

const ACCEPTED_COLUMNS: TableColumn[] = [
	{ header: 'Finding', width: 150 },
	{ header: 'Accepted by', width: 90 },
	{ header: 'On', width: 72 },
	{ header: 'Why' }
];

function acceptedTable(rows: readonly AssuranceFindingRow[]): Content[] {
	const body: Content[][] = rows.map((f) => [
		{ text: [{ text: `${f.reference} `, bold: true }, `${f.title} (${f.severityLabel.toLowerCase()})`] } as Content,
		f.acceptedBy ?? 'Not recorded',
		f.closedOn ? formatDate(f.closedOn) : '',
		f.acceptedReason ? shorten(f.acceptedReason) : 'No reason recorded'
	]);
	return keepWithTable(
		[heading('Critical and high risks accepted', 3), paragraph('Accepted instead of remediated: who accepted each risk, when, and why, as recorded.', 'small')],
		table(ACCEPTED_COLUMNS, body, { fontSize: 9 }),
		estimateTableHeight(ACCEPTED_COLUMNS, body, 8)
	);
}

const ACTIVITY_COLUMNS: TableColumn[] = [
	{ header: 'Activity' },
	{ header: 'Completed', width: 72 },
	{ header: 'Opinion', width: 95 },
	{ header: 'Findings', width: 125 }
];

function activitiesTable(d: BoardPackData): Content[] {
	const a = d.assurance;
	const head = heading('Assurance activities in the last 12 months', 3);
	if (a.activities.length === 0)
		return [head, paragraph(`No audits, assessments or tests are recorded as completed or under way in the 12 months to ${formatDate(a.window.through)}.`)];
	const body: Content[][] = a.activities.map((x) => [
		{
			stack: [
				{ text: x.title, bold: true },
				{ text: `${x.typeLabel}${x.provider ? `, ${x.provider}` : ''}`, fontSize: 8 }
			]
		} as Content,
		x.completedOn ? formatDate(x.completedOn) : 'Under way',
		x.opinion ?? (x.completedOn ? 'None given' : 'Not yet'),
		activityFindings(x)
	]);
	return keepWithTable([head], table(ACTIVITY_COLUMNS, body, { fontSize: 9 }), estimateTableHeight(ACTIVITY_COLUMNS, body, 9));
}

export function assuranceSection(d: BoardPackData): Content[] {
	const a = d.assurance;
	const out: Content[] = [heading(ASSURANCE_TITLE, 1)];
	if (nothingRecorded(a)) return [...out, paragraph(nothingRecordedSentence(a, d.org.name))];
	const f = a.findings;
	out.push(
		paragraph(`${coverageSentence(a)} ${assessmentSentence(a)} ${penetrationTestSentence(a)}`),
		keyFigures([
			assessmentFigure(d),
			penTestFigure(d),
			{
				label: 'Open critical or high findings',
				value: formatCount(f.openCriticalHigh),
				detail: `${formatCount(f.overdueCriticalHigh)} past due; ${formatCount(f.open)} open of any severity`
			},
			{
				label: 'Critical or high dealt with in 14 days',
				value: rateText(f.remediatedWithin14dRate),
				detail:
					f.remediatedWithin14dRate.denominator === 0
						? 'None due in the 12 months'
						: `${formatCount(f.remediatedWithin14dRate.numerator)} of ${formatCount(f.remediatedWithin14dRate.denominator)} (DSPT 9.2.3)`
			},
			{
				label: 'Mean time to remediate',
				value: days(f.meanDaysToRemediate.value),
				detail: `${formatCount(f.meanDaysToRemediate.findings)} remediated in the 12 months`
			},
			{ label: 'Risks accepted', value: formatCount(f.riskAccepted), detail: `${formatCount(f.riskAcceptedCriticalHigh)} critical or high` }
		])
	);
	out.push(...activitiesTable(d));
	out.push(heading('Findings', 3), paragraph(`${findingsSentence(a)} ${remediationSentence(a)}`));
	if (a.overdue.length > 0) out.push(...overdueTable(a.overdue, f.overdue));
	if (a.acceptedCriticalHigh.length > 0) out.push(...acceptedTable(a.acceptedCriticalHigh));
	// One exercise is a point, not a trend: the sentence says it all, and with a chart its summary gives the trend.
	// The heading, its sentence and the chart read as one: kept on one page (they are well under one).
	const trend = a.phishingExercises.length > 1;
	const phishing: Content[] = [heading('Phishing exercises', 3), paragraph(phishingSentence(a, a.phishingExercises, { trend: !trend }))];
	if (trend) {
		const chart = phishingTrendChart(a.phishingExercises);
		phishing.push(figure({ spec: chart, size: PHISHING_CHART }, chart.title, chart.summary));
	}
	const approved = approvedMessagingSentence(a);
	out.push(
		{ stack: phishing, unbreakable: true } as Content,
		{
			stack: [heading('Consumer messaging apps on managed devices', 3), paragraph(messagingSentence(a)), ...(approved ? [paragraph(approved)] : [])],
			unbreakable: true
		} as Content
	);
	return out;
}
