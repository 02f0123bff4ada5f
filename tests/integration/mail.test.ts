import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { generateReportAndNotify, shareReportAndNotify } from '../../src/lib/server/reports/notify';
import { generateReport, listReports } from '../../src/lib/server/reports/service';
import { inviteUserByMail } from '../../src/lib/server/users/invitation-mail';
import { createUser } from '../../src/lib/server/users/service';
import { startSmtpSink } from '../helpers/smtp-sink';
import { runCli } from './helpers/cli';
import { openTestDatabase, type TestDatabase } from './helpers/database';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
const ORIGIN = 'https://beacon.example.nhs.uk';
let database: TestDatabase;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor });
let packId: string;

/** Configure e-mail as the environment would (null: the variable is unset). */
function setMail(url: string | null, from: string | null = 'Beacon <beacon@example.nhs.uk>') {
	if (url === null) delete process.env.BEACON_SMTP_URL;
	else process.env.BEACON_SMTP_URL = url;
	if (from === null) delete process.env.BEACON_MAIL_FROM;
	else process.env.BEACON_MAIL_FROM = from;
}

/** A port nothing listens on: a mail server that is down. */
async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as { port: number };
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

beforeAll(async () => {
	sink = await startSmtpSink();
	database = await openTestDatabase();
	await loadFramework(ctx(), CAF);
	await createOrganisation(ctx(), { ods: 'ML1', name: 'Mail Test Trust', kind: 'trust' });
	for (const [role, email] of [
		['regulator', 'reg@mail.example.nhs.uk'],
		['board', 'chair@mail.example.nhs.uk'],
		['board', 'nonexec@mail.example.nhs.uk']
	] as const)
		await createUser(ctx(), { email, name: `${role} ${email}`, grant: { role, ods: 'ML1' } });
	packId = (await generateReport(ctx(), 'ML1', 'regulator', '2024-25')).reportId;
}, 60_000);
afterEach(() => {
	setMail(null, null);
	vi.restoreAllMocks();
});
afterAll(async () => {
	await database?.close();
	await sink?.close();
});

describe('e-mail through a real SMTP server', () => {
	it('e-mails an invitation with its link', async () => {
		setMail(sink.url);
		const sent = await inviteUserByMail(ctx(), { email: 'new.person@mail.example.nhs.uk', name: 'New Person', grant: { role: 'it_lead', ods: 'ML1' } }, ORIGIN);
		expect(sent.mail.status).toBe('sent');
		expect(sent.mailNote).toBe('E-mailed new.person@mail.example.nhs.uk.');
		expect(sent.link).toMatch(new RegExp(`^${ORIGIN}/invite/[A-Za-z0-9_-]+$`));
		const mail = await sink.waitFor('new.person@mail.example.nhs.uk');
		expect(mail.from).toMatch(/^"?Beacon"? <beacon@example\.nhs\.uk>$/);
		expect(mail.subject).toBe('You are invited to Beacon');
		expect(mail.text).toContain('Dear New Person,');
		expect(mail.text).toContain(sent.link);
	});

	it('tells a regulator a pack was shared with them, with where to find and verify it', async () => {
		setMail(sink.url);
		const shared = await shareReportAndNotify(ctx(), 'ML1', packId, 'reg@mail.example.nhs.uk', ORIGIN);
		expect(shared.mailNote).toBe('E-mailed reg@mail.example.nhs.uk.');
		const mail = await sink.waitFor('reg@mail.example.nhs.uk');
		expect(mail.subject).toBe('Mail Test Trust shared its DSPT regulator pack for 2024-25 with you');
		expect(mail.text).toContain(`${ORIGIN}/\n`);
		expect(mail.text).toContain(`${ORIGIN}/verify?reportId=${packId}`);
	});

	it("tells each board member that a new pack awaits the board's sign-off", async () => {
		setMail(sink.url);
		const report = await generateReportAndNotify(ctx(), 'ML1', 'board', '2024-25', ORIGIN);
		expect(report.mailNote).toBe('E-mailed chair@mail.example.nhs.uk, nonexec@mail.example.nhs.uk.');
		for (const to of ['chair@mail.example.nhs.uk', 'nonexec@mail.example.nhs.uk']) {
			const mail = await sink.waitFor(to);
			expect(mail.subject).toBe("A board assurance pack for 2024-25 awaits the board's sign-off");
			expect(mail.text).toContain(`${ORIGIN}/org/ML1/reports`);
			expect(mail.text).toContain(report.reportId);
		}
	}, 30_000);

	it('keeps the share when the mail server is down, says so, and logs one line', async () => {
		setMail(`smtp://127.0.0.1:${await closedPort()}`);
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const before = sink.messages.length;
		await createUser(ctx(), { email: 'reg2@mail.example.nhs.uk', name: 'Second Regulator', grant: { role: 'regulator', ods: 'ML1' } });
		const shared = await shareReportAndNotify(ctx(), 'ML1', packId, 'reg2@mail.example.nhs.uk', ORIGIN);
		expect(shared.mailNote).toMatch(/^The e-mail to reg2@mail\.example\.nhs\.uk could not be sent/);
		expect((await listReports(ctx(), 'ML1')).find((r) => r.reportId === packId)?.sharedWith.map((s) => s.email)).toContain('reg2@mail.example.nhs.uk');
		expect(warn).toHaveBeenCalledTimes(1);
		const line = String(warn.mock.calls[0]![0]);
		expect(line).toMatch(/^\[beacon\] e-mail to reg2@mail\.example\.nhs\.uk not sent: /);
		expect(line).not.toContain('\n');
		expect(sink.messages.length).toBe(before);
	});

	it('sends nothing without both an SMTP URL and a from address, and the page shows the link as before', async () => {
		setMail(sink.url, null);
		const before = sink.messages.length;
		const sent = await inviteUserByMail(ctx(), { email: 'offline@mail.example.nhs.uk', name: 'Off Line' }, ORIGIN);
		expect(sent.mail.status).toBe('off');
		expect(sent.mailNote).toBeNull();
		expect(sent.link).toMatch(/\/invite\//);
		expect(sink.messages.length).toBe(before);
	});

	it('e-mails an invitation made on the command line too, and still prints the link', async () => {
		const env = { BEACON_SMTP_URL: sink.url, BEACON_MAIL_FROM: 'beacon@example.nhs.uk', ORIGIN };
		const made = await runCli(['user', 'add', '--email', 'cli.person@mail.example.nhs.uk', '--name', 'Cli Person', '--role', 'board', '--org', 'ML1'], {
			database,
			env
		});
		expect(made.code).toBe(0);
		expect(made.stderr).toContain('E-mailed them the link');
		const link = /(https:\/\/beacon\.example\.nhs\.uk\/invite\/\S+)/.exec(made.stderr)?.[1];
		expect(link).toBeDefined();
		expect((await sink.waitFor('cli.person@mail.example.nhs.uk')).text).toContain(link!);
	});
});
