import { parseArgs } from 'node:util';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../lib/schemas/organisation';
import { createOrganisation, listOrganisations } from '../../lib/server/organisations/service';
import { cliActor, withDatabase } from '../database';
import { UsageError, type CliIo } from '../io';
import { orgFreshnessHelp, runOrgFreshness } from './org-freshness';

export const orgHelp = [
	'org add --ods CODE --name NAME --kind trust|icb|csu|alb|other [--parent ODS] [--json]',
	'org list [--json]                     organisations as [{ ods, name, kind, parentOds }]',
	orgFreshnessHelp
].join('\n  ');

export async function runOrg(args: string[], io: CliIo): Promise<number> {
	const [sub, ...rest] = args;
	if (sub === 'add') return addOrganisation(rest, io);
	if (sub === 'list') return listOrgs(rest, io);
	if (sub === 'freshness') return runOrgFreshness(rest, io);
	throw new UsageError(`usage:\n  ${orgHelp}`);
}

async function addOrganisation(args: string[], io: CliIo): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			ods: { type: 'string' },
			name: { type: 'string' },
			kind: { type: 'string' },
			parent: { type: 'string' },
			json: { type: 'boolean', default: false }
		},
		strict: true
	});
	if (!values.ods || !values.name || !values.kind) throw new UsageError('org add needs --ods, --name and --kind');
	if (!(ORGANISATION_KINDS as readonly string[]).includes(values.kind)) {
		throw new UsageError(`--kind must be one of ${ORGANISATION_KINDS.join(', ')}, not "${values.kind}"`);
	}
	return withDatabase(io, async ({ db }) => {
		const org = await createOrganisation(
			{ db, actor: cliActor() },
			{
				ods: values.ods as string,
				name: values.name as string,
				kind: values.kind as OrganisationKind,
				parentOds: values.parent
			}
		);
		io.say(`added ${org.ods} ${org.name}`);
		if (values.json) io.printJson(org);
		return 0;
	});
}

async function listOrgs(args: string[], io: CliIo): Promise<number> {
	const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true });
	return withDatabase(io, async ({ db }) => {
		const orgs = await listOrganisations({ db, actor: cliActor() });
		if (values.json) {
			io.printJson(orgs);
		} else {
			for (const o of orgs) io.out(`${o.ods.padEnd(8)} ${o.kind.padEnd(6)} ${o.parentOds?.padEnd(8) ?? '        '} ${o.name}\n`);
		}
		return 0;
	});
}
