import type { ServiceContext } from '../context';
import { ForbiddenError, NotFoundError } from '../errors';
import { findOrganisationByOds, type OrganisationRow } from '../organisations/queries';
import { can, canSee, type Capability, type OrganisationRef } from './capabilities';

/**
 * The organisation check every service call that reads or writes an organisation's data makes: the
 * organisation with this ODS code, if the actor holds the capability on it. An organisation the actor may
 * not see at all is reported as not found, so its existence is not revealed.
 */
export async function requireOrganisation(ctx: ServiceContext, ods: string, capability: Capability): Promise<OrganisationRow> {
	const code = ods.trim().toUpperCase();
	const row = await organisationByOds(ctx, code);
	const ref = row && { id: row.id, parentId: row.parent_id };
	if (!row || !ref || !canSee(ctx.actor, ref)) throw new NotFoundError(`no organisation with ODS code ${code}`);
	if (!can(ctx.actor, ref, capability)) throw new ForbiddenError(`you may not ${CAPABILITY_VERBS[capability]} ${code}`);
	return row;
}

const CAPABILITY_VERBS: Record<Capability, string> = {
	read: 'read the data of',
	edit: 'change the data of',
	sign_off: 'sign off reports of',
	assess: 'record assessment findings for',
	read_submitted: 'read the submissions of'
};

/** The id and parent of the organisation with this code, for authorization decisions; null if there is none. */
export async function organisationRef(ctx: Pick<ServiceContext, 'db' | 'organisationRows'>, ods: string): Promise<OrganisationRef | null> {
	const row = await organisationByOds(ctx, ods.trim().toUpperCase());
	return row ? { id: row.id, parentId: row.parent_id } : null;
}

/** The organisation with this ODS code if the actor may see it, else null. */
export async function findOrganisation(ctx: ServiceContext, ods: string): Promise<OrganisationRow | null> {
	const row = await organisationByOds(ctx, ods.trim().toUpperCase());
	return row && canSee(ctx.actor, { id: row.id, parentId: row.parent_id }) ? row : null;
}

/** The organisation with this (normalised) code, read once per request that keeps a memo (ServiceContext). */
function organisationByOds(ctx: Pick<ServiceContext, 'db' | 'organisationRows'>, code: string): Promise<OrganisationRow | undefined> {
	const memo = ctx.organisationRows;
	if (!memo) return findOrganisationByOds(ctx.db, code);
	let row = memo.get(code);
	if (!row) {
		row = findOrganisationByOds(ctx.db, code);
		memo.set(code, row);
	}
	return row;
}
