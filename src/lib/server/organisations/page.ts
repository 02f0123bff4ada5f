import type { ServiceContext } from '../context';
import { NotFoundError } from '../errors';
import { can, canSee } from '../auth/capabilities';
import { findOrganisation } from '../auth/organisation-access';
import { DSPT_CAF_CODE } from '../scorecard/service';
import { selectEditions } from '../assessment/queries';
import { actorUserId } from '../auth/actor';
import { selectSharedOrganisationIds } from '../reports/queries';
import { selectOrganisationsWithParent } from './queries';

export interface OrganisationFrame {
	org: { ods: string; name: string; kind: string };
	/** The newest CAF-aligned DSPT edition loaded: what "the scorecard" and "the improvement plan" mean. */
	edition: string | null;
	/**
	 * The organisations the switcher offers, when there are at most SWITCHER_LIST_MAX of them; otherwise none,
	 * and the switcher links to the /switch page, which lists them: a national user's 260 organisations are
	 * not sent with every page.
	 */
	organisations: { ods: string; name: string }[];
	/** How many organisations the switcher offers (it is shown when there is more than one). */
	switchCount: number;
	/** False for a regulator, who sees only the reports shared with them. */
	readsAll: boolean;
	/** Whether the actor may change the organisation's settings (its Settings page). */
	canEdit: boolean;
}

/** Up to this many organisations the switcher is a list on every page; beyond it, a link to /switch. */
export const SWITCHER_LIST_MAX = 12;

/** What every organisation page's frame needs: the organisation, the current edition, the switcher's list. */
export async function getOrganisationFrame(ctx: ServiceContext, ods: string): Promise<OrganisationFrame> {
	const org = await findOrganisation(ctx, ods);
	if (!org) throw new NotFoundError(`no organisation with ODS code ${ods.trim().toUpperCase()}`);
	const [editions, organisations] = await Promise.all([selectEditions(ctx.db, DSPT_CAF_CODE), switchableOrganisations(ctx)]);
	return {
		org: { ods: org.ods_code, name: org.name, kind: org.kind },
		edition: editions.at(-1)?.edition ?? null,
		organisations: organisations.length <= SWITCHER_LIST_MAX ? organisations : [],
		switchCount: organisations.length,
		readsAll: can(ctx.actor, { id: org.id, parentId: org.parent_id }, 'read'),
		canEdit: can(ctx.actor, { id: org.id, parentId: org.parent_id }, 'edit')
	};
}

/**
 * The organisations the switcher offers: those the actor may read, and those with a pack shared with them
 * (all a regulator has), so it never leads to a page that is not there for them.
 */
async function switchableOrganisations(ctx: ServiceContext): Promise<{ ods: string; name: string }[]> {
	const me = actorUserId(ctx.actor);
	const [rows, shared] = await Promise.all([
		selectOrganisationsWithParent(ctx.db),
		me === null ? Promise.resolve(new Set<number>()) : selectSharedOrganisationIds(ctx.db, me)
	]);
	return rows
		.filter((r) => can(ctx.actor, { id: r.id, parentId: r.parent_id }, 'read') || (shared.has(r.id) && canSee(ctx.actor, { id: r.id, parentId: r.parent_id })))
		.map((r) => ({ ods: r.ods_code, name: r.name }));
}

/**
 * The /switch page: the organisations the switcher offers whose ODS code or name contains `query` (any
 * case), in the switcher's order. Only what the actor could switch to, so it shows nothing new.
 */
export async function findSwitchableOrganisations(ctx: ServiceContext, query = ''): Promise<{ total: number; matches: { ods: string; name: string }[] }> {
	const organisations = await switchableOrganisations(ctx);
	const wanted = query.trim().toLowerCase();
	const matches = wanted ? organisations.filter((o) => o.ods.toLowerCase().includes(wanted) || o.name.toLowerCase().includes(wanted)) : organisations;
	return { total: organisations.length, matches };
}
