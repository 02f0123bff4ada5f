import type { Content } from 'pdfmake/interfaces';
import { snapshotSourceLabel } from '../src/lib/schemas/device';
import { deviceCharts } from '../src/lib/charts/device-charts';
import { incidentCategoryLabel, incidentCharts } from '../src/lib/charts/incident-charts';
import { peopleCharts } from '../src/lib/charts/people-charts';
import { formatCount, formatDate, formatRate } from '../src/lib/format';
import type { BoardPackData, CellState, PackOutcome, PackRate } from './board-pack-data';
import { describeRate, hours, plural, rateOnly } from './board-pack-words';
import { figure, heading, keyFigures, paragraph, table } from './frame';

/**
 * The board pack's assurance sections, pure: the outcome heat map, people, technology and incidents.
 * Charts are the dashboard's own specifications drawn for paper; every state is written out in words,
 * never left to colour alone.
 */

const CHART = { width: 515, height: 190 };

const STATE_WORDS: Record<CellState, string> = { exceeds: 'Above profile', meets: 'Meets profile', gap: 'Gap', not_assessed: 'Not self-assessed' };
const STATE_FILL: Record<CellState, string> = { exceeds: '#cce5d8', meets: '#e5f2eb', gap: '#fbe4e2', not_assessed: '#eef0f1' };

function verdict(o: PackOutcome, noEvidence: ReadonlySet<string>): Content {
	const notes = [
		o.gap ? (o.planned ? 'action planned' : 'no planned action') : '',
		o.hardGate !== null && o.hardGateHeld !== true ? 'hard gate not confirmed' : '',
		o.flagged ? 'self above data' : '',
		noEvidence.has(o.id) ? 'no evidence held' : ''
	].filter(Boolean);
	return {
		stack: [{ text: STATE_WORDS[o.state], bold: true }, ...(notes.length ? [{ text: notes.join('; '), fontSize: 8 }] : [])],
		fillColor: STATE_FILL[o.state]
	} as Content;
}

const level = (l: string | null, none = '–') => l ?? none;

export function heatMapSection(d: BoardPackData): Content[] {
	const out: Content[] = [heading('DSPT outcomes A–E', 1)];
	if (d.edition === null || d.outcomes.length === 0)
		return [...out, paragraph(`No DSPT edition is loaded in Beacon as of ${formatDate(d.period.asOf)}, so there are no outcomes to show.`)];
	out.push(
		paragraph(
			`Each outcome of the DSPT ${d.edition} with its profile (the level expected), the level self-assessed, the level the data indicates, and the judged level: the self-assessment, capped at what the data shows. The last column says whether the judged level meets the profile; its shading repeats the words. Which profile levels and thresholds are Beacon’s assumptions, and which outcomes hold no evidence, follows the tables.`
		)
	);
	// Named on each row only when some outcomes hold evidence: when none does, the note below says so once.
	const without = d.assumptions?.noEvidence ?? [];
	const noEvidence = new Set(without.length < (d.assumptions?.outcomes ?? 0) ? without : []);
	const titles = new Map(d.plan.rollUp.map((r) => [r.objective, r.title]));
	const objectives = [...new Set(d.outcomes.map((o) => o.id.slice(0, 1)))];
	for (const letter of objectives) {
		const rows = d.outcomes.filter((o) => o.id.startsWith(letter));
		const gaps = rows.filter((o) => o.gap).length;
		out.push(
			heading(
				`${letter}${titles.has(letter) ? ` ${titles.get(letter)}` : ''}: ${gaps === 0 ? 'no gaps' : plural(gaps, 'gap')} in ${plural(rows.length, 'outcome')}`,
				3
			)
		);
		out.push(
			table(
				[
					{ header: 'Outcome' },
					{ header: 'Profile', width: 64 },
					{ header: 'Self', width: 64 },
					{ header: 'Data', width: 64 },
					{ header: 'Judged', width: 64 },
					{ header: 'Against profile', width: 92 }
				],
				rows.map((o) => [
					`${o.id} ${o.title}`,
					level(o.profile),
					level(o.self, 'Not assessed'),
					level(o.data, 'No data rule'),
					level(o.judged),
					verdict(o, noEvidence)
				]),
				{ fontSize: 9 }
			)
		);
	}
	return out;
}

export function peopleSection(d: BoardPackData): Content[] {
	const p = d.people;
	const out: Content[] = [heading('People: data security training', 1)];
	const window = `the 12 months to ${formatDate(p.window.through)}`;
	if (p.requiredStaff === 0)
		return [
			...out,
			paragraph(
				`No staff required to complete data security training are recorded as of ${formatDate(p.window.through)}, so there is no completion rate to report.`
			)
		];
	const meets = p.completionRate.value !== null && p.completionRate.value >= p.target;
	out.push(
		paragraph(
			`${describeRate(p.completionRate)} of the staff required to complete data security training did so in ${window}, ${meets ? 'meeting' : 'below'} the ${formatRate(p.target)} target.`
		),
		keyFigures([
			{ label: 'Staff trained', value: rateOnly(p.completionRate), detail: `${formatCount(p.completed12m)} of ${formatCount(p.requiredStaff)} required` },
			{
				label: 'Target',
				value: formatRate(p.target),
				detail: meets ? 'Met' : `Not met: ${formatCount(Math.ceil(p.target * p.requiredStaff - 1e-9) - p.completed12m)} more staff needed`
			},
			{
				label: 'Board members trained',
				value: rateOnly(p.boardMembers.completionRate),
				detail:
					p.boardMembers.requiredStaff === 0
						? 'No board members flagged'
						: `${formatCount(p.boardMembers.completed12m)} of ${formatCount(p.boardMembers.requiredStaff)}`
			}
		]),
		heading('Completion by staff group', 3),
		table(
			[
				{ header: 'Staff group' },
				{ header: 'Required', width: 55, align: 'right' },
				{ header: 'Trained', width: 55, align: 'right' },
				{ header: 'Completion', width: 60, align: 'right' },
				{ header: 'Not trained', width: 60, align: 'right' },
				{ header: 'Against target', width: 75 }
			],
			p.byStaffGroup.map((g) => [
				g.name,
				formatCount(g.requiredStaff),
				formatCount(g.completed12m),
				rateOnly(g.completionRate),
				formatCount(g.requiredStaff - g.completed12m),
				g.completionRate.value === null ? 'No data' : g.completionRate.value >= p.target ? 'Meets target' : 'Below target'
			])
		)
	);
	const trend = peopleCharts({ target: p.target, byStaffGroup: [], byDepartment: [], trend: p.trend })[2];
	out.push(figure({ spec: trend, size: CHART }, trend.title, trend.summary));
	return out;
}

const ofDevices = (r: PackRate | null) =>
	r === null || r.value === null ? 'The snapshot does not say' : `${formatCount(r.numerator)} of ${formatCount(r.denominator)} devices`;

export function technologySection(d: BoardPackData): Content[] {
	const v = d.devices;
	const out: Content[] = [heading('Technology: devices', 1)];
	if (v.snapshot === null)
		return [
			...out,
			paragraph(`No device snapshot from mobile device management had been imported by ${formatDate(d.period.asOf)}, so there are no device figures to report.`)
		];
	out.push(
		paragraph(
			`From the ${snapshotSourceLabel(v.snapshot.source)} snapshot of ${formatDate(v.snapshot.asOf)}: ${plural(v.total, 'device')}${v.managed === null ? '' : `, ${formatCount(v.managed)} managed`}. A device counts as compliant when its management reports it so and it has checked in within 30 days; a device silent for longer is stale.`
		),
		keyFigures([
			{ label: 'Compliant', value: rateOnly(v.compliantRate), detail: ofDevices(v.compliantRate) },
			{ label: 'Encrypted', value: rateOnly(v.encryptedRate), detail: ofDevices(v.encryptedRate) },
			{ label: 'Supported operating system', value: rateOnly(v.supportedOsRate), detail: ofDevices(v.supportedOsRate) },
			{
				label: 'Stale (no check-in for 30 days)',
				value: v.staleRate === null ? 'no data' : formatCount(v.staleRate.numerator),
				detail: v.staleRate === null ? 'The snapshot does not say' : `${rateOnly(v.staleRate)} of devices`
			}
		])
	);
	const [rates, stale] = deviceCharts({ trend: v.trend, ownership: null });
	out.push(
		figure({ spec: rates!, size: CHART }, rates!.title, rates!.summary),
		figure({ spec: stale!, size: { width: 515, height: 150 } }, stale!.title, stale!.summary)
	);
	return out;
}

export function incidentsSection(d: BoardPackData): Content[] {
	const i = d.incidents;
	const out: Content[] = [heading('Incidents', 1)];
	const window = `the 12 months to ${formatDate(i.window.through)}`;
	if (i.total === 0) {
		const why = i.recorded === 0 ? ' No incidents have been recorded in Beacon for this organisation at all.' : '';
		return [...out, paragraph(`No incidents were recorded in ${window}.${why}`), ...lessons(d)];
	}
	out.push(
		paragraph(
			`${plural(i.total, 'incident was', 'incidents were')} detected in ${window}${i.per1000Staff.value === null ? '' : ` (${i.per1000Staff.value.toFixed(1)} per 1,000 staff)`}; ${formatCount(i.icoReportable)} ${i.icoReportable === 1 ? 'was' : 'were'} reportable to the ICO and ${formatCount(i.dhscReportable)} to DHSC.`
		),
		keyFigures([
			{ label: 'Incidents detected', value: formatCount(i.total), detail: window },
			{ label: 'ICO-reportable', value: formatCount(i.icoReportable), detail: `DHSC-reportable: ${formatCount(i.dhscReportable)}` },
			{
				label: 'Notified to the ICO within 72 hours',
				value: rateOnly(i.notifiedWithin72hRate),
				detail:
					i.icoReportable === 0
						? 'None to notify'
						: `${formatCount(i.notifiedWithin72h)} of ${formatCount(i.icoReportable)}; late ${formatCount(i.notifiedLate)}, overdue ${formatCount(i.notNotifiedOverdue)}, pending ${formatCount(i.notNotifiedPending)}`
			},
			{
				label: 'Median time to contain',
				value: hours(i.medianHoursToContain.value),
				detail: `over ${plural(i.medianHoursToContain.incidents, 'contained incident')}`
			},
			{
				label: 'Root-cause analysis completed',
				value: rateOnly(i.rcaCompletedRate),
				detail:
					i.rcaCompletedRate.denominator === 0
						? 'No incidents closed'
						: `${formatCount(i.rcaCompletedRate.numerator)} of ${formatCount(i.rcaCompletedRate.denominator)} closed`
			}
		])
	);
	const byMonth = incidentCharts({
		months: i.months.map((m) => ({ ...m, dhscReportable: 0, notification: { within: 0, late: 0, overdue: 0, pending: 0 } })),
		byCategory: []
	})[0]!;
	out.push(figure({ spec: byMonth, size: CHART }, byMonth.title, byMonth.summary));
	const categories = i.byCategory.filter((c) => c.total > 0).sort((a, b) => b.total - a.total || a.category.localeCompare(b.category));
	out.push(
		heading('Incidents by category', 3),
		table(
			[{ header: 'Category' }, { header: 'Incidents', width: 70, align: 'right' }, { header: 'Share', width: 70, align: 'right' }],
			categories.map((c) => [incidentCategoryLabel(c.category), formatCount(c.total), formatRate(c.total / i.total)])
		),
		...lessons(d)
	);
	return out;
}

function lessons(d: BoardPackData): Content[] {
	const l = d.incidents.lessons;
	const out: Content[] = [heading('Lessons learned', 3)];
	if (l.length === 0)
		return [...out, paragraph(`No lessons learned were recorded for incidents closed in the 12 months to ${formatDate(d.incidents.window.through)}.`)];
	// At most a few lessons: kept whole with their heading rather than split across a page.
	return [
		{
			unbreakable: true,
			stack: [
				...out,
				paragraph('The most recent lessons recorded on incidents closed in the window, as written to be shared:', 'small'),
				{
					ul: l.map((x) => ({
						text: [
							x.text,
							{ text: ` (${incidentCategoryLabel(x.category)}; ${plural(x.incidents, 'incident')}; last closed ${formatDate(x.lastClosedOn)})`, style: 'small' }
						],
						margin: [0, 0, 0, 3]
					})),
					margin: [0, 0, 0, 8]
				}
			]
		} as Content
	];
}
