import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatCount, formatDate, formatLondonDate, formatRate } from '../src/lib/format';
import { asAtNote } from './as-at';
import { COLOURS, framed, generatedLabel, heading, keyFigures, paragraph, table, type FrameInput } from './frame';
import { keepHeadingsWithContent } from './keep-whole';
import { assuranceSection } from './regulator-assurance';
import { fitsOnePage, outcomeBlock, outcomeVerdict, printable } from './regulator-outcome';
import type { RegulatorMetric, RegulatorOutcome, RegulatorPackData } from './regulator-types';
import type { Freshness } from '../src/lib/server/freshness/sources';
import { freshnessSentence, freshnessTable } from './freshness-table';

export type * from './assurance-data';
export type * from './regulator-types';

/**
 * The regulator pack: a DSPT-shaped account of one organisation's CAF-aligned assessment for a period.
 * Cover; status summary (status, counts, hard gates, every outcome at a glance); per objective and
 * principle, each outcome's levels, data reading, rationale, owner, evidence with SHA-256 and the newest
 * assessor finding; the improvement plan; assurance (activities, the findings register, phishing exercises,
 * messaging apps); how the data-indicated levels are derived; and the metrics the data rules read. Pure:
 * data in, pdfmake document out.
 */
export function regulatorPack(data: RegulatorPackData, meta: FrameInput): TDocumentDefinitions {
	const outcomes = data.objectives.flatMap((o) => o.principles.flatMap((p) => p.outcomes));
	const content = [
		...cover(data, meta),
		...summary(data, outcomes),
		...details(data, outcomes),
		...plan(data),
		...assuranceSection(data.assurance, data.organisation.name),
		...method(data),
		...metrics(data.metrics.items, data.metrics.asOf),
		...freshnessSection(data.metrics.freshness)
	];
	// Only blocks marked with a headline level (the assurance section's, before a long table) are moved to keep
	// with what follows; pdfmake lays out a fifth slower with the check, so it is asked only when one is marked.
	const marked = content.some((node) => (node as { headlineLevel?: number }).headlineLevel === 1);
	return { ...framed(meta, content), ...(marked ? { pageBreakBefore: keepHeadingsWithContent } : {}) };
}

function cover(data: RegulatorPackData, meta: FrameInput): Content[] {
	const { period, edition } = data;
	const content: Content[] = [
		{ text: meta.title, style: 'title' },
		{ text: `${data.organisation.name} (${data.organisation.ods})`, style: 'subtitle' },
		{ text: edition.name, style: 'subtitle' },
		{
			text: `Period ${period.label}, ${formatDate(period.from)} to ${formatDate(period.to)}; as at ${formatDate(period.asOf)}`,
			style: 'subtitle',
			margin: [0, 0, 0, 12]
		},
		paragraph(asAtNote(period.asOf))
	];
	if (edition.chosenBy === 'nearest')
		content.push(
			paragraph(`No ${period.label} edition of the toolkit is loaded, so this pack reports against the ${edition.edition} edition, the nearest one loaded.`)
		);
	content.push(
		keyFigures([
			{ label: 'DSPT status', value: data.status.label, detail: data.status.localRule ? 'a local rule, not an NHS England status' : undefined },
			{ label: 'Outcomes meeting their profile', value: `${data.status.counts.meetingProfile} of ${data.status.counts.outcomes}` },
			{ label: 'Assessment', value: assessmentWords(data.assessmentStatus) }
		]),
		...(data.submission ? [paragraph(submissionWords(data.submission))] : []),
		table(
			[{ header: 'This report', width: 110 }, { header: '' }],
			[
				['Report id', meta.reportId],
				['Data SHA-256', { text: meta.dataSha256, fontSize: 7.5 }],
				['Generated', generatedLabel(meta.generatedAt)],
				['Classification', 'OFFICIAL-SENSITIVE']
			]
		),
		paragraph(
			'The data SHA-256 is the hash of the assessment data this pack was made from (assessment.json in the machine-readable bundle). Beacon’s verify page says whether a copy of this PDF is one Beacon issued and whether it is unaltered.',
			'small'
		)
	);
	return content;
}

function assessmentWords(status: string | null): string {
	if (status === null) return 'Not started';
	return status.charAt(0).toUpperCase() + status.slice(1);
}

/** "Submitted on 14 March 2026 by Indira Lead" (by Beacon when a script submitted it). */
export function submissionWords(submission: { at: string; by: string | null }): string {
	return `Submitted on ${formatLondonDate(submission.at)} by ${submission.by ?? 'Beacon (no named user)'}.`;
}

function summary(data: RegulatorPackData, outcomes: readonly RegulatorOutcome[]): Content[] {
	const c = data.status.counts;
	const content: Content[] = [heading('Status summary', 1)];
	if (c.outcomes === 0)
		return [
			...content,
			paragraph(`The ${data.edition.edition} edition as loaded has no outcomes, so there is nothing to assess and the status is ${data.status.label}.`)
		];
	const gapWords =
		c.gaps === 0
			? 'No outcome has a gap.'
			: `${c.gaps} ${c.gaps === 1 ? 'outcome has a gap' : 'outcomes have a gap'} (below the profile level or a hard gate not confirmed met), ${c.uncoveredGaps === 0 ? 'every one covered by an improvement action with an owner and a due date' : `${c.uncoveredGaps} without an improvement action that has an owner and a due date`}.`;
	content.push(
		paragraph([
			{ text: `The status for ${data.period.label} is ${data.status.label}. `, bold: true },
			`${c.meetingProfile} of ${c.outcomes} outcomes meet their profile level. ${gapWords}`
		]),
		keyFigures([
			{ label: 'Status', value: data.status.label },
			{ label: 'Meeting profile', value: `${c.meetingProfile} of ${c.outcomes}`, detail: `${c.judgedAchieved} judged Achieved` },
			{ label: 'Gaps', value: formatCount(c.gaps), detail: `${c.uncoveredGaps} with no planned action` },
			{
				label: 'Self-assessed',
				value: `${c.selfAssessed} of ${c.outcomes}`,
				detail: `${c.evidenceFiles} evidence ${c.evidenceFiles === 1 ? 'file' : 'files'} held`
			},
			{ label: 'Veracity flags', value: formatCount(c.disagreements), detail: 'self-assessed above what the data shows' },
			{ label: 'Improvement actions to do', value: formatCount(c.openActions), detail: `${c.overdueActions} overdue` }
		])
	);
	if (data.status.localRule) content.push(paragraph(data.status.localRule, 'small'));
	content.push(heading('Hard gates', 2));
	content.push(
		data.status.hardGates.length === 0
			? paragraph('No outcome in this edition has a hard gate.')
			: table(
					[{ header: 'Outcome', width: 150 }, { header: 'Hard gate' }, { header: 'Confirmed met', width: 70 }],
					data.status.hardGates.map((g) => [
						`${g.outcome} ${g.title}`,
						printable(g.gate),
						{ text: g.held ? 'Yes' : 'No', bold: !g.held, color: g.held ? COLOURS.text : COLOURS.red }
					])
				)
	);
	content.push(
		heading('By objective', 2),
		table(
			[
				{ header: 'Objective' },
				{ header: 'Outcomes', width: 50, align: 'right' },
				{ header: 'Meeting profile', width: 65, align: 'right' },
				{ header: 'Gaps', width: 40, align: 'right' },
				{ header: 'Veracity flags', width: 60, align: 'right' }
			],
			data.objectives.map((o) => {
				const mine = o.principles.flatMap((p) => p.outcomes);
				return [
					`${o.code} ${o.title}`,
					String(mine.length),
					String(mine.filter((x) => x.meetsProfile).length),
					String(mine.filter((x) => x.gap).length),
					String(mine.filter((x) => x.disagreement).length)
				];
			})
		),
		{ ...(heading('Every outcome at a glance', 2) as object), pageBreak: 'before' } as Content,
		table(
			[
				{ header: 'Outcome' },
				{ header: 'Profile', width: 62 },
				{ header: 'Self-assessed', width: 62 },
				{ header: 'Data-indicated', width: 62 },
				{ header: 'Judged', width: 62 },
				{ header: 'Result', width: 70 }
			],
			outcomes.map((o) => {
				const verdict = outcomeVerdict(o);
				return [
					{ text: [{ text: `${o.id} `, bold: true }, o.title] },
					o.profile ?? '—',
					o.self ?? 'Not assessed',
					o.data ?? '—',
					o.judged ?? '—',
					{ text: [{ text: verdict.text, color: verdict.colour }, ...(o.disagreement ? [{ text: '; veracity flag', color: COLOURS.red }] : [])] }
				];
			}),
			{ fontSize: 7.5 }
		),
		paragraph(
			'— means not set (profile), no data-indicated level (the data cannot say, or no data rule applies) or no judged level (not self-assessed).',
			'small'
		)
	);
	return content;
}

function details(data: RegulatorPackData, outcomes: readonly RegulatorOutcome[]): Content[] {
	if (outcomes.length === 0) return [];
	const content: Content[] = [heading('Outcomes in detail', 1)];
	for (const objective of data.objectives) {
		// An objective's and a principle's headings are kept with the first outcome under them, so a heading
		// never ends a page alone; objectives run on rather than each starting a mostly empty page.
		let lead: Content[] = [
			{ text: `Objective ${objective.code}: ${objective.title}`, style: 'h1', fontSize: 13.5, margin: [0, content.length === 1 ? 0 : 14, 0, 2] } as Content
		];
		if (objective.principles.every((p) => p.outcomes.length === 0)) content.push(...lead, paragraph('No outcomes under this objective.'));
		for (const principle of objective.principles) {
			if (principle.outcomes.length === 0) continue;
			const [first, ...rest] = principle.outcomes.map(outcomeBlock);
			content.push({
				stack: [...lead, heading(`${principle.code} ${principle.title}`, 2), first!],
				unbreakable: fitsOnePage(principle.outcomes[0]!)
			} as Content);
			lead = [];
			content.push(...rest);
		}
	}
	return content;
}

function plan(data: RegulatorPackData): Content[] {
	const actions = data.plan.actions;
	const content: Content[] = [heading('Improvement plan', 1)];
	if (actions.length === 0) return [...content, paragraph(`There are no improvement actions on the ${data.edition.edition} edition.`)];
	const overdue = actions.filter((a) => a.overdue).length;
	content.push(
		paragraph(
			`${actions.length} ${actions.length === 1 ? 'action' : 'actions'}, ${overdue} overdue as of ${formatDate(data.period.asOf)}: overdue first, then by due date. An action is overdue when it is open or in progress and its due date has passed.`
		),
		table(
			[
				{ header: 'Outcome', width: 42 },
				{ header: 'Action' },
				{ header: 'Owner', width: 95 },
				{ header: 'Due', width: 68 },
				{ header: 'Status', width: 52 },
				{ header: 'Overdue', width: 40 }
			],
			actions.map((a) => [
				a.outcome,
				{ stack: [printable(a.title), ...(a.progressNote ? [{ text: printable(clip(a.progressNote)), style: 'small' }] : [])] },
				a.owner === null ? { text: 'No owner', color: COLOURS.red } : printable(a.owner),
				a.dueOn ? formatDate(a.dueOn) : { text: 'No date', color: COLOURS.red },
				a.statusLabel,
				a.overdue ? { text: 'Yes', bold: true, color: COLOURS.red } : 'No'
			]),
			{ fontSize: 8 }
		)
	);
	return content;
}

/**
 * A plan row is never split across pages, and pdfmake drops a row taller than a page: a progress note (up to
 * 5,000 characters) is shortened here; the whole note is in the bundle's actions.csv and assessment.json.
 */
export const NOTE_MAX_CHARS = 600;

function clip(note: string): string {
	return note.length <= NOTE_MAX_CHARS ? note : `${note.slice(0, NOTE_MAX_CHARS).trimEnd()}… (shortened: the full note is in actions.csv of the bundle)`;
}

function metricValue(m: RegulatorMetric): string {
	return m.value === null ? 'No data' : formatRate(m.value);
}

function metrics(items: readonly RegulatorMetric[], asOf: string): Content[] {
	const content: Content[] = [heading('Metrics the data rules read', 2)];
	if (items.length === 0) return [...content, paragraph('No data rule in this edition reads a metric, so no outcome has a data-indicated level.')];
	return [
		...content,
		paragraph(`As of ${formatDate(asOf)}, from the organisation’s records in Beacon.`),
		table(
			[{ header: 'Metric' }, { header: 'Value', width: 50, align: 'right' }, { header: 'Of', width: 90, align: 'right' }, { header: 'Read by', width: 90 }],
			items.map((m) => [
				{
					stack: [
						{ text: m.label.charAt(0).toUpperCase() + m.label.slice(1), bold: true },
						{ text: m.definition, style: 'small' }
					]
				},
				metricValue(m),
				`${formatCount(m.numerator)} of ${formatCount(m.denominator)}`,
				m.usedBy.join(', ')
			])
		)
	];
}

/** How old each source was on the date the figures are read as of (absent in bundles made before it was kept). */
function freshnessSection(f: Freshness | undefined): Content[] {
	return f ? [heading('How old the data is', 2), paragraph(freshnessSentence(f)), freshnessTable(f)] : [];
}

function method(data: RegulatorPackData): Content[] {
	return [
		heading('How the data-indicated levels are derived', 1),
		paragraph(
			'The profile level is the level the edition expects for each outcome. The self-assessed level, rationale, owner and review date are the organisation’s own, as recorded in Beacon. The data-indicated level comes from the edition’s data rules: each rule reads one metric from the organisation’s records as of the date above and compares it with thresholds listed best level first; the first threshold met gives the level, else the rule’s lowest level. Where several rules apply the lowest of their levels counts. A metric with nothing to measure gives no level: missing data is never read as Not achieved.'
		),
		paragraph(
			'The judged level is the self-assessed level, capped at the data-indicated level when the data indicates one: a claim cannot go past what the data shows, and where it does the outcome carries a veracity flag. An outcome meets its profile when its judged level is at or above the profile level; an outcome not self-assessed never does. A hard gate holds only when it is confirmed met. An outcome below its profile or with a hard gate not held is a gap.'
		),
		paragraph(
			'Standards Met: every outcome meets its profile and every hard gate holds. Approaching Standards: every gap is covered by an open or in-progress improvement action with an owner and a due date. Otherwise Standards Not Met. Standards Exceeded is a local rule, not an NHS England status: Standards Met with at least three quarters of the outcomes judged Achieved.'
		),
		paragraph(
			`Evidence files are listed by name, type, size and SHA-256; the files themselves are not part of this pack. Assessor findings are an independent assessor’s verdict on whether the evidence supports the level claimed; the newest finding on each outcome is shown.${data.edition.chosenBy === 'period' ? '' : ` This pack uses the ${data.edition.edition} edition because no ${data.period.label} edition is loaded.`}`,
			'small'
		)
	];
}
