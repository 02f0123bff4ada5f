import type { Content } from 'pdfmake/interfaces';
import { incidentCategoryLabel } from '../src/lib/charts/incident-charts';
import { spendCategoryLabel, spendCharts } from '../src/lib/charts/spend-charts';
import { formatCount, formatDate, formatPence, formatRate } from '../src/lib/format';
import type { BoardPackData } from './board-pack-data';
import { plural } from './board-pack-words';
import { returnsSection } from './board-pack-returns';
import { estimateTableHeight, keepWithTable } from './keep-whole';
import { figure, heading, keyFigures, paragraph, table } from './frame';

/** The board pack's investment and improvement plan sections, pure. */

export function investmentSection(d: BoardPackData): Content[] {
	const s = d.spend;
	const out: Content[] = [heading('Investment and return', 1)];
	// Years before the first with any spend recorded are left out: no ledger then is not nothing spent.
	const first = s.years.findIndex((y) => y.totalPence > 0);
	const years = first < 0 ? [] : s.years.slice(first);
	if (years.length === 0) out.push(paragraph(`No security spend was recorded in the financial years ${s.years[0]?.label ?? ''} to ${s.financialYear}.`));
	else {
		const previous = years.at(-2);
		const growth = previous && previous.totalPence > 0 ? (s.totalPence - previous.totalPence) / previous.totalPence : null;
		out.push(
			paragraph(
				`Security spend recorded in the ledger by category, ${years.length === 1 ? `for ${s.financialYear}` : `from ${years[0]!.label} to ${s.financialYear}`}, in whole pounds.${first > 0 ? ` No spend is recorded for ${s.years[0]!.label}${first > 1 ? ` to ${s.years[first - 1]!.label}` : ''}.` : ''}`
			),
			keyFigures([
				{
					label: `Security spend ${s.financialYear}`,
					value: formatPence(s.totalPence),
					detail: previous
						? `${previous.label}: ${formatPence(previous.totalPence)}${growth === null ? '' : ` (${growth >= 0 ? '+' : '−'}${formatRate(Math.abs(growth))})`}`
						: undefined
				},
				{
					label: 'Per member of staff',
					value: s.perStaffPence.value === null ? 'no data' : formatPence(s.perStaffPence.value),
					detail: s.perStaffPence.denominator === 0 ? 'No staff count' : `${formatCount(s.perStaffPence.denominator)} staff`
				},
				{
					label: 'Per managed device',
					value: s.perManagedDevicePence.value === null ? 'no data' : formatPence(s.perManagedDevicePence.value),
					detail: s.perManagedDevicePence.denominator === 0 ? 'No managed devices' : `${formatCount(s.perManagedDevicePence.denominator)} devices`
				}
			])
		);
		const categories = [
			...new Set(
				years.flatMap((y) =>
					Object.entries(y.byCategory)
						.filter(([, p]) => p > 0)
						.map(([c]) => c)
				)
			)
		];
		const total = (c: string) => years.reduce((sum, y) => sum + (y.byCategory[c] ?? 0), 0);
		categories.sort((a, b) => total(b) - total(a) || a.localeCompare(b));
		const columns = [{ header: 'Category' }, ...years.map((y) => ({ header: y.label, width: 60, align: 'right' as const }))];
		const body = [
			...categories.map((c) => [spendCategoryLabel(c), ...years.map((y) => formatPence(y.byCategory[c] ?? 0))]),
			[{ text: 'Total', bold: true }, ...years.map((y) => ({ text: formatPence(y.totalPence), bold: true, alignment: 'right' }))] as Content[]
		];
		// A short table: kept whole with its heading rather than split after a row.
		out.push(...keepWithTable([heading('Spend by category and financial year', 3)], table(columns, body), estimateTableHeight(columns, body, 9)));
		const chart = spendCharts(years.map((y) => ({ ...y })))[0]!;
		out.push(figure({ spec: chart, size: { width: 515, height: 135 } }, chart.title, chart.summary));
	}
	out.push(heading('Investments', 3));
	if (s.investments.length === 0) out.push(paragraph('No investments have been recorded in Beacon.'));
	else {
		out.push(
			table(
				[
					{ header: 'Investment' },
					{ header: 'Live since', width: 72 },
					{ header: 'Annual cost', width: 62, align: 'right' },
					{ header: `Spent ${s.financialYear}`, width: 62, align: 'right' },
					{ header: 'Spent to date', width: 62, align: 'right' }
				],
				s.investments.map((v) => [
					{
						stack: [
							{ text: v.name, bold: true },
							{
								text: `${spendCategoryLabel(v.category)}${v.targetedCategories.length ? `; aimed at: ${v.targetedCategories.map(incidentCategoryLabel).join(', ')}` : ''}`,
								fontSize: 8
							}
						]
					} as Content,
					v.goLiveOn === null ? 'Not set' : v.live ? formatDate(v.goLiveOn) : `Planned ${formatDate(v.goLiveOn)}`,
					formatPence(v.annualCostPence),
					formatPence(v.spentThisYearPence),
					formatPence(v.spentToDatePence)
				]),
				{ fontSize: 9 }
			)
		);
	}
	out.push(...returnsSection(d));
	return out;
}

export function planSection(d: BoardPackData): Content[] {
	const p = d.plan;
	const out: Content[] = [heading('Improvement plan', 1)];
	const total = p.rollUp.reduce((sum, r) => sum + r.total, 0);
	if (d.edition === null) return [...out, paragraph('No DSPT edition is loaded in Beacon, so there is no improvement plan to report.')];
	if (total === 0) return [...out, paragraph(`No improvement actions have been recorded against the DSPT ${d.edition}.`)];
	const sum = (k: 'open' | 'inProgress' | 'completed' | 'cancelled' | 'overdue') => p.rollUp.reduce((n, r) => n + r[k], 0);
	out.push(
		paragraph(
			`${plural(total, 'improvement action')} recorded against the DSPT ${d.edition}: ${formatCount(sum('completed'))} completed, ${formatCount(sum('inProgress'))} in progress, ${formatCount(sum('open'))} open and ${formatCount(sum('cancelled'))} cancelled. ${sum('overdue') === 0 ? 'None is overdue' : `${formatCount(sum('overdue'))} ${sum('overdue') === 1 ? 'is' : 'are'} overdue`} as of ${formatDate(d.period.asOf)}${p.unassigned > 0 ? `, and ${plural(p.unassigned, 'open action has', 'open actions have')} no owner or no due date` : ''}.`
		),
		heading('Actions by objective', 3),
		table(
			[
				{ header: 'Objective' },
				...['Actions', 'Open', 'In progress', 'Completed', 'Cancelled', 'Overdue'].map((h) => ({ header: h, width: 46, align: 'right' as const }))
			],
			[
				...p.rollUp.map((r) => [`${r.objective} ${r.title}`, ...[r.total, r.open, r.inProgress, r.completed, r.cancelled, r.overdue].map(formatCount)]),
				[
					{ text: 'All objectives', bold: true },
					...[total, sum('open'), sum('inProgress'), sum('completed'), sum('cancelled'), sum('overdue')].map((n) => ({
						text: formatCount(n),
						bold: true,
						alignment: 'right'
					}))
				] as Content[]
			]
		)
	);
	out.push(heading('Overdue actions', 3));
	if (p.overdue.length === 0) out.push(paragraph(`No improvement action was overdue on ${formatDate(d.period.asOf)}.`));
	else {
		const shown = sum('overdue') > p.overdue.length ? ` The ${formatCount(p.overdue.length)} longest overdue of ${formatCount(sum('overdue'))} are shown.` : '';
		out.push(
			paragraph(`Open or in progress past their due date, longest overdue first.${shown}`, 'small'),
			table(
				[
					{ header: 'Outcome', width: 42 },
					{ header: 'Action' },
					{ header: 'Owner', width: 90 },
					{ header: 'Due', width: 72 },
					{ header: 'Days overdue', width: 56, align: 'right' }
				],
				p.overdue.map((a) => [a.outcome, a.title, a.owner ?? 'No owner', formatDate(a.dueOn), formatCount(a.daysOverdue)])
			)
		);
	}
	return out;
}
