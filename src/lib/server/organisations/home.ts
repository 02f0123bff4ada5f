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
	/**
	 * Where someone with one organisation and nothing shared with them goes straight away: its overview. One
	 * organisation is one they read, or the one their grants name: an ICB's people land on the ICB's overview,
	 * which leads with its trusts side by side (a regulator's grant is for what is shared, so never counts).
	 */
	landOn: string | null;
}

/** What the home page shows: the organisations one reads and the packs shared with one. */
export async function getHomePage(ctx: ServiceContext): Promise<HomePage> {
	const [organisations, shared] = await Promise.all([listOrganisationSummaries(ctx), listSharedWithMe(ctx)]);
	const admin = isAdmin(ctx.actor);
	const granted = new Set(ctx.actor.kind === 'user' ? ctx.actor.grants.filter((g) => g.role !== 'regulator' && g.ods !== null).map((g) => g.ods) : []);
	const own = organisations.length === 1 ? organisations[0] : granted.size === 1 ? organisations.find((o) => granted.has(o.ods)) : undefined;
	const only = shared.length === 0 && !admin ? own : undefined;
	return { organisations, shared, isAdmin: admin, landOn: only ? `/org/${only.ods}` : null };
}
