import type { Level } from '../frameworks/levels';
import { addDays } from './dates';
import { NATIONAL_END, type NationalOrganisation } from './national-profile';
import type { Random } from './random';

/** When the national seed's organisations self-assessed and opened their actions: as the CAF-aligned 2024-25 edition came out. */
export const NATIONAL_ASSESSED_AT = new Date('2024-09-01T09:00:00Z');

export const RESPONSE_COLUMNS = ['assessment_id', 'framework_item_id', 'self_level', 'is_met', 'rationale', 'owner', 'review_on'] as const;
export const ACTION_COLUMNS = [
	'organisation_id',
	'assessment_id',
	'framework_item_id',
	'title',
	'owner',
	'due_on',
	'status',
	'progress_note',
	'completed_on'
] as const;

export interface OutcomeRef {
	id: number;
	code: string;
	hardGate: string | null;
	hasDataRules: boolean;
}

export interface PlannedResponse {
	outcome: OutcomeRef;
	self: Level;
	isMet: boolean | null;
}

export interface PlannedAction {
	outcome: OutcomeRef;
	owner: string | null;
	dueOn: string | null;
	status: 'open' | 'in_progress' | 'completed';
}

const OWNERS = ['SIRO', 'Chief Information Officer', 'Head of Information Governance', 'Cyber Security Lead', 'Head of Digital Services'];

/**
 * An organisation's self-assessment of every outcome and its improvement plan, drawn from its posture:
 *
 * - met: every outcome self-assessed at least Partially achieved (Achieved more often the more mature),
 *   the MFA gate confirmed; a few completed actions.
 * - approaching: a few outcomes self-assessed Not achieved, the gate sometimes not confirmed; every such
 *   gap, and every outcome the data judges, has an open or in-progress action with an owner and a due date.
 * - not_met: more outcomes Not achieved, and only some of the gaps have a complete action.
 *
 * The data then has its say: a claim above what the data shows is capped there, which is what turns some
 * intended Met organisations into Not Met and flags the disagreement.
 */
export function planAssessment(
	org: NationalOrganisation,
	outcomes: readonly OutcomeRef[],
	random: Random
): { responses: PlannedResponse[]; actions: PlannedAction[] } {
	const weak = new Set<number>();
	const weakCount = org.posture === 'met' ? 0 : org.posture === 'approaching' ? random.int(1, 5) : random.int(3, 8);
	while (weak.size < Math.min(weakCount, outcomes.length)) weak.add(random.int(0, outcomes.length - 1));
	const achievedShare = org.posture === 'met' ? org.maturity - 0.15 : org.maturity * 0.5;
	const gateHeld = org.posture === 'met' || random.chance(org.posture === 'approaching' ? 0.6 : 0.4);
	const responses = outcomes.map((outcome, i): PlannedResponse => ({
		outcome,
		self: weak.has(i) ? 'not_achieved' : random.chance(achievedShare) ? 'achieved' : 'partially_achieved',
		isMet: outcome.hardGate === null ? null : gateHeld
	}));
	const due = () => addDays(NATIONAL_END, random.int(60, 365));
	const owner = () => random.pick(OWNERS);
	const actions: PlannedAction[] = [];
	for (const r of responses) {
		const gap = r.self === 'not_achieved' || r.isMet === false;
		if (org.posture === 'met') {
			if (random.chance(0.05)) actions.push({ outcome: r.outcome, owner: owner(), dueOn: addDays(NATIONAL_END, -random.int(10, 200)), status: 'completed' });
		} else if (org.posture === 'approaching') {
			if (gap || r.outcome.hasDataRules)
				actions.push({ outcome: r.outcome, owner: owner(), dueOn: due(), status: random.chance(0.5) ? 'open' : 'in_progress' });
		} else if (gap && random.chance(0.5)) {
			// Half the gaps have an action, and some of those lack an owner or a due date.
			const complete = random.chance(0.5);
			actions.push({ outcome: r.outcome, owner: complete || random.chance(0.5) ? owner() : null, dueOn: complete ? due() : null, status: 'open' });
		}
	}
	return { responses, actions };
}

export function responseRow(assessmentId: number, r: PlannedResponse): (string | number | boolean | null)[] {
	return [
		assessmentId,
		r.outcome.id,
		r.self,
		r.isMet,
		r.self === 'not_achieved' ? 'Not yet in place across the organisation; see the improvement plan.' : 'Evidence held by the information governance team.',
		'Head of Information Governance',
		addDays(NATIONAL_END, 365)
	];
}

export function actionRow(organisationId: number, assessmentId: number, a: PlannedAction): (string | number | boolean | null)[] {
	return [
		organisationId,
		assessmentId,
		a.outcome.id,
		`Close the gap on ${a.outcome.code}`,
		a.owner,
		a.dueOn,
		a.status,
		a.status === 'completed' ? 'Done.' : a.status === 'in_progress' ? 'Work under way.' : null,
		a.status === 'completed' ? a.dueOn : null
	];
}
