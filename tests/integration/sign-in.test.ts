import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { acceptInvitationWithPassword, getInvitation, loadActor, signInWithPassword, signInWithSso } from '../../src/lib/server/auth/sign-in';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/lib/server/errors';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { createUser, grantRole, inviteUser, listUsers, revokeRole, setUserActive, signOutEverywhere } from '../../src/lib/server/users/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const SYSTEM = systemActor('test');
const PASSWORD = 'correct horse battery staple';
let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: SYSTEM });
const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 9, minute));
const attempt = (email: string, password: string, when: Date, clientAddress = '10.1.1.1') =>
	signInWithPassword({ db: database.db }, { email, password, clientAddress }, when);

beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(ctx(), { ods: 'QA1', name: 'Test ICB', kind: 'icb' });
	await createOrganisation(ctx(), { ods: 'RA1', name: 'Test Trust', kind: 'trust', parentOds: 'QA1' });
	await createUser(ctx(), { email: 'Lead@Trust.nhs.uk', name: 'Lee Lead', password: PASSWORD, grant: { role: 'it_lead', ods: 'RA1' } });
	await createUser(ctx(), { email: 'throttle@trust.nhs.uk', name: 'Tom Throttle', password: PASSWORD });
});
afterAll(async () => {
	await database?.close();
});

describe(`local sign-in on ${testBackend()}`, () => {
	it('signs in with the right password, whatever the case of the e-mail address', async () => {
		const user = await attempt('lead@TRUST.nhs.uk', PASSWORD, at(0));
		expect(user).toMatchObject({ email: 'lead@trust.nhs.uk', name: 'Lee Lead', epoch: 0 });
	});

	it('answers an unknown user and a wrong password the same way, and audits both', async () => {
		expect(await attempt('nobody@trust.nhs.uk', PASSWORD, at(1))).toBeNull();
		expect(await attempt('lead@trust.nhs.uk', 'wrong password!!', at(1))).toBeNull();
		const failures = await sql<{ reason: string }>`
			select summary->>'reason' as reason from audit_event where action = 'auth.sign_in_failed' order by id`.execute(database.db);
		expect(failures.rows.map((r) => r.reason)).toEqual(['unknown account', 'wrong password']);
	});

	it('pauses an account after five failures, even for the right password, then lets it in again', async () => {
		for (let i = 0; i < 4; i++) expect(await attempt('throttle@trust.nhs.uk', `wrong ${i} password`, at(10), `10.0.0.${i}`)).toBeNull();
		// Four failures: the right password still works.
		expect(await attempt('throttle@trust.nhs.uk', PASSWORD, at(10), '10.9.9.9')).not.toBeNull();
		for (let i = 0; i < 5; i++) expect(await attempt('throttle@trust.nhs.uk', `wrong ${i} password`, at(11), `10.0.0.${i}`)).toBeNull();
		// Five: paused, from any address, with the same answer as a wrong password.
		expect(await attempt('throttle@trust.nhs.uk', PASSWORD, at(11), '10.9.9.9')).toBeNull();
		// Longer than the longest pause (15 minutes) later, the right password works again.
		expect(await attempt('throttle@trust.nhs.uk', PASSWORD, at(27), '10.9.9.9')).not.toBeNull();
	});

	it('counts every one of many simultaneous guesses', async () => {
		await createUser(ctx(), { email: 'burst@trust.nhs.uk', name: 'Bo Burst', password: PASSWORD });
		await Promise.all(Array.from({ length: 8 }, (_, i) => attempt('burst@trust.nhs.uk', `guess ${i} password`, at(12), `10.5.5.${i}`)));
		const row = await sql<{ failures: number }>`select failures from sign_in_throttle where throttle_key = 'account:burst@trust.nhs.uk'`.execute(database.db);
		expect(row.rows[0]?.failures).toBe(8);
		expect(await attempt('burst@trust.nhs.uk', PASSWORD, at(12), '10.6.6.6')).toBeNull();
	});

	it('pauses a client address after twenty failures across accounts', async () => {
		for (let i = 0; i < 20; i++) await attempt(`guess${i}@trust.nhs.uk`, 'whatever password', at(20), '192.0.2.1');
		expect(await attempt('lead@trust.nhs.uk', PASSWORD, at(20), '192.0.2.1')).toBeNull();
		expect(await attempt('lead@trust.nhs.uk', PASSWORD, at(20), '192.0.2.2')).not.toBeNull();
	});
});

describe(`sessions and accounts on ${testBackend()}`, () => {
	it('re-reads the user: disabling, or signing out everywhere, ends the session at once', async () => {
		const user = await attempt('lead@trust.nhs.uk', PASSWORD, at(30));
		if (!user) throw new Error('sign-in failed');
		const actor = await loadActor({ db: database.db }, user.id, user.epoch);
		expect(actor).toMatchObject({ kind: 'user', email: 'lead@trust.nhs.uk', grants: [{ role: 'it_lead', ods: 'RA1' }] });
		await signOutEverywhere(ctx(), user.id);
		expect(await loadActor({ db: database.db }, user.id, user.epoch)).toBeNull();
		expect(await loadActor({ db: database.db }, user.id, user.epoch + 1)).not.toBeNull();
		await setUserActive(ctx(), user.id, false);
		expect(await loadActor({ db: database.db }, user.id, user.epoch + 2)).toBeNull();
		expect(await attempt('lead@trust.nhs.uk', PASSWORD, at(40))).toBeNull();
		await setUserActive(ctx(), user.id, true);
		expect(await attempt('lead@trust.nhs.uk', PASSWORD, at(41))).not.toBeNull();
	});

	it('takes a changed role into account on the next request', async () => {
		const [lead] = (await listUsers(ctx())).filter((u) => u.email === 'lead@trust.nhs.uk');
		if (!lead) throw new Error('no lead');
		await grantRole(ctx(), lead.id, { role: 'board', ods: 'QA1' });
		const epoch = (await sql<{ e: number }>`select session_epoch as e from app_user where id = ${lead.id}`.execute(database.db)).rows[0]?.e ?? -1;
		const actor = await loadActor({ db: database.db }, lead.id, epoch);
		expect(actor?.kind === 'user' && actor.grants.map((g) => `${g.role}:${g.ods}`).sort()).toEqual(['board:QA1', 'it_lead:RA1']);
		const boardGrant = (await listUsers(ctx())).find((u) => u.id === lead.id)?.grants.find((g) => g.role === 'board');
		await expect(revokeRole(ctx(), lead.id + 1000, boardGrant?.id ?? -1)).rejects.toThrow(/holds no role grant/);
		// What a form with no grant, or a word for one, gives: a refusal naming the field, not a database error.
		for (const bad of [Number(undefined), Number('abc'), 1e23, -1, 1.5])
			await expect(revokeRole(ctx(), lead.id, bad)).rejects.toMatchObject({ name: 'ValidationError', problems: [{ field: 'grantId' }] });
		await revokeRole(ctx(), lead.id, boardGrant?.id ?? -1);
		const after = await loadActor({ db: database.db }, lead.id, epoch);
		expect(after?.kind === 'user' && after.grants.map((g) => g.role)).toEqual(['it_lead']);
	});

	it('lets only administrators manage users, and refuses duplicates and weak passwords', async () => {
		const lead = await loadActor({ db: database.db }, (await listUsers(ctx())).find((u) => u.email === 'lead@trust.nhs.uk')?.id ?? -1, 2);
		if (!lead) throw new Error('no actor');
		await expect(createUser({ db: database.db, actor: lead }, { email: 'x@trust.nhs.uk', name: 'X' })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listUsers({ db: database.db, actor: lead })).rejects.toBeInstanceOf(ForbiddenError);
		await expect(createUser(ctx(), { email: 'lead@trust.nhs.uk', name: 'Again' })).rejects.toBeInstanceOf(ConflictError);
		await expect(createUser(ctx(), { email: 'short@trust.nhs.uk', name: 'Short', password: 'tooshort' })).rejects.toBeInstanceOf(ValidationError);
		await expect(createUser(ctx(), { email: 'y@trust.nhs.uk', name: 'Y', grant: { role: 'board' } })).rejects.toThrow(/needs an organisation/);
	});
});

describe(`single sign-on and invitations on ${testBackend()}`, () => {
	const ISSUER = 'https://idp.example.nhs.uk';
	const sso = (subject: string, inviteToken?: string, issuer = ISSUER) =>
		signInWithSso({ db: database.db }, { issuer, subject, inviteToken, clientAddress: '10.2.2.2' });

	it('refuses an identity nobody invited, even when its e-mail matches a user', async () => {
		expect(await sso('lead@trust.nhs.uk')).toBeNull();
	});

	it('binds an invited user on first sign-in, once, and then knows them by issuer and subject only', async () => {
		const { token } = await inviteUser(ctx(), { email: 'new@trust.nhs.uk', name: 'Nia New', grant: { role: 'board', ods: 'RA1' } });
		expect(await getInvitation({ db: database.db }, token)).toEqual({ email: 'new@trust.nhs.uk', name: 'Nia New', usable: true });
		expect(await sso('subject-123', 'not-the-token')).toBeNull();
		expect(await sso('subject-123', token)).toMatchObject({ email: 'new@trust.nhs.uk' });
		expect((await getInvitation({ db: database.db }, token))?.usable).toBe(false);
		expect(await sso('subject-123')).toMatchObject({ email: 'new@trust.nhs.uk' });
		// The same subject from another issuer is someone else.
		expect(await sso('subject-123', undefined, 'https://other-idp.example.com')).toBeNull();
		// The used token cannot bind a second identity.
		expect(await sso('subject-456', token)).toBeNull();
	});

	it('accepts an invitation with a chosen password, once', async () => {
		const { token } = await inviteUser(ctx(), { email: 'local@trust.nhs.uk', name: 'Lou Local' });
		await acceptInvitationWithPassword({ db: database.db }, token, 'a long enough password');
		expect(await attempt('local@trust.nhs.uk', 'a long enough password', at(50), '10.3.3.3')).not.toBeNull();
		await expect(acceptInvitationWithPassword({ db: database.db }, token, 'another long password')).rejects.toThrow(/has been used/);
	});
});
