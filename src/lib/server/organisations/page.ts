import type { ServiceContext } from '../context';
import { NotFoundError } from '../errors';
import { can } from '../auth/capabilities';
import { listOrganisations } from './service';
import { findOrganisation } from '../auth/organisation-access';
import { DSPT_CAF_CODE } from '../scorecard/service';
import { selectEditions } from '../assessment/queries';

export interface OrganisationFrame {
	org: { ods: string; name: string; kind: string };
	/** The newest CAF-aligned DSPT edition loaded: what "the scorecard" and "the improvement plan" mean. */
	edition: string | null;
	/** Every organisation the actor may see, for the switcher (only shown when there is more than one). */
	organisations: { ods: string; name: string }[];
	/** False for a regulator, who sees only the reports shared with them. */
	readsAll: boolean;
}

/** What every organisation page's frame needs: the organisation, the current edition, the switcher's list. */
export async function getOrganisationFrame(ctx: ServiceContext, ods: string): Promise<OrganisationFrame> {
	const org = await findOrganisation(ctx, ods);
	if (!org) throw new NotFoundError(`no organisation with ODS code ${ods.trim().toUpperCase()}`);
	const [editions, organisations] = await Promise.all([selectEditions(ctx.db, DSPT_CAF_CODE), listOrganisations(ctx)]);
	return {
		org: { ods: org.ods_code, name: org.name, kind: org.kind },
		edition: editions.at(-1)?.edition ?? null,
		organisations: organisations.map((o) => ({ ods: o.ods, name: o.name })),
		readsAll: can(ctx.actor, { id: org.id, parentId: org.parent_id }, 'read')
	};
}
