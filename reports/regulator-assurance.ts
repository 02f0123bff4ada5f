import type { Content } from 'pdfmake/interfaces';
import { formatCount, formatDate, formatRate } from '../src/lib/format';
import type { AssuranceFindingRow, PhishingExerciseRow, RegulatorAssurance } from './assurance-data';
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
import { COLOURS, heading, keyFigures, paragraph, table, type TableColumn } from './frame';
import { estimateTableHeight, keepWithTable } from './keep-whole';
import { printable } from './regulator-outcome';

/**
 * The regulator pack's assurance section, pure: the figures, then every row of the registers in full, as
 * tables: activities, the findings register with dates and status, phishing exercises (by staff group where
 * known) and the messaging apps found on managed devices. The same rows are in the bundle's CSVs.
 */
export const ASSURANCE_HEADING = 'Assurance activities and findings';

/**
 * A table row is never split across pages and pdfmake drops a row taller than a page: free text that may
 * run to 2,000 characters (scope, opinion note) is shortened here; the whole text is in the bundle.
 */
export const FREE_TEXT_MAX_CHARS = 500;

function clip(text: string, file: string): string {
	return text.length <= FREE_TEXT_MAX_CHARS
		? printable(text)
		: `${printable(text.slice(0, FREE_TEXT_MAX_CHARS).trimEnd())}… (shortened: the full text is in ${file} of the bundle)`;
}

const small = (text: string, extra: object = {}): Content => ({ text, style: 'small', ...extra }) as Content;

const ACTIVITY_COLUMNS: TableColumn[] = [
	{ header: 'Activity' },
	{ header: 'Started', width: 74 },
	{ header: 'Completed', width: 74 },
	{ header: 'Opinion', width: 105 },
	{ header: 'Findings', width: 80 }
];

function activities(a: RegulatorAssurance): Content[] {
	const head = heading('Activities', 2);
	if (a.activities.length === 0)
		return [
			{
				stack: [
					head,
					paragraph(`No assurance activities recorded as completed in the 12 months to ${formatDate(a.window.through)} or under way on that date.`)
				],
				unbreakable: true
			} as Content
		];
	const rows: Content[][] = a.activities.map((x) => [
		{
			stack: [
				{ text: printable(x.title), bold: true },
				small(`${x.typeLabel}${x.provider ? `; ${printable(x.provider)}` : ''}`),
				...(x.scope ? [small(`Scope: ${clip(x.scope, 'activities.csv')}`)] : []),
				...(x.reportFileName ? [small(`Report: ${printable(x.reportFileName)}`)] : [])
			]
		} as Content,
		formatDate(x.startedOn),
		x.completedOn ? formatDate(x.completedOn) : 'Under way',
		{
			stack: [
				{ text: x.opinion ?? (x.completedOn ? 'None given' : 'Not yet'), bold: x.opinion !== null },
				...(x.confidence ? [small(x.confidence)] : []),
				...(x.opinionNote ? [small(clip(x.opinionNote, 'activities.csv'))] : [])
			]
		} as Content,
		activityFindings(x)
	]);
	return keepWithTable(
		[
			head,
			paragraph(
				`Audits, assessments and tests completed in the 12 months to ${formatDate(a.window.through)} or under way on that date, latest first. Phishing exercises are listed below.`,
				'small'
			)
		],
		table(ACTIVITY_COLUMNS, rows, { fontSize: 8 }),
		estimateTableHeight(ACTIVITY_COLUMNS, rows, 8)
	);
}

function statusCell(f: AssuranceFindingRow): Content {
	if (f.overdue)
		return {
			stack: [
				{ text: 'Open, overdue', bold: true, color: COLOURS.red },
				small(`${formatCount(f.daysOverdue)} ${f.daysOverdue === 1 ? 'day' : 'days'} past due`)
			]
		} as Content;
	if (f.status === 'open') return { stack: [{ text: 'Open' }, small(`${formatCount(f.ageDays)} days old`)] } as Content;
	return { stack: [{ text: f.statusLabel }, small(f.closedOn ? `on ${formatDate(f.closedOn)}, after ${formatCount(f.ageDays)} days` : '')] } as Content;
}

function within(f: AssuranceFindingRow): Content {
	if (f.within14Days === null) return { text: f.severity === 'critical' || f.severity === 'high' ? 'Not yet due' : '–', color: COLOURS.secondary } as Content;
	return f.within14Days ? 'Yes' : ({ text: 'No', bold: true, color: COLOURS.red } as Content);
}

// A reference (up to 100 characters, "DSPT-2024-05-06") leads its finding's cell: a column of its own would break it mid-word.
const REGISTER_COLUMNS: TableColumn[] = [
	{ header: 'Finding' },
	{ header: 'Severity', width: 44 },
	{ header: 'Raised / due', width: 88 },
	{ header: 'Status', width: 104 },
	{ header: 'Within 14 days', width: 40 }
];

function findingsRegister(a: RegulatorAssurance): Content[] {
	const lead = [heading('Findings register', 2), paragraph(`${findingsSentence(a)} ${remediationSentence(a)}`)];
	if (a.register.length === 0)
		return [
			{
				stack: [...lead, paragraph(`No findings were open on ${formatDate(a.asOf)} or raised or closed in the 12 months to it.`)],
				unbreakable: true
			} as Content
		];
	const rows: Content[][] = a.register.map((f) => [
		{
			stack: [
				{ text: [{ text: `${printable(f.reference)} `, bold: true }, printable(f.title)] },
				small([f.activity ? `From: ${printable(f.activity)}` : 'No activity linked', `owner: ${f.owner ? printable(f.owner) : 'none recorded'}`].join('; ')),
				...(f.status === 'risk_accepted'
					? [
							small(
								`Risk accepted by ${f.acceptedBy ? printable(f.acceptedBy) : 'not recorded'}: ${f.acceptedReason ? clip(f.acceptedReason, 'findings.csv') : 'no reason recorded'}`,
								{ color: COLOURS.text }
							)
						]
					: [])
			]
		} as Content,
		f.severityLabel,
		{ stack: [formatDate(f.raisedOn), small(`due ${formatDate(f.dueOn)}`)] } as Content,
		statusCell(f),
		within(f)
	]);
	lead.push(
		paragraph(
			`Findings open on ${formatDate(a.asOf)}, or raised or closed in the 12 months to it: overdue first (longest overdue first), then open by severity, then closed (latest raised first). A critical or high finding is due 14 days after it is raised unless another date is recorded; "Within 14 days" says whether it was remediated, or its risk accepted, by then.`,
			'small'
		)
	);
	return keepWithTable(lead, table(REGISTER_COLUMNS, rows, { fontSize: 7.5 }), estimateTableHeight(REGISTER_COLUMNS, rows, 7.5));
}

const share = (n: number, of: number) => (of > 0 ? `${formatCount(n)} (${formatRate(n / of)})` : formatCount(n));

function phishingRows(e: PhishingExerciseRow): Content[][] {
	const cells = (r: { emailsSent: number; clicked: number; credentialsEntered: number | null; reported: number }) => [
		formatCount(r.emailsSent),
		share(r.clicked, r.emailsSent),
		r.credentialsEntered === null ? 'Not given' : share(r.credentialsEntered, r.emailsSent),
		share(r.reported, r.emailsSent)
	];
	return [
		[{ text: printable(e.title), bold: true } as Content, formatDate(e.startedOn), ...cells(e)],
		...e.groups.map((g) => [{ text: printable(g.staffGroup), margin: [8, 0, 0, 0], color: COLOURS.secondary } as Content, '', ...cells(g)])
	];
}

const PHISHING_COLUMNS: TableColumn[] = [
	{ header: 'Exercise' },
	{ header: 'Started', width: 74 },
	{ header: 'Emails sent', width: 48, align: 'right' },
	{ header: 'Clicked', width: 66, align: 'right' },
	{ header: 'Credentials entered', width: 66, align: 'right' },
	{ header: 'Reported', width: 66, align: 'right' }
];

function phishing(a: RegulatorAssurance): Content[] {
	const lead = [heading('Phishing exercises', 2), paragraph(phishingSentence(a, a.phishingExercises, { trend: true }))];
	if (a.phishingExercises.length === 0) return [{ stack: lead, unbreakable: true } as Content];
	const rows = a.phishingExercises.flatMap(phishingRows);
	lead.push(
		paragraph(
			'Exercises started in the two years to the date, oldest first, with each staff group beneath its exercise where the results give them. Rates are of the emails sent.',
			'small'
		)
	);
	return keepWithTable(lead, table(PHISHING_COLUMNS, rows, { fontSize: 8 }), estimateTableHeight(PHISHING_COLUMNS, rows, 8));
}

const APP_COLUMNS: TableColumn[] = [
	{ header: 'App, as the export names it' },
	{ header: 'Recognised as', width: 110 },
	{ header: 'Class', width: 110 },
	{ header: 'Devices', width: 55, align: 'right' }
];

function messaging(a: RegulatorAssurance): Content[] {
	const approved = approvedMessagingSentence(a);
	const lead = [heading('Messaging apps on managed devices', 2), paragraph(messagingSentence(a)), ...(approved ? [paragraph(approved)] : [])];
	if (a.messaging.snapshotOn === null) return [{ stack: lead, unbreakable: true } as Content];
	if (a.messagingApps.length === 0)
		return [{ stack: [...lead, paragraph('The export lists no messaging app Beacon knows, approved or consumer.')], unbreakable: true } as Content];
	const rows: Content[][] = a.messagingApps.map((m) => [
		printable(m.appName),
		m.matched,
		m.approved ? 'Approved by the organisation' : ({ text: 'Consumer, not approved', color: COLOURS.red } as Content),
		formatCount(m.devices)
	]);
	lead.push(
		paragraph(
			'Every messaging app in the export that Beacon recognises, as the export names it: consumer apps the organisation has not approved first, then its approved apps.',
			'small'
		)
	);
	return keepWithTable(lead, table(APP_COLUMNS, rows, { fontSize: 8 }), estimateTableHeight(APP_COLUMNS, rows, 8));
}

export function assuranceSection(a: RegulatorAssurance, organisation: string): Content[] {
	const out: Content[] = [heading(ASSURANCE_HEADING, 1)];
	if (nothingRecorded(a)) return [...out, paragraph(nothingRecordedSentence(a, organisation))];
	const f = a.findings;
	out.push(
		paragraph(`${coverageSentence(a)} ${assessmentSentence(a)} ${penetrationTestSentence(a)}`),
		keyFigures([
			{
				label: 'Expected activities completed (A2.b)',
				value: `${formatCount(a.coverage.rate.numerator)} of ${formatCount(a.coverage.rate.denominator)}`,
				detail: `Independent assessment: ${a.coverage.dsptIndependentAssessment ? 'yes' : 'no'}; penetration test: ${a.coverage.penetrationTest ? 'yes' : 'no'}`
			},
			{ label: 'Open critical or high findings', value: formatCount(f.openCriticalHigh), detail: `${formatCount(f.open)} open of any severity` },
			{ label: 'Overdue findings', value: formatCount(f.overdue), detail: `${formatCount(f.overdueCriticalHigh)} critical or high` },
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
	return [...out, ...activities(a), ...findingsRegister(a), ...phishing(a), ...messaging(a)];
}
