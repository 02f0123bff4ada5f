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
	/** Where someone with one organisation and nothing shared with them goes straight away: its overview. */
	landOn: string | null;
}

/** What the home page shows: the organisations one reads and the packs shared with one. */
export async function getHomePage(ctx: ServiceContext): Promise<HomePage> {
	const [organisations, shared] = await Promise.all([listOrganisationSummaries(ctx), listSharedWithMe(ctx)]);
	const admin = isAdmin(ctx.actor);
	const only = organisations.length === 1 && shared.length === 0 && !admin ? organisations[0]! : null;
	return { organisations, shared, isAdmin: admin, landOn: only ? `/org/${only.ods}` : null };
}
