import { env } from '$env/dynamic/private';
import { isAdmin } from '$lib/server/auth/actor';
import type { LayoutServerLoad } from './$types';

/** The header: the running organisation's own name if configured, and who is signed in. */
export const load: LayoutServerLoad = ({ locals }) => {
	const actor = locals.actor;
	return {
		instanceName: env.BEACON_INSTANCE_NAME?.trim() || null,
		user:
			actor?.kind === 'user'
				? {
						name: actor.name,
						email: actor.email,
						isAdmin: isAdmin(actor),
						// A regulator's home is the packs shared with them, not a list of organisations.
						homeLabel: isAdmin(actor) || actor.grants.some((g) => g.role !== 'regulator') ? 'Organisations' : 'Packs shared with you'
					}
				: null
	};
};
