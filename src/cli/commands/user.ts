import { readMailConfig, type MailConfig } from '../../lib/server/mail/config';
import { invitationMessage } from '../../lib/server/mail/messages';
import { sendMail } from '../../lib/server/mail/send';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../lib/schemas/user';
import { readPort } from '../../lib/server/config';
import { createUser, findUserIdByEmail, inviteUser, listUsers, renewInvitation, setUserActive } from '../../lib/server/users/service';
import { cliActor, withDatabase } from '../database';
import { UsageError, type CliIo } from '../io';

export const userHelp = [
	'user add --email E --name N --role ROLE [--org ODS] [--password-stdin] [--json]',
	'                                       without --password-stdin: an invitation, whose link it prints',
	'user invite --email E [--json]         a new invitation link for someone who has not yet accepted theirs',
	'user disable --email E                 disable an account and end its sessions',
	'user list [--json]                     users as [{ email, name, active, roles: [{ role, ods }] }]'
].join('\n  ');

export async function runUser(args: string[], io: CliIo): Promise<number> {
	const [sub, ...rest] = args;
	if (sub === 'add') return addUser(rest, io);
	if (sub === 'disable') return disableUser(rest, io);
	if (sub === 'invite') return reinvite(rest, io);
	if (sub === 'list') return listAll(rest, io);
	throw new UsageError(`usage:\n  ${userHelp}`);
}

async function addUser(args: string[], io: CliIo): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			email: { type: 'string' },
			name: { type: 'string' },
			role: { type: 'string' },
			org: { type: 'string' },
			'password-stdin': { type: 'boolean', default: false },
			json: { type: 'boolean', default: false }
		},
		strict: true
	});
	if (!values.email || !values.name || !values.role) throw new UsageError('user add needs --email, --name and --role');
	if (!(ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not "${values.role}"`);
	if (values.role !== 'admin' && !values.org) throw new UsageError(`--org is needed for the ${values.role} role`);
	if (values.role === 'admin' && values.org) throw new UsageError('an administrator holds the role for the whole instance: leave out --org');
	const password = values['password-stdin'] ? await readPassword(io) : undefined;
	const input = { email: values.email, name: values.name, grant: { role: values.role as Role, ods: values.org } };
	const as = `as ${values.role}${values.org ? ` for ${values.org.toUpperCase()}` : ''}`;
	return withDatabase(io, async ({ db }) => {
		const ctx = { db, actor: cliActor() };
		if (password !== undefined) {
			const user = await createUser(ctx, { ...input, password });
			io.say(`added ${user.email} ${as} with a local password`);
			if (values.json) io.printJson(toJson(user));
			return 0;
		}
		// Without a password the account has no way in until its invitation is accepted: make one.
		const { user, token, expiresAt } = await inviteUser(ctx, input);
		const link = invitationLink(token, io.env);
		const mailed = await mailInvitation(io, { to: user.email, name: user.name, link, expiresAt });
		io.say(`invited ${user.email} ${as}. ${mailed}; it works once, for seven days, and is not shown again:\n  ${link}`);
		if (values.json) io.printJson({ ...toJson(user), invitation: link });
		return 0;
	});
}

async function reinvite(args: string[], io: CliIo): Promise<number> {
	const { values } = parseArgs({ args, options: { email: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
	if (!values.email) throw new UsageError('user invite needs --email');
	return withDatabase(io, async ({ db }) => {
		const ctx = { db, actor: cliActor() };
		const { user, token, expiresAt } = await renewInvitation(ctx, await findUserIdByEmail(ctx, values.email as string));
		const link = invitationLink(token, io.env);
		const mailed = await mailInvitation(io, { to: user.email, name: user.name, link, expiresAt });
		io.say(`new invitation for ${user.email}; any earlier link no longer works. ${mailed} (until ${expiresAt.toISOString()}):\n  ${link}`);
		if (values.json) io.printJson({ email: user.email, invitation: link, expiresAt: expiresAt.toISOString() });
		return 0;
	});
}

/** E-mail the invitation where BEACON_SMTP_URL and BEACON_MAIL_FROM are set; the words that say what became of it. */
async function mailInvitation(io: CliIo, input: { to: string; name: string; link: string; expiresAt: Date }): Promise<string> {
	let config: MailConfig | null;
	try {
		config = readMailConfig(io.env);
	} catch (error) {
		io.say(`e-mail is not configured correctly: ${(error as Error).message}`);
		config = null;
	}
	const outcome = await sendMail(invitationMessage({ ...input, instanceName: io.env.BEACON_INSTANCE_NAME?.trim() || null }), { config });
	if (outcome.status === 'sent' || outcome.status === 'sending') return `E-mailed them the link; if it does not reach them, pass on this link`;
	if (outcome.status === 'failed') return `The e-mail could not be sent (${outcome.reason}): send them this link`;
	return 'Send them this link';
}

/** The link as the web server will answer it: ORIGIN when set (as in production), else this machine's port. */
function invitationLink(token: string, env: NodeJS.ProcessEnv): string {
	const origin = env.ORIGIN?.trim().replace(/\/$/, '') || `http://localhost:${readPort(env)}`;
	return `${origin}/invite/${token}`;
}

async function disableUser(args: string[], io: CliIo): Promise<number> {
	const { values } = parseArgs({ args, options: { email: { type: 'string' } }, strict: true });
	if (!values.email) throw new UsageError('user disable needs --email');
	return withDatabase(io, async ({ db }) => {
		const ctx = { db, actor: cliActor() };
		await setUserActive(ctx, await findUserIdByEmail(ctx, values.email as string), false);
		io.say(`disabled ${values.email}; every session of theirs has ended`);
		return 0;
	});
}

async function listAll(args: string[], io: CliIo): Promise<number> {
	const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true });
	return withDatabase(io, async ({ db }) => {
		const users = (await listUsers({ db, actor: cliActor() })).map(toJson);
		if (values.json) io.printJson(users);
		else
			for (const u of users)
				io.out(`${u.active ? 'active  ' : 'disabled'} ${u.email.padEnd(40)} ${u.roles.map((r) => (r.ods ? `${r.role}:${r.ods}` : r.role)).join(', ')}\n`);
		return 0;
	});
}

function toJson(u: Awaited<ReturnType<typeof listUsers>>[number]) {
	return { email: u.email, name: u.name, active: u.isActive, roles: u.grants.map((g) => ({ role: g.role, ods: g.ods })) };
}

/** The password from standard input (first line), so it never appears in the process list or shell history. */
async function readPassword(io: CliIo): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk));
	const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
	if (!password) throw new UsageError('--password-stdin was given but standard input was empty');
	return password;
}
