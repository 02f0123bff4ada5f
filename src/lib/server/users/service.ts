import { createHash, randomBytes } from 'node:crypto';
import { grantInput, userInput, password as passwordSchema, type GrantInput, type Role, type UserInput } from '../../schemas/user';
import { recordAudit } from '../audit/service';
import { actorUserId, isAdmin } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import { inTransaction, type ServiceContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import { ConflictError, ForbiddenError, NotFoundError, parseInput, ValidationError } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import * as q from './queries';

const INVITATION_DAYS = 7;

export interface GrantView {
	id: number;
	role: Role;
	ods: string | null;
	organisationName: string | null;
}

export interface UserView {
	id: number;
	email: string;
	name: string;
	isActive: boolean;
	hasPassword: boolean;
	singleSignOn: boolean;
	invitedAt: Date | null;
	lastSignInAt: Date | null;
	grants: GrantView[];
}

export async function listUsers(ctx: ServiceContext): Promise<UserView[]> {
	requireAdmin(ctx, 'list users');
	const users = await q.selectUsers(ctx.db);
	const grants = await q.selectGrants(
		ctx.db,
		users.map((u) => u.id)
	);
	return users.map((u) => toView(u, grants));
}

export async function getUser(ctx: ServiceContext, userId: number): Promise<UserView> {
	requireAdmin(ctx, 'see users');
	const user = await q.findUserById(ctx.db, userId);
	if (!user) throw new NotFoundError(`no user with id ${userId}`);
	return toView(user, await q.selectGrants(ctx.db, [user.id]));
}

export interface NewUser extends UserInput {
	grant?: GrantInput;
	password?: string;
}

/** Add a user with an optional first role and (for local accounts) a password. */
export async function createUser(ctx: ServiceContext, input: NewUser): Promise<UserView> {
	requireAdmin(ctx, 'add users');
	const user = parseInput(userInput, 'user', input);
	const passwordHash = input.password === undefined ? null : await hashPassword(parseInput(passwordSchema, 'password', input.password));
	return inTransaction(ctx, async (tx) => {
		const row = await insertUniqueUser(tx, user.email, user.name, passwordHash, null);
		if (input.grant) await addGrant(tx, row.id, input.grant);
		await recordAudit(tx, {
			action: 'user.create',
			entityType: 'app_user',
			entityId: row.id,
			summary: { email: row.email, name: row.display_name, localPassword: passwordHash !== null }
		});
		return getUser(tx, row.id);
	});
}

/**
 * Invite a person: their account exists but has no way in until they open the link, which lets them
 * set a password (local accounts) or bind their single sign-on identity. Only the token's hash is kept.
 */
export async function inviteUser(ctx: ServiceContext, input: UserInput & { grant?: GrantInput }): Promise<{ user: UserView; token: string; expiresAt: Date }> {
	requireAdmin(ctx, 'invite users');
	const user = parseInput(userInput, 'user', input);
	const token = randomBytes(32).toString('base64url');
	return inTransaction(ctx, async (tx) => {
		const row = await insertUniqueUser(tx, user.email, user.name, null, new Date());
		if (input.grant) await addGrant(tx, row.id, input.grant);
		const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
		await q.insertInvitation(tx.db, row.id, hashToken(token), actorUserId(ctx.actor), expiresAt);
		await recordAudit(tx, { action: 'user.invite', entityType: 'app_user', entityId: row.id, summary: { email: row.email, expiresAt } });
		return { user: await getUser(tx, row.id), token, expiresAt };
	});
}

/**
 * A new invitation link for a person who has no way in yet (no password, no single sign-on identity): the
 * first expired or was lost. Any earlier link stops working. Administrators only; audited.
 */
export async function renewInvitation(ctx: ServiceContext, userId: number): Promise<{ user: UserView; token: string; expiresAt: Date }> {
	requireAdmin(ctx, 'renew invitations');
	const token = randomBytes(32).toString('base64url');
	return inTransaction(ctx, async (tx) => {
		const user = await requireUser(tx, userId);
		if (user.password_hash !== null || user.oidc_subject !== null)
			throw new ConflictError(`${user.email} can already sign in (with a password or single sign-on): an invitation would give a second way in`);
		if (!user.is_active) throw new ConflictError(`${user.email} is disabled: re-enable the account before inviting them again`);
		const replaced = await q.expireOpenInvitations(tx.db, userId);
		const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
		await q.insertInvitation(tx.db, userId, hashToken(token), actorUserId(ctx.actor), expiresAt);
		await recordAudit(tx, {
			action: 'user.invitation_renew',
			entityType: 'app_user',
			entityId: userId,
			summary: { email: user.email, expiresAt, linksEnded: Number(replaced?.numUpdatedRows ?? 0) }
		});
		return { user: await getUser(tx, userId), token, expiresAt };
	});
}

export async function setUserActive(ctx: ServiceContext, userId: number, active: boolean): Promise<void> {
	requireAdmin(ctx, active ? 're-enable users' : 'disable users');
	if (!active && actorUserId(ctx.actor) === userId) throw new ForbiddenError('you cannot disable your own account');
	await inTransaction(ctx, async (tx) => {
		const user = await requireUser(tx, userId);
		await q.updateUser(tx.db, userId, { is_active: active });
		if (!active) await q.bumpSessionEpoch(tx.db, userId);
		await recordAudit(tx, {
			action: active ? 'user.enable' : 'user.disable',
			entityType: 'app_user',
			entityId: userId,
			summary: { email: user.email, before: { active: user.is_active }, after: { active } }
		});
	});
}

export async function findUserIdByEmail(ctx: ServiceContext, email: string): Promise<number> {
	requireAdmin(ctx, 'find users');
	const user = await q.findUserByEmail(ctx.db, email.trim().toLowerCase());
	if (!user) throw new NotFoundError(`no user with e-mail ${email}`);
	return user.id;
}

/** End every session the user has, on the next request each makes. A user may do this for themself. */
export async function signOutEverywhere(ctx: ServiceContext, userId: number): Promise<void> {
	if (actorUserId(ctx.actor) !== userId) requireAdmin(ctx, "end other users' sessions");
	await inTransaction(ctx, async (tx) => {
		const user = await requireUser(tx, userId);
		await q.bumpSessionEpoch(tx.db, userId);
		await recordAudit(tx, { action: 'user.sign_out_everywhere', entityType: 'app_user', entityId: userId, summary: { email: user.email } });
	});
}

/**
 * Sign out: the session token is self-contained, so clearing the cookie is not enough. Raising the epoch
 * ends this session on the server too (and the user's other sessions with it).
 */
export async function recordSignOut(ctx: ServiceContext): Promise<void> {
	const userId = actorUserId(ctx.actor);
	if (userId === null) return;
	await inTransaction(ctx, async (tx) => {
		await q.bumpSessionEpoch(tx.db, userId);
		await recordAudit(tx, { action: 'auth.sign_out', entityType: 'app_user', entityId: userId });
	});
}

export async function grantRole(ctx: ServiceContext, userId: number, input: GrantInput): Promise<void> {
	requireAdmin(ctx, 'grant roles');
	await inTransaction(ctx, async (tx) => {
		await requireUser(tx, userId);
		await addGrant(tx, userId, input);
	});
}

export async function revokeRole(ctx: ServiceContext, userId: number, grantId: number): Promise<void> {
	requireAdmin(ctx, 'revoke roles');
	if (!Number.isSafeInteger(grantId) || grantId <= 0)
		throw new ValidationError('choose the role to remove', [{ field: 'grantId', message: 'a role grant is named by its id, a whole number' }]);
	await inTransaction(ctx, async (tx) => {
		const removed = await q.deleteGrant(tx.db, userId, grantId);
		if (!removed) throw new NotFoundError(`user ${userId} holds no role grant with id ${grantId}`);
		if (removed.user_id === actorUserId(ctx.actor) && removed.role === 'admin') throw new ForbiddenError('you cannot remove your own administrator role');
		await recordAudit(tx, {
			action: 'user.revoke',
			organisationId: removed.organisation_id,
			entityType: 'app_user',
			entityId: removed.user_id,
			summary: { role: removed.role }
		});
	});
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

async function addGrant(ctx: ServiceContext, userId: number, input: GrantInput): Promise<void> {
	const grant = parseInput(grantInput, 'role grant', input);
	const org = grant.ods ? await requireOrganisation(ctx, grant.ods, 'read') : null;
	try {
		await q.insertGrant(ctx.db, userId, grant.role, org?.id ?? null, actorUserId(ctx.actor));
	} catch (error) {
		if (isUniqueViolation(error)) throw new ConflictError(`the user already holds ${grant.role}${grant.ods ? ` for ${grant.ods}` : ''}`);
		throw error;
	}
	await recordAudit(ctx, {
		action: 'user.grant',
		organisationId: org?.id ?? null,
		entityType: 'app_user',
		entityId: userId,
		summary: { role: grant.role, ods: grant.ods ?? null }
	});
}

async function insertUniqueUser(ctx: ServiceContext, email: string, name: string, passwordHash: string | null, invitedAt: Date | null) {
	try {
		return await q.insertUser(ctx.db, { email, display_name: name, password_hash: passwordHash, invited_at: invitedAt });
	} catch (error) {
		if (isUniqueViolation(error)) throw new ConflictError(`a user with e-mail ${email} already exists`);
		throw error;
	}
}

async function requireUser(ctx: ServiceContext, userId: number) {
	const user = await q.findUserById(ctx.db, userId);
	if (!user) throw new NotFoundError(`no user with id ${userId}`);
	return user;
}

function requireAdmin(ctx: ServiceContext, what: string): void {
	if (!isAdmin(ctx.actor)) throw new ForbiddenError(`only an administrator may ${what}`);
}

type UserRow = NonNullable<Awaited<ReturnType<typeof q.findUserById>>>;
type GrantRow = Awaited<ReturnType<typeof q.selectGrants>>[number];

function toView(u: UserRow, grants: GrantRow[]): UserView {
	return {
		id: u.id,
		email: u.email,
		name: u.display_name,
		isActive: u.is_active,
		hasPassword: u.password_hash !== null,
		singleSignOn: u.oidc_subject !== null,
		invitedAt: u.invited_at,
		lastSignInAt: u.last_sign_in_at,
		grants: grants.filter((g) => g.user_id === u.id).map((g) => ({ id: g.id, role: g.role, ods: g.ods_code, organisationName: g.organisation_name }))
	};
}
