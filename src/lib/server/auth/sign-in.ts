import { password as passwordSchema } from '../../schemas/user';
import { recordAudit } from '../audit/service';
import { inTransaction, type ServiceContext } from '../context';
import { parseInput, ValidationError } from '../errors';
import * as users from '../users/queries';
import { hashToken } from '../users/service';
import { systemActor, type Actor, type Grant } from './actor';
import { hashPassword, verifyPassword } from './passwords';
import * as q from './queries';
import { ACCOUNT_POLICY, ADDRESS_POLICY, afterFailure, isBlocked, type ThrottleState } from './throttle';

/** What Auth.js keeps about a signed-in user. */
export interface SignedInUser {
	id: number;
	email: string;
	name: string;
	epoch: number;
}

/** One message for every failed local sign-in, so nobody can learn which e-mail addresses have accounts. */
export const SIGN_IN_FAILED =
	'The e-mail address or password is not right, or sign-in is paused after repeated failures. Wait a few minutes and try again, or ask your administrator.';

const SIGN_IN = systemActor('sign-in');

/**
 * Check a local account's e-mail and password, throttled per account and per client address. Returns the
 * user, or null for every kind of failure (unknown user, wrong password, disabled, throttled).
 */
export async function signInWithPassword(
	ctx: Pick<ServiceContext, 'db'>,
	input: { email: string; password: string; clientAddress: string },
	now = new Date()
): Promise<SignedInUser | null> {
	const email = input.email.trim().toLowerCase();
	const accountKey = `account:${email}`;
	const addressKey = `address:${input.clientAddress}`;
	const throttles = await q.selectThrottles(ctx.db, [accountKey, addressKey]);
	const blocked = isBlocked(throttles.get(accountKey), now) || isBlocked(throttles.get(addressKey), now);
	const user = await users.findUserByEmail(ctx.db, email);
	// Unknown and known accounts alike are verified (against a decoy hash if need be), so timing reveals
	// nothing. While blocked nothing is verified: unknown addresses are throttled too, so that says nothing either.
	const matches = !blocked && (await verifyPassword(user?.password_hash ?? null, input.password));
	const sys = { db: ctx.db, actor: SIGN_IN };
	if (blocked || !user || !matches || !user.is_active) {
		const reason = blocked ? 'throttled' : !user ? 'unknown account' : !matches ? 'wrong password' : 'account disabled';
		await inTransaction(sys, async (tx) => {
			// Count the failure on freshly locked rows, so simultaneous guesses each count.
			await q.ensureThrottles(tx.db, [accountKey, addressKey], now);
			const current = await q.selectThrottles(tx.db, [accountKey, addressKey], true);
			await q.upsertThrottle(tx.db, accountKey, afterFailure(counted(current.get(accountKey)), now, ACCOUNT_POLICY));
			await q.upsertThrottle(tx.db, addressKey, afterFailure(counted(current.get(addressKey)), now, ADDRESS_POLICY));
			// What was typed is kept only when it names a real account: a password typed into the e-mail box must not be kept.
			await recordAudit(tx, {
				action: 'auth.sign_in_failed',
				entityType: 'app_user',
				entityId: user?.id,
				summary: { email: user ? email : null, clientAddress: input.clientAddress, reason }
			});
		});
		return null;
	}
	await inTransaction(sys, async (tx) => {
		await q.deleteThrottle(tx.db, accountKey);
		await users.updateUser(tx.db, user.id, { last_sign_in_at: now });
		await recordAudit(
			{ ...tx, actor: userActorStub(user) },
			{ action: 'auth.sign_in', entityType: 'app_user', entityId: user.id, summary: { method: 'password', clientAddress: input.clientAddress } }
		);
	});
	return { id: user.id, email: user.email, name: user.display_name, epoch: user.session_epoch };
}

/**
 * A sign-in through the identity provider that failed its protocol checks (state, nonce, issuer, audience,
 * expiry, signature…): Auth.js refuses it and says only "sign-in did not complete", so it is audited here as a
 * failed sign-in, with the check that failed. Nothing from the token is kept: it was not trusted.
 */
export async function recordSsoFailure(
	ctx: Pick<ServiceContext, 'db'>,
	input: { provider: string; issuer: string | null; reason: string; clientAddress: string }
): Promise<void> {
	await recordAudit(
		{ db: ctx.db, actor: SIGN_IN },
		{
			action: 'auth.sign_in_failed',
			summary: { method: 'sso', provider: input.provider, issuer: input.issuer, clientAddress: input.clientAddress, reason: input.reason.slice(0, 500) }
		}
	);
}

/**
 * A single sign-on identity comes back from the identity provider. It is accepted for the user already
 * bound to this issuer and subject, or, once, for the user whose invitation token the browser carries;
 * never by e-mail address alone. Returns null (refused) otherwise.
 */
export async function signInWithSso(
	ctx: Pick<ServiceContext, 'db'>,
	input: { issuer: string; subject: string; inviteToken?: string; clientAddress: string }
): Promise<SignedInUser | null> {
	const sys = { db: ctx.db, actor: SIGN_IN };
	return inTransaction(sys, async (tx) => {
		let user = await users.findUserByOidc(tx.db, input.issuer, input.subject);
		if (!user && input.inviteToken) {
			const invitation = await users.findInvitation(tx.db, hashToken(input.inviteToken));
			const usable = invitation && !invitation.accepted_at && invitation.expires_at > new Date() && invitation.is_active;
			const target = usable ? await users.findUserById(tx.db, invitation.user_id) : undefined;
			// Accepting marks the invitation first: of two simultaneous uses of one token, only one gets through.
			if (invitation && target && target.oidc_subject === null && (await users.markInvitationAccepted(tx.db, invitation.id))) {
				await users.updateUser(tx.db, target.id, { oidc_issuer: input.issuer, oidc_subject: input.subject });
				await recordAudit(tx, {
					action: 'user.invitation_accepted',
					entityType: 'app_user',
					entityId: target.id,
					summary: { method: 'sso', issuer: input.issuer }
				});
				user = { ...target, oidc_issuer: input.issuer, oidc_subject: input.subject };
			}
		}
		if (!user || !user.is_active) {
			await recordAudit(tx, {
				action: 'auth.sign_in_failed',
				entityType: 'app_user',
				entityId: user?.id,
				summary: { method: 'sso', issuer: input.issuer, clientAddress: input.clientAddress, reason: user ? 'account disabled' : 'not invited' }
			});
			return null;
		}
		await users.updateUser(tx.db, user.id, { last_sign_in_at: new Date() });
		await recordAudit(
			{ ...tx, actor: userActorStub(user) },
			{
				action: 'auth.sign_in',
				entityType: 'app_user',
				entityId: user.id,
				summary: { method: 'sso', issuer: input.issuer, clientAddress: input.clientAddress }
			}
		);
		return { id: user.id, email: user.email, name: user.display_name, epoch: user.session_epoch };
	});
}

export interface InvitationView {
	email: string;
	name: string;
	usable: boolean;
}

export async function getInvitation(ctx: Pick<ServiceContext, 'db'>, token: string): Promise<InvitationView | null> {
	const invitation = await users.findInvitation(ctx.db, hashToken(token));
	if (!invitation) return null;
	return {
		email: invitation.email,
		name: invitation.display_name,
		usable: !invitation.accepted_at && invitation.expires_at > new Date() && invitation.is_active
	};
}

/** Accept an invitation by choosing a local password (when local accounts are on). */
export async function acceptInvitationWithPassword(ctx: Pick<ServiceContext, 'db'>, token: string, password: string): Promise<void> {
	const chosen = parseInput(passwordSchema, 'password', password);
	const unusable = () => new ValidationError('this invitation has been used, has expired or was withdrawn; ask your administrator for a new one');
	// The token is checked before the (deliberately slow) hashing, so a made-up token costs nothing.
	const found = await users.findInvitation(ctx.db, hashToken(token));
	if (!found || found.accepted_at || found.expires_at <= new Date() || !found.is_active) throw unusable();
	const passwordHash = await hashPassword(chosen);
	await inTransaction({ db: ctx.db, actor: SIGN_IN }, async (tx) => {
		const invitation = await users.findInvitation(tx.db, hashToken(token));
		if (!invitation || invitation.expires_at <= new Date() || !invitation.is_active || !(await users.markInvitationAccepted(tx.db, invitation.id))) {
			throw unusable();
		}
		await users.updateUser(tx.db, invitation.user_id, { password_hash: passwordHash });
		await recordAudit(tx, { action: 'user.invitation_accepted', entityType: 'app_user', entityId: invitation.user_id, summary: { method: 'password' } });
	});
}

/**
 * Re-read the signed-in user on every request: a disabled user, a changed epoch ("sign out everywhere")
 * or a deleted account ends the session at once; roles are always the current ones.
 */
export async function loadActor(ctx: Pick<ServiceContext, 'db'>, userId: number, epoch: number): Promise<Actor | null> {
	const rows = await q.selectSessionUser(ctx.db, userId);
	const first = rows[0];
	if (!first || !first.is_active || first.session_epoch !== epoch) return null;
	const grants: Grant[] = rows.flatMap((r) => (r.role ? [{ role: r.role, organisationId: r.organisation_id, ods: r.ods_code }] : []));
	return { kind: 'user', userId: first.id, email: first.email, name: first.display_name, grants };
}

/** A row just created to be locked has no failures yet: treat it as no state. */
function counted(state: ThrottleState | undefined): ThrottleState | undefined {
	return state && state.failures > 0 ? state : undefined;
}

function userActorStub(user: { id: number; email: string; display_name: string }): Actor {
	return { kind: 'user', userId: user.id, email: user.email, name: user.display_name, grants: [] };
}

/** The user bound to an SSO identity (after signInWithSso accepted it), for the session token. */
export async function resolveSsoUser(ctx: Pick<ServiceContext, 'db'>, issuer: string, subject: string): Promise<SignedInUser | null> {
	const user = await users.findUserByOidc(ctx.db, issuer, subject);
	return user && user.is_active ? { id: user.id, email: user.email, name: user.display_name, epoch: user.session_epoch } : null;
}
