import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { acceptInvitationWithPassword } from '../../src/lib/server/auth/sign-in';
import { listAuditEvents } from '../../src/lib/server/audit/service';
import { openPGlite } from '../../src/lib/server/db/connect';
import { ConflictError, ForbiddenError } from '../../src/lib/server/errors';
import { createUser, findUserIdByEmail, inviteUser, renewInvitation } from '../../src/lib/server/users/service';
import { runCli } from './helpers/cli';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: systemActor('test') });
const PASSWORD = 'a long enough password';

describe(`renewing an invitation on ${testBackend()}`, () => {
	beforeAll(async () => {
		database = await openTestDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});

	it('gives a person who lost their link a new one, ends the old one, and audits it; only for someone with no way in', async () => {
		const { user, token: lost } = await inviteUser(ctx(), { email: 'lost@trust.nhs.uk', name: 'Lee Lost' });
		// Inviting the same person again is refused: renewing is the way.
		await expect(inviteUser(ctx(), { email: 'lost@trust.nhs.uk', name: 'Lee Lost' })).rejects.toThrow(/already/);
		const renewed = await renewInvitation(ctx(), user.id);
		expect(renewed.token).not.toBe(lost);
		expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
		await expect(acceptInvitationWithPassword({ db: database.db }, lost, PASSWORD)).rejects.toThrow(/has expired or was withdrawn/);
		await acceptInvitationWithPassword({ db: database.db }, renewed.token, PASSWORD);
		const [event] = await listAuditEvents(ctx(), { action: 'user.invitation_renew', limit: 1 });
		expect(event).toMatchObject({ entityId: String(user.id), summary: { email: 'lost@trust.nhs.uk', linksEnded: 1 } });
		await expect(renewInvitation(ctx(), user.id)).rejects.toThrow(/can already sign in/);
		const withPassword = await createUser(ctx(), { email: 'pw@trust.nhs.uk', name: 'Pat', password: PASSWORD });
		await expect(renewInvitation(ctx(), withPassword.id)).rejects.toBeInstanceOf(ConflictError);
		const board = { kind: 'user' as const, userId: withPassword.id, email: 'pw@trust.nhs.uk', name: 'Pat', grants: [] };
		await expect(renewInvitation({ db: database.db, actor: board }, user.id)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('renews an expired invitation', async () => {
		const { user, token } = await inviteUser(ctx(), { email: 'late@trust.nhs.uk', name: 'Lou Late' });
		await database.db
			.updateTable('user_invitation')
			.set({ created_at: new Date(Date.now() - 8 * 86_400_000), expires_at: new Date(Date.now() - 86_400_000) })
			.where('user_id', '=', user.id)
			.execute();
		await expect(acceptInvitationWithPassword({ db: database.db }, token, PASSWORD)).rejects.toThrow(/expired/);
		const renewed = await renewInvitation(ctx(), user.id);
		await acceptInvitationWithPassword({ db: database.db }, renewed.token, PASSWORD);
	});
});

describe(`user add without a password, and user invite, on ${testBackend()}`, () => {
	let env: { DATABASE_URL?: string; BEACON_DATA_DIR?: string };
	let cliDatabase: TestDatabase | undefined;
	let dir: string | undefined;
	beforeAll(async () => {
		if (testBackend() === 'postgres') {
			cliDatabase = await openTestDatabase();
			env = { DATABASE_URL: cliDatabase.url };
		} else {
			dir = mkdtempSync(path.join(tmpdir(), 'beacon-cli-invite-'));
			env = { BEACON_DATA_DIR: dir };
			expect((await runCli(['migrate'], { env })).code).toBe(0);
		}
	}, 60_000);
	afterAll(async () => {
		await cliDatabase?.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('invites the person and prints the link; a second link replaces the first', async () => {
		const added = await runCli(['user', 'add', '--email', 'new.admin@trust.nhs.uk', '--name', 'Ada Admin', '--role', 'admin', '--json'], {
			env: { ...env, ORIGIN: 'https://beacon.example.nhs.uk' } as typeof env
		});
		expect(added.code, added.stderr).toBe(0);
		const first = JSON.parse(added.stdout) as { email: string; invitation: string };
		expect(first.invitation).toMatch(/^https:\/\/beacon\.example\.nhs\.uk\/invite\/[\w-]{43}$/);
		expect(added.stderr).toContain(first.invitation);
		const again = await runCli(['user', 'invite', '--email', 'new.admin@trust.nhs.uk', '--json'], { env });
		expect(again.code, again.stderr).toBe(0);
		const second = JSON.parse(again.stdout) as { invitation: string };
		expect(second.invitation).toMatch(/\/invite\/[\w-]{43}$/);
		expect(second.invitation.split('/').pop()).not.toBe(first.invitation.split('/').pop());
		expect((await runCli(['user', 'invite', '--email', 'nobody@trust.nhs.uk'], { env })).code).toBe(2);
		const db = cliDatabase ?? (await openPGlite(dir!));
		try {
			await expect(acceptInvitationWithPassword({ db: db.db }, first.invitation.split('/').pop()!, PASSWORD)).rejects.toThrow(/withdrawn/);
			await acceptInvitationWithPassword({ db: db.db }, second.invitation.split('/').pop()!, PASSWORD);
			expect(await findUserIdByEmail({ db: db.db, actor: systemActor('test') }, 'new.admin@trust.nhs.uk')).toBeGreaterThan(0);
		} finally {
			if (!cliDatabase) await db.close();
		}
	}, 120_000);
});
