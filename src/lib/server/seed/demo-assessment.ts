import { sql, type Kysely } from 'kysely';
import { recordMissingHistory } from '../assessment/history-queries';
import type { DB } from '../db/schema';
import type { Level } from '../frameworks/levels';
import { addDays } from './dates';
import { DEMO_END, type DemoOrganisation } from './demo-profile';
import { demoRationale } from './demo-rationales';
import type { Random } from './random';

/** The edition the demo organisations have self-assessed against. */
export const DEMO_EDITION = '2024-25';

/**
 * The demo's assessment story in time: a baseline self-assessment (trusts publish one in late February) that
 * also opens the plan's actions, reviewed at the September 2026 assurance meeting, where the rationales the
 * responses now hold were written; each completed action was open until the day it was completed.
 */
export const DEMO_BASELINE_AT = new Date('2025-02-28T10:00:00Z');
export const DEMO_REVIEW_AT = new Date('2026-09-15T10:00:00Z');

const OWNERS = ['SIRO', 'Head of Information Governance', 'Cyber Security Lead', 'Head of Digital Services', 'Chief Nursing Information Officer'];

export interface DemoOutcome {
	id: number;
	code: string;
	title: string;
	hardGate: string | null;
}

export interface DemoResponse {
	outcome: DemoOutcome;
	self: Level;
	isMet: boolean | null;
	owner: string;
	rationale: string;
}

export interface DemoAction {
	outcome: DemoOutcome;
	title: string;
	owner: string | null;
	dueOn: string | null;
	status: 'open' | 'in_progress' | 'completed';
	completedOn: string | null;
}

/**
 * A demo organisation's self-assessment of every outcome and its improvement plan, from how mature it is
 * by the end of the demo: the more mature, the more outcomes claimed Achieved and the fewer Not achieved;
 * the MFA hard gate is confirmed once maturity passes 0.7. Gaps get an action with an owner and a due date,
 * except at the least mature organisation, where some lack one (so its status is Standards Not Met). Some
 * claims exceed what the data shows: the scorecard caps them and flags the disagreement.
 */
export function planDemoAssessment(
	org: DemoOrganisation,
	outcomes: readonly DemoOutcome[],
	random: Random
): { responses: DemoResponse[]; actions: DemoAction[] } {
	const maturity = org.maturity[1];
	const responses = outcomes.map((outcome): DemoResponse => {
		const self: Level = random.chance(maturity - 0.25) ? 'achieved' : random.chance((1 - maturity) * 0.35) ? 'not_achieved' : 'partially_achieved';
		const owner = random.pick(OWNERS);
		return {
			outcome,
			self,
			isMet: outcome.hardGate === null ? null : maturity >= 0.7,
			owner,
			rationale: demoRationale(outcome, self, owner)
		};
	});
	const actions: DemoAction[] = [];
	for (const r of responses) {
		if (r.self === 'not_achieved' || r.isMet === false) {
			const complete = maturity >= 0.6 || random.chance(0.5);
			actions.push({
				outcome: r.outcome,
				title: `Bring ${r.outcome.code} up to its profile level`,
				owner: complete ? r.owner : null,
				dueOn: complete ? addDays(DEMO_END, random.int(30, 270)) : null,
				status: random.chance(0.5) ? 'in_progress' : 'open',
				completedOn: null
			});
		} else if (random.chance(0.04)) {
			const completedOn = addDays(DEMO_END, -random.int(20, 300));
			actions.push({
				outcome: r.outcome,
				title: `Close the ${r.outcome.code} gap found at the last review`,
				owner: r.owner,
				dueOn: addDays(completedOn, 10),
				status: 'completed',
				completedOn
			});
		}
	}
	return { responses, actions };
}

/** The edition's outcomes, or none when the edition is not loaded (the demo then has no self-assessment). */
export async function selectDemoOutcomes(db: Kysely<DB>): Promise<{ frameworkId: number; outcomes: DemoOutcome[] } | null> {
	const framework = await db.selectFrom('framework').select('id').where('code', '=', 'dspt-caf').where('edition', '=', DEMO_EDITION).executeTakeFirst();
	if (!framework) return null;
	const rows = await db
		.selectFrom('framework_item')
		.select(['id', 'code', 'title', 'hard_gate'])
		.where('framework_id', '=', framework.id)
		.where('item_type', '=', 'outcome')
		.orderBy('sort_order')
		.orderBy('code')
		.execute();
	return { frameworkId: framework.id, outcomes: rows.map((r) => ({ id: r.id, code: r.code, title: r.title, hardGate: r.hard_gate })) };
}

/**
 * Store a planned self-assessment and improvement plan for an organisation, in bulk, with its history: each
 * response as reviewed in September 2026, and before that as at the February 2025 baseline (the same level,
 * the baseline's rationale); each action from the baseline.
 */
export async function insertDemoAssessment(
	db: Kysely<DB>,
	organisationId: number,
	frameworkId: number,
	plan: ReturnType<typeof planDemoAssessment>
): Promise<number> {
	const { id: assessmentId } = await db
		.insertInto('assessment')
		.values({ organisation_id: organisationId, framework_id: frameworkId })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('assessment_response')
		.values(
			plan.responses.map((r) => ({
				assessment_id: assessmentId,
				framework_item_id: r.outcome.id,
				self_level: r.self,
				is_met: r.isMet,
				owner: r.owner,
				rationale: r.rationale,
				review_on: addDays(DEMO_END, 182),
				updated_at: DEMO_REVIEW_AT
			}))
		)
		.execute();
	await insertDemoActions(db, organisationId, assessmentId, plan.actions, DEMO_BASELINE_AT);
	const baselineAt = DEMO_BASELINE_AT.toISOString();
	const reviewOn = addDays(baselineAt.slice(0, 10), 182);
	await sql`
		insert into assessment_response_history
			(response_id, assessment_id, framework_item_id, self_level, is_met, rationale, owner, review_on, valid_from, valid_to)
		select h.response_id, h.assessment_id, h.framework_item_id, h.self_level, h.is_met,
			'Baseline self-assessment of ' || fi.code || ' ' || fi.title || ', agreed by the ' || h.owner || ' in February 2025; evidence held by Information Governance.',
			h.owner, ${reviewOn}::date, ${baselineAt}::timestamptz, h.valid_from
		from assessment_response_history h join framework_item fi on fi.id = h.framework_item_id
		where h.assessment_id = ${assessmentId} and h.valid_to is null`.execute(db);
	return assessmentId;
}

/** Store actions made at `createdAt` (open from then; a completed one completed on its day), with their history. */
export async function insertDemoActions(
	db: Kysely<DB>,
	organisationId: number,
	assessmentId: number,
	actions: readonly DemoAction[],
	createdAt: Date
): Promise<void> {
	if (actions.length > 0) {
		await db
			.insertInto('improvement_action')
			.values(
				actions.map((a) => ({
					organisation_id: organisationId,
					assessment_id: assessmentId,
					framework_item_id: a.outcome.id,
					title: a.title,
					owner: a.owner,
					due_on: a.dueOn,
					status: a.status,
					completed_on: a.completedOn,
					created_at: createdAt,
					updated_at: createdAt
				}))
			)
			.execute();
	}
	await recordMissingHistory(db, [organisationId]);
}
