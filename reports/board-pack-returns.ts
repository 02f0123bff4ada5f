import type { Content } from 'pdfmake/interfaces';
import { incidentCategoryLabel } from '../src/lib/charts/incident-charts';
import { formatCount, formatDate, formatPence, formatRate } from '../src/lib/format';
import type { BoardPackData } from './board-pack-data';
import type { PackInvestmentReturn, PackReturnWindow } from './board-pack-extras';
import { paragraph, table } from './frame';
import { keepWithTable, estimateTableHeight } from './keep-whole';

/**
 * The board pack's returns: each investment's modelled return (ENISA's ROSI from Beacon's default inputs,
 * each input's source beside it) and its observed before/after comparison, as the returns page shows them
 * on the pack's date. Pure. Packs made before returns were frozen (version 2) say so instead.
 */

const signed = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `−${text.replace(/^-/, '')}` : text);
const change = (fraction: number | null) => (fraction === null ? 'not comparable (none before)' : signed(fraction, formatRate(Math.abs(fraction))));

function windowText(w: PackReturnWindow): string {
	return `${formatDate(w.from)} to ${formatDate(w.through)}: ${formatCount(w.incidents)} incident${w.incidents === 1 ? '' : 's'}, ${formatPence(w.costPence)} recorded cost`;
}

/** One row per investment: modelled return, then observed change. */
function rows(investments: readonly PackInvestmentReturn[]): Content[][] {
	return investments.map((v) => {
		const aimed = v.targetedCategories.length
			? `aimed at ${v.targetedCategories.map(incidentCategoryLabel).join(', ').toLowerCase()}`
			: 'no incident kinds named';
		const m = v.modelled;
		const modelled: Content = m
			? {
					stack: [
						{ text: `ROSI ${signed(m.rosi, formatRate(Math.abs(m.rosi)))}`, bold: true },
						{
							text: `Loss avoided ${formatPence(m.avoidedPence)} a year (ALE ${formatPence(m.alePence)} × mitigation ${formatRate(m.mitigation)}) against a cost of ${formatPence(v.annualCostPence)} a year: ${m.netBenefitPence >= 0 ? 'a net benefit' : 'a net loss'} of ${formatPence(Math.abs(m.netBenefitPence))}.`,
							fontSize: 8
						}
					]
				}
			: { text: v.modelledProblem ?? 'Not worked out.', fontSize: 8 };
		const o = v.observed;
		const observed: Content = o
			? {
					stack: [
						{ text: `Incidents ${change(o.incidentsChange)}; cost ${change(o.costChange)}`, bold: true },
						{ text: `Before: ${windowText(o.before)}. After: ${windowText(o.after)}.`, fontSize: 8 },
						...(o.caution ? [{ text: o.caution, fontSize: 8, italics: true }] : [])
					]
				}
			: { text: v.observedNote ?? 'No comparison.', fontSize: 8 };
		return [
			{
				stack: [
					{ text: v.name, bold: true },
					{ text: aimed, fontSize: 8 }
				]
			} as Content,
			modelled,
			observed
		];
	});
}

const COLUMNS = [
	{ header: 'Investment', width: 120 },
	{ header: 'Modelled return (ENISA)' },
	{ header: 'Observed: targeted incidents before and after go-live' }
];

export function returnsSection(d: BoardPackData): Content[] {
	const head: Content = { text: 'Return on each investment', style: 'h3' };
	const r = d.returns;
	if (!r) return [head, paragraph('This pack was made before Beacon froze investment returns with its data: it states spend only.', 'small')];
	if (r.investments.length === 0) return [head, paragraph('No investments are recorded in Beacon, so there are no returns to report.')];
	const lead: Content[] = [head, paragraph(`Each investment’s return as the returns page shows it on ${formatDate(r.asOf)}.`)];
	const body = rows(r.investments);
	const assumed = r.investments.flatMap((v) => (v.modelled?.sources ?? []).filter((s) => s.assumed).map((s) => `${v.name}: ${s.text}.`));
	return [
		...keepWithTable(lead, table(COLUMNS, body), estimateTableHeight(COLUMNS, body, 9)),
		paragraph(
			'The modelled return is ENISA’s return on security investment (ROSI): (annual loss expectancy × mitigation ratio − annual cost) ÷ annual cost. Its loss expectancy comes from the organisation’s own incidents where it has enough of them costed, and its mitigation ratios are Beacon’s planning assumptions (below), so it is an estimate. The observed figures use no assumption: incidents of the kinds each investment is aimed at, before and after it went live, compared as yearly rates.',
			'small'
		),
		...(assumed.length
			? [paragraph('Assumptions in the modelled returns:', 'small'), { ul: assumed.map((text) => ({ text, style: 'small' })), margin: [0, 0, 0, 8] } as Content]
			: [])
	];
}
