import type { ActionStatus, Verdict } from '../../schemas/assessment';
import { isoDate } from '../../schemas/common';
import type { ServiceContext } from '../context';
import { NotFoundError, parseInput } from '../errors';
import { getScorecard, type ScorecardOutcome } from '../scorecard/service';
import { resolveOutcome } from './outcome-ref';
import { isOverdue } from './plan';
import * as q from './queries';
import { today } from '../db/day';

export interface OutcomePage {
	edition: string;
	asOf: string;
	org: { ods: string; name: string };
	outcome: ScorecardOutcome & {
		description: string | null;
		profileSource: string | null;
		allowsPartial: boolean;
		principle: { code: string; title: string } | null;
	};
	assessmentStatus: string | null;
	response: {
		rationale: string | null;
		owner: string | null;
		reviewOn: string | null;
		hardGateMet: boolean | null;
		updatedAt: string | null;
		updatedBy: string | null;
		reviewOverdue: boolean;
	} | null;
	evidence: { id: number; fileName: string; mediaType: string; sizeBytes: number; sha256: string; uploadedAt: string; uploadedBy: string | null }[];
	actions: {
		id: number;
		title: string;
		owner: string | null;
		dueOn: string | null;
		status: ActionStatus;
		progressNote: string | null;
		completedOn: string | null;
		overdue: boolean;
	}[];
	findings: { id: number; verdict: Verdict; note: string; recordedBy: string; recordedAt: string }[];
}

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : String(value));

/** One outcome in full: its scorecard line, the self-assessment, evidence, improvement actions and findings. */
export async function getOutcomePage(ctx: ServiceContext, ods: string, edition: string, code: string, asOf: string = today()): Promise<OutcomePage> {
	const date = parseInput(isoDate, 'as-of date', asOf);
	const { org, framework, item } = await resolveOutcome(ctx, ods, edition, code, 'read');
	const [scorecard, assessment, actions, principle] = await Promise.all([
		getScorecard(ctx, org.ods_code, framework.edition, date),
		q.findAssessment(ctx.db, org.id, framework.id, date),
		q.selectActions(ctx.db, org.id, framework.id, date),
		item.parent_id === null ? undefined : q.findItemById(ctx.db, item.parent_id)
	]);
	const line = scorecard.outcomes.find((o) => o.id === item.code);
	if (!line) throw new NotFoundError(`DSPT ${framework.edition} has no outcome ${item.code}`);
	const [response, evidence, findings] = assessment
		? await Promise.all([
				q.selectResponses(ctx.db, assessment.id, date).then((rows) => rows.find((r) => r.framework_item_id === item.id)),
				q.selectEvidence(ctx.db, assessment.id, date),
				q.selectFindings(ctx.db, assessment.id, date)
			])
		: [undefined, [], []];
	const updatedBy = response?.updated_by_name ?? null;

	return {
		edition: framework.edition,
		asOf: date,
		org: { ods: org.ods_code, name: org.name },
		outcome: {
			...line,
			description: item.description,
			profileSource: item.profile_source,
			allowsPartial: item.allows_partial,
			principle: principle ? { code: principle.code, title: principle.title } : null
		},
		assessmentStatus: assessment?.status ?? null,
		response: response
			? {
					rationale: response.rationale,
					owner: response.owner,
					reviewOn: response.review_on,
					hardGateMet: response.is_met,
					updatedAt: iso(response.updated_at),
					updatedBy,
					reviewOverdue: response.review_on !== null && response.review_on < date
				}
			: null,
		evidence: evidence
			.filter((e) => e.framework_item_id === item.id)
			.map((e) => ({
				id: e.id,
				fileName: e.file_name,
				mediaType: e.media_type,
				sizeBytes: e.size_bytes,
				sha256: e.sha256,
				uploadedAt: iso(e.uploaded_at),
				uploadedBy: e.uploaded_by_name
			})),
		actions: actions
			.filter((a) => a.framework_item_id === item.id)
			.map((a) => ({
				id: a.id,
				title: a.title,
				owner: a.owner,
				dueOn: a.due_on,
				status: a.status,
				progressNote: a.progress_note,
				completedOn: a.completed_on,
				overdue: isOverdue({ status: a.status, dueOn: a.due_on }, date)
			})),
		findings: findings
			.filter((f) => f.framework_item_id === item.id)
			.map((f) => ({ id: f.id, verdict: f.verdict, note: f.note, recordedBy: f.recorded_by_label, recordedAt: iso(f.recorded_at) }))
	};
}
