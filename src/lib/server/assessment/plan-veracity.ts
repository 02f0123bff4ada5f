import { VERDICT_LABELS, type Verdict } from '../../schemas/assessment';
import { requireOrganisation } from '../auth/organisation-access';
import type { ServiceContext } from '../context';
import { getScorecard } from '../scorecard/service';
import { requireEdition } from './outcome-ref';
import * as q from './queries';
import { calendarDayOf } from '../db/day';

/** An outcome the improvement plan must answer for: the data disagrees with the claim, or an assessor questioned it. */
export interface VeracityLine {
	outcome: string;
	title: string;
	self: string | null;
	data: string | null;
	/** Self-assessed above what the data indicates: the scorecard's veracity flag. */
	disagreement: boolean;
	/** The assessor's newest finding on the outcome up to the as-of date, if any. */
	finding: { verdict: Verdict; label: string; note: string | null; by: string; on: string } | null;
	/** The outcome's improvement actions still to do (open or in progress). */
	openActions: number;
}

const isoDay = (v: Date | string) => calendarDayOf(v instanceof Date ? v : new Date(v));

/**
 * The outcomes of an edition whose claim is in doubt, as of a date: every veracity flag (self-assessed above
 * the data) and every outcome whose newest assessor finding, recorded by that date, says anything but
 * "supported". A finding recorded after the date does not count (it was not known then).
 */
export async function listPlanVeracity(ctx: ServiceContext, ods: string, edition: string, asOf: string): Promise<VeracityLine[]> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const framework = await requireEdition(ctx, edition);
	const [scorecard, assessment, items, actions] = await Promise.all([
		getScorecard(ctx, org.ods_code, framework.edition, asOf),
		q.findAssessment(ctx.db, org.id, framework.id, asOf),
		q.selectItems(ctx.db, framework.id),
		q.selectActions(ctx.db, org.id, framework.id, asOf)
	]);
	// Findings recorded by the end of the date, and actions as they then stood (the plan's history).
	const findings = assessment ? await q.selectFindings(ctx.db, assessment.id, asOf) : [];
	const itemOf = new Map(items.map((i) => [i.code, i.id]));
	const lines: VeracityLine[] = [];
	for (const o of scorecard.outcomes) {
		const newest = findings.find((f) => f.framework_item_id === itemOf.get(o.id));
		const questioned = newest !== undefined && newest.verdict !== 'supported';
		if (!o.disagreement && !questioned) continue;
		lines.push({
			outcome: o.id,
			title: o.title,
			self: o.self,
			data: o.data,
			disagreement: o.disagreement,
			finding: newest
				? {
						verdict: newest.verdict,
						label: VERDICT_LABELS[newest.verdict] ?? newest.verdict,
						note: newest.note,
						by: newest.recorded_by_label,
						on: isoDay(newest.recorded_at)
					}
				: null,
			openActions: actions.filter((a) => a.item_code === o.id && (a.status === 'open' || a.status === 'in_progress')).length
		});
	}
	return lines;
}
