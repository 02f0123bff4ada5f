import type { ServiceContext } from '../context';
import { organisationRef } from '../auth/organisation-access';
import { isAdmin, type Actor } from './actor';
import { can, canSee } from './capabilities';
import type { Rule } from './permissions';

export type Decision = 'allow' | 'sign_in' | 'forbidden' | 'not_found';

/** Apply one rule of the permission table to the actor (null when nobody is signed in). */
export async function decide(ctx: Pick<ServiceContext, 'db'>, rule: Rule, actor: Actor | null, params: Partial<Record<string, string>>): Promise<Decision> {
	if (rule.kind === 'public') return 'allow';
	if (!actor) return 'sign_in';
	if (rule.kind === 'signed_in') return 'allow';
	if (rule.kind === 'admin') return isAdmin(actor) ? 'allow' : 'forbidden';
	const ref = params.ods ? await organisationRef(ctx, params.ods) : null;
	// An organisation the actor may not see is reported as missing, not forbidden: its existence is not revealed.
	if (!ref || !canSee(actor, ref)) return 'not_found';
	return can(actor, ref, rule.capability) ? 'allow' : 'forbidden';
}
