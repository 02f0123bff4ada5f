import { formatValue } from '../src/lib/charts/format-value';
import { formatCount, formatDate, formatRate } from '../src/lib/format';
import type { BoardPackData, PackFigureChange, PackRate } from './board-pack-data';

/**
 * The board pack's sentences, pure: what the executive summary says, in plain words, from the data alone.
 * Nothing here guesses: a decision is asked only when the data shows the thing it is about.
 */

export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** "91.2 % (4,562 of 5,003)", or "no data" when there was nothing to measure. */
export function describeRate(rate: PackRate | null): string {
	return rate === null || rate.value === null ? 'no data' : `${formatRate(rate.value)} (${formatCount(rate.numerator)} of ${formatCount(rate.denominator)})`;
}

export function rateOnly(rate: PackRate | null): string {
	return rate === null || rate.value === null ? 'no data' : formatRate(rate.value);
}

export function hours(value: number | null): string {
	return value === null ? 'no data' : `${value.toFixed(1)} hours`;
}

/** A list of outcome codes as a reader meets them: "A1.a, B2.a and C1.b". */
export function listOf(items: readonly string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "The NHS England multi-factor authentication policy is met: MFA on …" → its first clause. */
export function gateName(gate: string): string {
	return gate.split(/[:.]/)[0]!.trim();
}

export function statusSentence(d: BoardPackData): string {
	const asOf = formatDate(d.period.asOf);
	if (!d.status || d.edition === null) return `No DSPT edition is loaded in Beacon, so this pack gives no DSPT status and no outcome heat map as of ${asOf}.`;
	const s = d.status;
	const head = `The DSPT ${d.edition} status as of ${asOf} is ${s.label}: ${formatCount(s.meeting)} of ${formatCount(s.outcomes)} outcomes meet their profile`;
	if (s.gaps === 0) return `${head}, with no gaps.${s.localRule ? ` (${s.localRule}.)` : ''}`;
	const unplanned =
		s.unplanned === 0
			? 'every one of them has an improvement action with an owner and a due date'
			: `${formatCount(s.unplanned)} of them ${s.unplanned === 1 ? 'has' : 'have'} no improvement action with an owner and a due date`;
	return `${head}; ${plural(s.gaps, 'outcome falls', 'outcomes fall')} short (gaps), and ${unplanned}.`;
}

/** The change in a figure's own unit, with whether it is better or worse in words. */
export function describeChange(f: PackFigureChange): string {
	if (f.change === null) return 'not comparable';
	if (f.change === 0) return 'no change';
	const sign = f.change > 0 ? '+' : '−';
	const size = f.unit === 'rate' ? `${Math.abs(f.change * 100).toFixed(1)} points` : formatValue(f.unit, Math.abs(f.change));
	return `${sign}${size} (${f.change > 0 === f.higherIsBetter ? 'better' : 'worse'})`;
}

export function changesSentence(d: BoardPackData): string {
	const c = d.changes;
	const opening = c.reportId
		? `Since the last board pack (${formatDate(c.since)}, report ${c.reportId}):`
		: `No earlier board pack is on record, so changes are measured from ${formatDate(c.since)}, three months before.`;
	if (!c.scorecard) return opening;
	const moved = c.scorecard.changes.filter((x) => x.direction === 'improved' || x.direction === 'worsened');
	const improved = moved.filter((x) => x.direction === 'improved').map((x) => x.id);
	const worsened = moved.filter((x) => x.direction === 'worsened').map((x) => x.id);
	const status =
		c.scorecard.statusBefore === c.scorecard.statusAfter
			? `the DSPT status is unchanged at ${c.scorecard.statusAfter}`
			: `the DSPT status moved from ${c.scorecard.statusBefore} to ${c.scorecard.statusAfter}`;
	const levels =
		moved.length === 0
			? 'no outcome changed its judged level'
			: [
					improved.length ? `${plural(improved.length, 'outcome')} improved (${listOf(improved)})` : '',
					worsened.length ? `${plural(worsened.length, 'outcome')} worsened (${listOf(worsened)})` : ''
				]
					.filter(Boolean)
					.join(' and ');
	const body = `${status}; ${levels}; outcomes meeting their profile went from ${formatCount(c.scorecard.meetingBefore)} to ${formatCount(c.scorecard.meetingAfter)}.`;
	return c.reportId ? `${opening} ${body}` : `${opening} ${body[0]!.toUpperCase()}${body.slice(1)}`;
}

/** One of the largest risks, as a sentence. */
export function riskSentence(r: BoardPackData['risks']['gaps'][number]): string {
	const level = r.judged === null ? 'not self-assessed' : `judged ${r.judged}`;
	const profile = r.profile === null ? '' : ` against a profile of ${r.profile}`;
	const gate = r.hardGateFailed ? '; its hard gate is not confirmed as met' : '';
	const plan = r.planned ? '; an improvement action with an owner and a due date covers it' : '; no improvement action with an owner and a due date covers it';
	return `${r.id} ${r.title}: ${level}${profile}${gate}${plan}.`;
}

/**
 * The largest risks, most serious first: outcomes short of their profile (as the overview ranks them),
 * then outcomes self-assessed above what the data shows, then the longest overdue improvement actions.
 */
export function largestRisks(d: BoardPackData, limit = 3): { kind: 'gap' | 'veracity' | 'overdue'; text: string }[] {
	const risks = [
		...d.risks.gaps.map((g) => ({ kind: 'gap' as const, text: riskSentence(g) })),
		...d.risks.veracity.map((v) => ({
			kind: 'veracity' as const,
			text: `${v.id} ${v.title}: self-assessed ${v.self ?? 'not at all'}, but the data shows ${v.data ?? 'no level'}, so it is judged at the data's level until evidence is given.`
		})),
		...d.plan.overdue.map((a) => ({
			kind: 'overdue' as const,
			text: `Improvement action on ${a.outcome}, "${a.title}": ${plural(a.daysOverdue, 'day')} overdue (due ${formatDate(a.dueOn)}; owner ${a.owner ?? 'not named'}).`
		}))
	];
	return risks.slice(0, limit);
}

/** The decisions the data asks of the board, most pressing first; empty when it asks none. */
export function boardDecisions(d: BoardPackData): string[] {
	const decisions: string[] = [];
	for (const o of d.outcomes.filter((x) => x.hardGate !== null && x.hardGateHeld !== true)) {
		decisions.push(`Note that the hard gate on ${o.id} (${gateName(o.hardGate!)}) is not confirmed as met: the DSPT cannot reach Standards Met until it is.`);
	}
	const unassessed = d.outcomes.filter((o) => o.self === null).length;
	if (unassessed > 0)
		decisions.push(
			`Ask for the self-assessment to be completed: ${plural(unassessed, 'outcome is', 'outcomes are')} not self-assessed, and an outcome not assessed never meets its profile.`
		);
	const unplanned = d.outcomes.filter((o) => o.gap && !o.planned).map((o) => o.id);
	if (unplanned.length > 0)
		decisions.push(
			`Approve improvement actions, each with an owner and a due date, for the ${plural(unplanned.length, 'gap')} without one (${listOf(unplanned.slice(0, 8))}${unplanned.length > 8 ? ' and others' : ''}).`
		);
	const overdue = d.plan.rollUp.reduce((sum, r) => sum + r.overdue, 0);
	if (overdue > 0) decisions.push(`Ask the owners of the ${plural(overdue, 'overdue improvement action')} for revised dates, or accept the risk of the delay.`);
	const rate = d.people.completionRate.value;
	if (rate !== null && rate < d.people.target) {
		const below = d.people.byStaffGroup.filter((g) => g.completionRate.value !== null && g.completionRate.value < d.people.target).length;
		decisions.push(
			`Note data security training at ${formatRate(rate)} against the ${formatRate(d.people.target)} target, and ask for a recovery plan for the ${plural(below, 'staff group')} below it.`
		);
	}
	const missed = d.incidents.notifiedLate + d.incidents.notNotifiedOverdue;
	if (missed > 0)
		decisions.push(
			`Note that ${plural(missed, 'ICO-reportable incident was', 'ICO-reportable incidents were')} not notified within 72 hours, and ask how notification will be made on time.`
		);
	const late = d.assurance.findings.overdueCriticalHigh;
	if (late > 0)
		decisions.push(
			`Ask the owners of the ${plural(late, 'critical or high finding')} past ${late === 1 ? 'its' : 'their'} due date to remediate ${late === 1 ? 'it' : 'them'}, or the SIRO to accept the risk with a reason: DSPT 9.2.3 expects 14 days.`
		);
	const flagged = d.outcomes.filter((o) => o.flagged).map((o) => o.id);
	if (flagged.length > 0)
		decisions.push(
			`Ask for evidence for the ${plural(flagged.length, 'outcome')} self-assessed above what the data shows (${listOf(flagged.slice(0, 8))}${flagged.length > 8 ? ' and others' : ''}).`
		);
	return decisions;
}
