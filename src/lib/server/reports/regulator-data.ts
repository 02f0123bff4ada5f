import type {
	RegulatorAction,
	RegulatorEvidence,
	RegulatorMetric,
	RegulatorObjective,
	RegulatorOutcome,
	RegulatorPackData
} from '../../../../reports/regulator-pack';
import { ACTION_STATUS_LABELS, VERDICT_LABELS } from '../../schemas/assessment';
import * as aq from '../assessment/queries';
import { findAssessmentForSubmission } from '../assessment/submission-queries';
import { groupByObjective } from '../assessment/plan';
import { getImprovementPlan } from '../assessment/page';
import { getAssuranceRegister } from '../assurance/service';
import type { ServiceContext } from '../context';
import { NotFoundError } from '../errors';
import { metricsByName } from '../metrics/by-name';
import { METRICS, type MetricName } from '../metrics/metric-names';
import { getOrganisationMetrics } from '../metrics/service';
import { requireOrganisation } from '../auth/organisation-access';
import { prepareOutcomes } from '../scorecard/build';
import * as sq from '../scorecard/queries';
import { DSPT_CAF_CODE, getScorecard } from '../scorecard/service';
import { toRegulatorAssurance } from './assurance-data';
import type { ReportPeriod } from './period';
import { freshnessOf } from '../freshness/service';

export type { RegulatorPackData } from '../../../../reports/regulator-pack';

/**
 * The edition a period's pack reports against, from the loaded CAF-aligned DSPT editions:
 * - the edition labelled as the period (period 2024-25 → edition 2024-25) when it is loaded;
 * - else the newest edition before the period: an organisation keeps working to the last published
 *   edition until the next is loaded (period 2025-26 with only 2024-25 loaded → 2024-25);
 * - else (a period older than every loaded edition) the oldest loaded one, the nearest there is.
 * Edition labels are financial years ('2024-25'), so they sort as text. null when none is loaded.
 */
export function chooseEdition(editions: readonly string[], period: string): { edition: string; chosenBy: 'period' | 'nearest' } | null {
	if (editions.includes(period)) return { edition: period, chosenBy: 'period' };
	const sorted = [...editions].sort();
	const nearest = sorted.filter((e) => e < period).at(-1) ?? sorted[0];
	return nearest === undefined ? null : { edition: nearest, chosenBy: 'nearest' };
}

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : String(value));

/**
 * Everything a regulator pack shows for an organisation and period, as plain JSON: the scorecard line of
 * every outcome grouped objective → principle → outcome with its self-assessment, evidence list (names,
 * sizes and hashes, never contents) and newest assessor finding; the improvement plan; the metrics the
 * edition's data rules read; and the assurance registers (activities, findings, phishing exercises,
 * messaging apps), as of the period's as-of date. The levels are the scorecard's own, so the
 * pack says what the dashboard says.
 */
export async function gatherRegulatorPackData(ctx: ServiceContext, ods: string, period: ReportPeriod): Promise<RegulatorPackData> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const editions = await aq.selectEditions(ctx.db, DSPT_CAF_CODE);
	const choice = chooseEdition(
		editions.map((e) => e.edition),
		period.label
	);
	if (!choice) throw new NotFoundError(`no CAF-aligned DSPT edition is loaded (framework ${DSPT_CAF_CODE})`);
	const framework = editions.find((e) => e.edition === choice.edition)!;
	const asOf = period.asOf;

	const [scorecard, plan, metrics, items, outcomeRules, assessment, assurance, submission, freshness] = await Promise.all([
		getScorecard(ctx, org.ods_code, framework.edition, asOf),
		getImprovementPlan(ctx, org.ods_code, framework.edition, asOf),
		getOrganisationMetrics(ctx, org.ods_code, asOf),
		aq.selectItems(ctx.db, framework.id),
		sq.selectOutcomes(ctx.db, framework.id),
		aq.findAssessment(ctx.db, org.id, framework.id, asOf),
		getAssuranceRegister(ctx, org.ods_code, asOf),
		findAssessmentForSubmission(ctx.db, org.id, framework.id),
		freshnessOf(ctx, org.id, asOf)
	]);
	const [responses, evidence, findings] = assessment
		? await Promise.all([
				aq.selectResponses(ctx.db, assessment.id, asOf),
				aq.selectEvidence(ctx.db, assessment.id, asOf),
				aq.selectFindings(ctx.db, assessment.id, asOf)
			])
		: [[], [], []];

	const itemIdOf = new Map(items.map((i) => [i.code, i.id]));
	const responseOf = new Map(responses.map((r) => [r.framework_item_id, r]));
	const outcomes = new Map<string, RegulatorOutcome>();
	for (const line of scorecard.outcomes) {
		const itemId = itemIdOf.get(line.id);
		const response = itemId === undefined ? undefined : responseOf.get(itemId);
		// Oldest first, so the list reads in the order the files were added (the query gives newest first).
		const files: RegulatorEvidence[] = evidence
			.filter((e) => e.framework_item_id === itemId)
			.reverse()
			.map((e) => ({ fileName: e.file_name, mediaType: e.media_type, sizeBytes: Number(e.size_bytes), sha256: e.sha256, uploadedAt: iso(e.uploaded_at) }));
		const newest = findings.find((f) => f.framework_item_id === itemId);
		outcomes.set(line.id, {
			id: line.id,
			title: line.title,
			profile: line.profile,
			self: line.self,
			data: line.data,
			judged: line.judged,
			meetsProfile: line.meetsProfile,
			gap: line.gap,
			planned: line.planned,
			disagreement: line.disagreement,
			hardGate: line.hardGate,
			hardGateHeld: line.hardGateHeld,
			explanation: line.explanation,
			rationale: response?.rationale ?? null,
			owner: response?.owner ?? null,
			reviewOn: response?.review_on ?? null,
			evidence: files,
			finding: newest
				? {
						verdict: newest.verdict,
						verdictLabel: VERDICT_LABELS[newest.verdict] ?? newest.verdict,
						note: newest.note,
						recordedBy: newest.recorded_by_label,
						recordedAt: iso(newest.recorded_at)
					}
				: null
		});
	}

	const objectives: RegulatorObjective[] = groupByObjective(items, outcomes);

	const actions: RegulatorAction[] = plan.actions.map((a) => ({
		outcome: a.outcome,
		outcomeTitle: a.outcomeTitle,
		objective: a.objective,
		title: a.title,
		owner: a.owner,
		dueOn: a.dueOn,
		status: a.status,
		statusLabel: ACTION_STATUS_LABELS[a.status],
		progressNote: a.progressNote,
		overdue: a.overdue
	}));

	// The metrics the edition's data rules read, in the order metric-names.ts lists them.
	const usedBy = new Map<MetricName, string[]>();
	for (const { item, rules } of prepareOutcomes(outcomeRules)) {
		for (const metric of new Set(rules.map((r) => r.metric))) usedBy.set(metric, [...(usedBy.get(metric) ?? []), item.code]);
	}
	const values = metricsByName(metrics);
	const metricItems: RegulatorMetric[] = (Object.keys(METRICS) as MetricName[])
		.filter((name) => usedBy.has(name))
		.map((name) => {
			const rate = values[name];
			return {
				name,
				label: METRICS[name].label,
				definition: METRICS[name].definition,
				value: rate?.value ?? null,
				numerator: rate?.numerator ?? 0,
				denominator: rate?.denominator ?? 0,
				usedBy: usedBy.get(name)!
			};
		});

	const lines = scorecard.outcomes;
	return {
		formatVersion: 2,
		organisation: { ods: org.ods_code, name: org.name },
		period: { label: period.label, from: period.from, to: period.to, asOf },
		edition: { code: DSPT_CAF_CODE, edition: framework.edition, name: framework.name, chosenBy: choice.chosenBy },
		assessmentStatus: assessment?.status ?? null,
		submission:
			submission?.submitted_at && submission.status !== 'draft' ? { at: iso(submission.submitted_at), by: submission.submitted_by_name ?? null } : null,
		status: {
			label: scorecard.status,
			code: scorecard.statusCode,
			localRule: scorecard.localRule,
			counts: {
				outcomes: lines.length,
				selfAssessed: lines.filter((o) => o.self !== null).length,
				meetingProfile: lines.filter((o) => o.meetsProfile).length,
				judgedAchieved: lines.filter((o) => o.judged === 'Achieved').length,
				gaps: lines.filter((o) => o.gap).length,
				uncoveredGaps: lines.filter((o) => o.gap && !o.planned).length,
				disagreements: lines.filter((o) => o.disagreement).length,
				evidenceFiles: evidence.length,
				openActions: actions.filter((a) => a.status === 'open' || a.status === 'in_progress').length,
				overdueActions: actions.filter((a) => a.overdue).length
			},
			hardGates: lines.flatMap((o) => (o.hardGate === null ? [] : [{ outcome: o.id, title: o.title, gate: o.hardGate, held: o.hardGateHeld === true }]))
		},
		objectives,
		plan: { actions },
		metrics: { asOf, items: metricItems, freshness },
		assurance: toRegulatorAssurance(assurance)
	};
}
