import type { Role } from '../../schemas/user';
import type { Actor } from './actor';

/**
 * What a role may do with one organisation's data:
 * - read: see its dashboards and records;
 * - edit: change its data (imports, self-assessment, improvement plan);
 * - sign_off: record a board's sign-off of a report;
 * - assess: record an independent assessor's veracity findings;
 * - read_submitted: see what the organisation has submitted or shared (regulators hold only this; every
 *   reader holds it too).
 */
export type Capability = 'read' | 'edit' | 'sign_off' | 'assess' | 'read_submitted';

const ROLE_CAPABILITIES: Record<Exclude<Role, 'admin'>, readonly Capability[]> = {
	it_lead: ['read', 'edit'],
	board: ['read', 'sign_off'],
	assessor: ['read', 'assess'],
	regulator: ['read_submitted']
};

export interface OrganisationRef {
	id: number;
	parentId: number | null;
}

/**
 * The capabilities an actor holds on an organisation. A grant on an organisation gives its role's
 * capabilities there; a grant on an ICB covers the ICB's trusts read-only (a regulator's, for what is
 * submitted). Administrators and the system may do everything.
 */
export function capabilitiesOn(actor: Actor, org: OrganisationRef): Set<Capability> {
	if (actor.kind === 'system' || actor.grants.some((g) => g.role === 'admin')) {
		return new Set<Capability>(['read', 'edit', 'sign_off', 'assess', 'read_submitted']);
	}
	const held = new Set<Capability>();
	for (const grant of actor.grants) {
		if (grant.role === 'admin') continue;
		const caps = ROLE_CAPABILITIES[grant.role];
		if (grant.organisationId === org.id) {
			for (const c of caps) held.add(c);
		} else if (org.parentId !== null && grant.organisationId === org.parentId) {
			held.add(grant.role === 'regulator' ? 'read_submitted' : 'read');
		}
	}
	// Whoever may read everything may read what is submitted.
	if (held.has('read')) held.add('read_submitted');
	return held;
}

export function can(actor: Actor, org: OrganisationRef, capability: Capability): boolean {
	return capabilitiesOn(actor, org).has(capability);
}

/** True when the actor may see that the organisation exists (any capability on it). */
export function canSee(actor: Actor, org: OrganisationRef): boolean {
	return capabilitiesOn(actor, org).size > 0;
}
