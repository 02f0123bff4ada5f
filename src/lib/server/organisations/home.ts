import { isAdmin } from '../auth/actor';
import type { ServiceContext } from '../context';
import { listSharedWithMe, type SharedPack } from '../reports/shared';
import { listOrganisationSummaries, type OrganisationSummary } from './service';

export interface HomePage {
	/** The organisations whose data the user may read, with how much Beacon holds for each. */
	organisations: OrganisationSummary[];
	/** The packs shared with the user (a regulator's whole view), newest first. */
	shared: SharedPack[];
	isAdmin: boolean;
}

/** What the home page shows: the organisations one reads and the packs shared with one. */
export async function getHomePage(ctx: ServiceContext): Promise<HomePage> {
	const [organisations, shared] = await Promise.all([listOrganisationSummaries(ctx), listSharedWithMe(ctx)]);
	return { organisations, shared, isAdmin: isAdmin(ctx.actor) };
}
