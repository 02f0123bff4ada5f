import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Role } from '../../schemas/user';
import type { AppUser, DB } from '../db/schema';

const USER_COLUMNS = [
	'id',
	'email',
	'display_name',
	'is_active',
	'session_epoch',
	'password_hash',
	'oidc_issuer',
	'oidc_subject',
	'invited_at',
	'last_sign_in_at',
	'created_at'
] as const;

export function findUserByEmail(db: Kysely<DB>, email: string) {
	return db.selectFrom('app_user').select(USER_COLUMNS).where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: number) {
	return db.selectFrom('app_user').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findUserByOidc(db: Kysely<DB>, issuer: string, subject: string) {
	return db.selectFrom('app_user').select(USER_COLUMNS).where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).executeTakeFirst();
}

export function insertUser(db: Kysely<DB>, row: Insertable<AppUser>) {
	return db.insertInto('app_user').values(row).returning(USER_COLUMNS).executeTakeFirstOrThrow();
}

export function updateUser(db: Kysely<DB>, id: number, patch: Updateable<AppUser>) {
	return db
		.updateTable('app_user')
		.set({ ...patch, updated_at: new Date() })
		.where('id', '=', id)
		.execute();
}

/** Ends every session of the user: tokens carry the epoch they were issued under. */
export function bumpSessionEpoch(db: Kysely<DB>, id: number) {
	return db
		.updateTable('app_user')
		.set((eb) => ({ session_epoch: eb('session_epoch', '+', 1), updated_at: new Date() }))
		.where('id', '=', id)
		.execute();
}

export function selectUsers(db: Kysely<DB>) {
	return db.selectFrom('app_user').select(USER_COLUMNS).orderBy('email').execute();
}

/** The user's grants with each organisation's code and parent, as authorization needs them. */
export function selectGrants(db: Kysely<DB>, userIds: number[]) {
	if (userIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('role_grant as g')
		.leftJoin('organisation as o', 'o.id', 'g.organisation_id')
		.select(['g.id', 'g.user_id', 'g.role', 'g.organisation_id', 'o.ods_code', 'o.name as organisation_name'])
		.where('g.user_id', 'in', userIds)
		.orderBy('g.id')
		.execute();
}

export function insertGrant(db: Kysely<DB>, userId: number, role: Role, organisationId: number | null, grantedBy: number | null) {
	return db
		.insertInto('role_grant')
		.values({ user_id: userId, role, organisation_id: organisationId, granted_by: grantedBy })
		.returning(['id'])
		.executeTakeFirstOrThrow();
}

export function deleteGrant(db: Kysely<DB>, userId: number, grantId: number) {
	return db
		.deleteFrom('role_grant')
		.where('id', '=', grantId)
		.where('user_id', '=', userId)
		.returning(['id', 'user_id', 'role', 'organisation_id'])
		.executeTakeFirst();
}

export function insertInvitation(db: Kysely<DB>, userId: number, tokenSha256: string, createdBy: number | null, expiresAt: Date) {
	return db
		.insertInto('user_invitation')
		.values({ user_id: userId, token_sha256: tokenSha256, created_by: createdBy, expires_at: expiresAt })
		.returning(['id'])
		.executeTakeFirstOrThrow();
}

/** End a user's invitations not yet used (a renewed one replaces them): they expire now. */
export function expireOpenInvitations(db: Kysely<DB>, userId: number) {
	return (
		db
			.updateTable('user_invitation')
			// An expiry after its creation, as the table requires, even for a link made this instant.
			.set({ expires_at: sql<Date>`greatest(now(), created_at + interval '1 millisecond')` })
			.where('user_id', '=', userId)
			.where('accepted_at', 'is', null)
			.where('expires_at', '>', sql<Date>`now()`)
			.executeTakeFirst()
	);
}

export function findInvitation(db: Kysely<DB>, tokenSha256: string) {
	return db
		.selectFrom('user_invitation as i')
		.innerJoin('app_user as u', 'u.id', 'i.user_id')
		.select(['i.id', 'i.user_id', 'i.expires_at', 'i.accepted_at', 'u.email', 'u.display_name', 'u.is_active'])
		.where('i.token_sha256', '=', tokenSha256)
		.executeTakeFirst();
}

/** True when this call accepted the invitation; false when it had been accepted already. */
export async function markInvitationAccepted(db: Kysely<DB>, invitationId: number): Promise<boolean> {
	const result = await db
		.updateTable('user_invitation')
		.set({ accepted_at: new Date() })
		.where('id', '=', invitationId)
		.where('accepted_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}
