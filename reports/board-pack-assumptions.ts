import type { Content } from 'pdfmake/interfaces';
import { formatCount, formatDate } from '../src/lib/format';
import type { BoardPackData } from './board-pack-data';
import { listOf, plural } from './board-pack-words';
import { heading, paragraph, table } from './frame';

/**
 * What the pack's DSPT judgements rest on that is not the organisation's own data: profile levels and
 * data-rule thresholds that are Beacon’s assumptions, and outcomes with no evidence held. Pure. A pack made
 * before these were frozen (version 2) says it cannot tell.
 */
export function assumptionsSection(d: BoardPackData): Content[] {
	if (d.edition === null) return [];
	const head = heading('What is assumed, and what evidence is held', 2);
	const a = d.assumptions;
	if (!a)
		return [
			head,
			paragraph('This pack was made before Beacon froze which profile levels and thresholds are assumed, and which outcomes hold evidence.', 'small')
		];
	const profile =
		a.assumedProfiles.length === 0
			? `Every outcome's profile level is the one NHS England publishes for the DSPT ${d.edition}.`
			: a.publishedProfiles.length === 0
				? `None of the ${plural(a.outcomes, 'profile level')} is published by NHS England for the DSPT ${d.edition}: all are Beacon’s assumption, to be confirmed against the toolkit.`
				: `NHS England publishes the profile level of ${plural(a.publishedProfiles.length, 'outcome')} (${listOf(a.publishedProfiles)}). The other ${formatCount(a.assumedProfiles.length)} are Beacon’s assumption (the toolkit shows them only to those completing it): confirm them against the toolkit before relying on a gap or a "meets profile".`;
	const out: Content[] = [head, paragraph([{ text: 'Profile levels. ', bold: true }, profile])];
	if (a.assumedThresholds.length === 0)
		out.push(paragraph([{ text: 'Thresholds. ', bold: true }, 'No data rule of this edition uses a threshold of Beacon’s own.']));
	else
		out.push(
			paragraph([
				{ text: 'Thresholds. ', bold: true },
				`The CAF states no numbers, so the ${plural(a.assumedThresholds.length, 'data rule')} below ${a.assumedThresholds.length === 1 ? 'uses' : 'use'} Beacon’s default thresholds to say what level the data indicates; an administrator can change them in the edition’s file.`
			]),
			table(
				[{ header: 'Outcome', width: 50 }, { header: 'Measure', width: 170 }, { header: 'Beacon’s thresholds' }],
				a.assumedThresholds.map((t) => [t.outcome, t.metric[0]!.toUpperCase() + t.metric.slice(1), t.thresholds])
			)
		);
	const none = a.noEvidence;
	out.push(
		paragraph([
			{ text: 'Evidence. ', bold: true },
			none.length === 0
				? `An evidence file is held for every outcome on ${formatDate(d.period.asOf)}.`
				: none.length === a.outcomes
					? `No evidence file is held for any of the ${plural(a.outcomes, 'outcome')} on ${formatDate(d.period.asOf)}: every self-assessed level rests on its rationale alone.`
					: `No evidence file is held on ${formatDate(d.period.asOf)} for ${formatCount(none.length)} of the ${plural(a.outcomes, 'outcome')}: ${listOf(none)}. Their self-assessed levels rest on their rationale alone.`
		])
	);
	return out;
}
