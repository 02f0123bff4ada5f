import { z } from 'zod';
import { dataRuleSchema, evaluateRules, type DataRule } from '../frameworks/data-rules';
import { CAF_LEVEL_LABELS, type Level } from '../frameworks/levels';
import { metricsByName } from '../metrics/by-name';
import type { OrganisationMetrics } from '../metrics/service';
import type * as q from './queries';
import { coversGap, decideStatus, EXCEEDED_RULE, STATUS_LABELS, type OutcomeFacts, type OutcomeJudgement, type Status } from './status';

type LevelLabel = (typeof CAF_LEVEL_LABELS)[Level];

export interface ScorecardOutcome {
	id: string;
	title: string;
	profile: LevelLabel | null;
	self: LevelLabel | null;
	data: LevelLabel | null;
	/** The self-assessed level capped at the data-indicated one (status.ts). */
	judged: LevelLabel | null;
	meetsProfile: boolean;
	hardGate: string | null;
	/** null when the outcome has no hard gate. */
	hardGateHeld: boolean | null;
	gap: boolean;
	/** A gap with an open or in-progress improvement action that has an owner and a due date. */
	planned: boolean;
	/** Self-assessed above the data-indicated level: the veracity flag. */
	disagreement: boolean;
	explanation: string;
}

export interface Scorecard {
	org: string;
	name: string;
	edition: string;
	asOf: string;
	status: string;
	statusCode: Status;
	/** Set when the status is a local rule (Standards Exceeded), with the rule's wording. */
	localRule: string | null;
	outcomes: ScorecardOutcome[];
}

type OutcomeRow = Awaited<ReturnType<typeof q.selectOutcomes>>[number];
type ResponseRow = Pick<Awaited<ReturnType<typeof q.selectResponses>>[number], 'framework_item_id' | 'self_level' | 'is_met'>;
type ActionRow = Pick<Awaited<ReturnType<typeof q.selectActions>>[number], 'framework_item_id' | 'status' | 'owner' | 'due_on'>;

/** An edition's outcome with its data rules parsed: the same for every organisation, so parsed once. */
export interface PreparedOutcome {
	item: OutcomeRow;
	rules: DataRule[];
}

/** What one organisation's scorecard is made from. */
export interface ScorecardFacts {
	org: { ods_code: string; name: string };
	edition: string;
	asOf: string;
	outcomes: readonly PreparedOutcome[];
	responses: readonly ResponseRow[];
	actions: readonly ActionRow[];
	metrics: OrganisationMetrics;
}

const rulesSchema = z.array(dataRuleSchema);
const label = (level: Level | null): LevelLabel | null => (level === null ? null : CAF_LEVEL_LABELS[level]);

export function prepareOutcomes(items: readonly OutcomeRow[]): PreparedOutcome[] {
	// The rules were validated when the edition was loaded; parsed again so the types are honest.
	return items.map((item) => ({ item, rules: rulesSchema.parse(item.data_rules) as DataRule[] }));
}

/** Judge each outcome from the organisation's facts and decide its status (status.ts). Pure. */
export function buildScorecard(f: ScorecardFacts): Scorecard {
	const values = metricsByName(f.metrics);
	const responseOf = new Map(f.responses.map((r) => [Number(r.framework_item_id), r]));
	const planned = new Set(f.actions.filter((a) => coversGap({ status: a.status, owner: a.owner, dueOn: a.due_on })).map((a) => Number(a.framework_item_id)));

	const evaluated = f.outcomes.map(({ item, rules }) => {
		const data = rules.length === 0 ? { level: null, explanation: 'no data rules' } : evaluateRules(rules, values);
		const response = responseOf.get(Number(item.id));
		const facts: OutcomeFacts = {
			id: item.code,
			profile: item.profile_level,
			self: response?.self_level ?? null,
			data: data.level,
			hardGate: item.hard_gate,
			hardGateHeld: response?.is_met ?? null,
			hasPlannedAction: planned.has(Number(item.id))
		};
		return { item, facts, dataExplanation: data.explanation };
	});
	const decision = decideStatus(evaluated.map((e) => e.facts));

	return {
		org: f.org.ods_code,
		name: f.org.name,
		edition: f.edition,
		asOf: f.asOf,
		status: STATUS_LABELS[decision.status],
		statusCode: decision.status,
		localRule: decision.localRule ? EXCEEDED_RULE : null,
		outcomes: evaluated.map(({ item, facts, dataExplanation }, i) => {
			const j = decision.outcomes[i] as OutcomeJudgement;
			return {
				id: facts.id,
				title: item.title,
				profile: label(facts.profile),
				self: label(facts.self),
				data: label(facts.data),
				judged: label(j.judged),
				meetsProfile: j.meetsProfile,
				hardGate: facts.hardGate,
				hardGateHeld: facts.hardGate === null ? null : facts.hardGateHeld === true,
				gap: j.gap,
				planned: j.covered,
				disagreement: j.disagreement,
				explanation: explain(facts, j, dataExplanation)
			};
		})
	};
}

/** The data's own explanation, then whatever else decided the outcome. */
function explain(facts: OutcomeFacts, j: OutcomeJudgement, dataExplanation: string): string {
	const notes = [dataExplanation];
	if (facts.self === null) notes.push('not self-assessed');
	if (j.capped) notes.push(`self-assessed ${label(facts.self)} is above what the data shows: judged ${label(j.judged)}`);
	if (j.gateFailed) notes.push('hard gate not confirmed as met');
	if (j.gap) notes.push(j.covered ? 'gap covered by an improvement action' : 'gap with no improvement action that has an owner and a due date');
	return notes.join('; ');
}
