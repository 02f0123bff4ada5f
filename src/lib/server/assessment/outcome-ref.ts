import type { Capability } from '../auth/capabilities';
import type { ServiceContext } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { DSPT_CAF_CODE } from '../scorecard/service';
import * as q from './queries';

export type EditionRow = NonNullable<Awaited<ReturnType<typeof q.findEdition>>>;
export type OutcomeRow = NonNullable<Awaited<ReturnType<typeof q.findItem>>>;

/** A loaded edition of the CAF-aligned DSPT, or a NotFoundError naming it. */
export async function requireEdition(ctx: ServiceContext, edition: string): Promise<EditionRow> {
	const framework = await q.findEdition(ctx.db, DSPT_CAF_CODE, edition.trim());
	if (!framework) throw new NotFoundError(`no DSPT edition ${edition.trim()} is loaded`);
	return framework;
}

/**
 * The organisation (checked for the capability), the edition and one of its outcomes by code (e.g. B2.a):
 * what every change to a self-assessment starts from.
 */
export async function resolveOutcome(ctx: ServiceContext, ods: string, edition: string, code: string, capability: Capability) {
	const org = await requireOrganisation(ctx, ods, capability);
	const framework = await requireEdition(ctx, edition);
	const item = await q.findItem(ctx.db, framework.id, code.trim());
	if (!item || item.item_type !== 'outcome') throw new NotFoundError(`DSPT ${framework.edition} has no outcome ${code.trim()}`);
	return { org, framework, item };
}

/** A submitted or locked assessment is the record of what was submitted: it no longer changes. */
export function assertDraft(assessment: { status: string }, edition: string): void {
	if (assessment.status !== 'draft') throw new ConflictError(`the ${edition} assessment has been ${assessment.status}: it can no longer be changed`);
}
