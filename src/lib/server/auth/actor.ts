import type { Role } from '../../schemas/user';

/** One role held by a user: for one organisation, or for the whole instance (admin). */
export interface Grant {
	role: Role;
	organisationId: number | null;
	/** The organisation's ODS code, for showing the grant; authorization uses the id. */
	ods: string | null;
}

/** Who is acting: a signed-in user with their grants, or Beacon itself (CLI, seeding, start-up). */
export type Actor = { kind: 'system'; label: string } | { kind: 'user'; userId: number; email: string; name: string; grants: Grant[] };

/** The CLI and other trusted processes act as the system, named so the audit trail says who. */
export function systemActor(label: string): Actor {
	return { kind: 'system', label };
}

export function actorLabel(actor: Actor): string {
	return actor.kind === 'system' ? actor.label : actor.email;
}

export function actorUserId(actor: Actor): number | null {
	return actor.kind === 'user' ? actor.userId : null;
}

export function isAdmin(actor: Actor): boolean {
	return actor.kind === 'system' || actor.grants.some((g) => g.role === 'admin');
}
