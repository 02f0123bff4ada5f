import { actorUserId } from '../auth/actor';
import type { ServiceContext } from '../context';
import type { ImportBatchKind } from '../../schemas/imports';
import type { ImportProblem } from './problems';
import * as q from './queries';

/**
 * A rejected import writes nothing of its file, but the history keeps a trace of it: when, who, which file and
 * why (the first problem and how many there were), so a file that "did not go in" can be explained later.
 */
export async function recordRejection(
	ctx: ServiceContext,
	input: { organisationId: number | null; kind: ImportBatchKind; fileName: string; report: { errors: ImportProblem[]; errorsNotListed: number } }
): Promise<void> {
	const problems = input.report.errors.length + input.report.errorsNotListed;
	const first = input.report.errors[0];
	const where = first ? [first.row === null ? null : `row ${first.row}`, first.column].filter(Boolean).join(', ') : '';
	const reason = first
		? `${where ? `${where}: ` : ''}${first.message}${problems > 1 ? ` (and ${problems - 1} more problem${problems > 2 ? 's' : ''})` : ''}`
		: 'rejected';
	await q.insertRejection(ctx.db, {
		organisation_id: input.organisationId,
		kind: input.kind,
		file_name: input.fileName.slice(0, 500),
		rejected_by: actorUserId(ctx.actor),
		reason: reason.slice(0, 2000),
		problems
	});
}
