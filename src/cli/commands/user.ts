import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../lib/schemas/user';
import { createUser, findUserIdByEmail, listUsers, setUserActive } from '../../lib/server/users/service';
import { cliActor, withDatabase } from '../database';
import { UsageError, type CliIo } from '../io';

export const userHelp = [
	'user add --email E --name N --role ROLE [--org ODS] [--password-stdin] [--json]',
	'user disable --email E                 disable an account and end its sessions',
	'user list [--json]                     users as [{ email, name, active, roles: [{ role, ods }] }]'
].join('\n  ');

export async function runUser(args: string[], io: CliIo): Promise<number> {
	const [sub, ...rest] = args;
	if (sub === 'add') return addUser(rest, io);
	if (sub === 'disable') return disableUser(rest, io);
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
	return withDatabase(io, async ({ db }) => {
		const user = await createUser(
			{ db, actor: cliActor() },
			{
				email: values.email as string,
				name: values.name as string,
				password,
				grant: { role: values.role as Role, ods: values.org }
			}
		);
		io.say(`added ${user.email} as ${values.role}${values.org ? ` for ${values.org.toUpperCase()}` : ''}${password ? ' with a local password' : ''}`);
		if (values.json) io.printJson(toJson(user));
		return 0;
	});
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
