import type { ServiceContext } from '../context';
import { organisationRef } from '../auth/organisation-access';
import { hasShareFrom } from '../reports/queries';
import { actorUserId, isAdmin, type Actor } from './actor';
import { capabilitiesOn } from './capabilities';
import type { Rule } from './permissions';

export type Decision = 'allow' | 'sign_in' | 'forbidden' | 'not_found';

/** Apply one rule of the permission table to the actor (null when nobody is signed in). */
export async function decide(
	ctx: Pick<ServiceContext, 'db' | 'organisationRows'>,
	rule: Rule,
	actor: Actor | null,
	params: Partial<Record<string, string>>
): Promise<Decision> {
	if (rule.kind === 'public') return 'allow';
	if (!actor) return 'sign_in';
	if (rule.kind === 'signed_in') return 'allow';
	if (rule.kind === 'admin') return isAdmin(actor) ? 'allow' : 'forbidden';
	const ref = params.ods ? await organisationRef(ctx, params.ods) : null;
	const caps = ref ? capabilitiesOn(actor, ref) : new Set();
	// An organisation the actor may not see is reported as missing, not forbidden: its existence is not revealed.
	if (!ref || caps.size === 0) return 'not_found';
	if (!caps.has('read')) {
		// A regulator sees an organisation only once a pack of it is shared with them, and then only its shared
		// packs: any other of its pages is not there for them, rather than forbidden.
		const userId = actorUserId(actor);
		if (userId === null || !(await hasShareFrom(ctx.db, ref.id, userId))) return 'not_found';
		if (!caps.has(rule.capability)) return 'not_found';
	}
	return caps.has(rule.capability) ? 'allow' : 'forbidden';
}
