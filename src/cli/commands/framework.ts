import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { listFrameworks, loadFramework, type FrameworkLoadReport } from '../../lib/server/frameworks/service';
import { cliActor, withDatabase } from '../database';
import { UsageError, type CliIo } from '../io';

export const frameworkHelp = [
	'framework load FILE [--json]           load a framework edition from its JSON file (validated; same file again: no change)',
	'framework list [--json]                framework editions loaded, with their item counts'
].join('\n  ');

export async function runFramework(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
	const [sub, file, ...extra] = positionals;
	if (sub === 'list' && file === undefined) return listEditions(values.json, io);
	if (sub !== 'load' || !file || extra.length > 0) throw new UsageError(`usage:\n  ${frameworkHelp}`);
	if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
	return withDatabase(io, async ({ db }) => {
		const report = await loadFramework({ db, actor: cliActor() }, file);
		io.say(describeLoad(report));
		if (values.json) io.printJson(report);
		return 0;
	});
}

function describeLoad(r: FrameworkLoadReport): string {
	const what = `${r.code} ${r.edition} (${r.name})`;
	if (r.status === 'unchanged') return `${what} is already loaded with this content: nothing changed`;
	const counts = Object.entries(r.counts)
		.map(([type, n]) => `${n} ${type.replace('_', ' ')}${n === 1 ? '' : 's'}`)
		.join(', ');
	return `${r.status === 'replaced' ? 'replaced' : 'loaded'} ${what}: ${counts}`;
}

async function listEditions(json: boolean, io: CliIo): Promise<number> {
	return withDatabase(io, async ({ db }) => {
		const frameworks = await listFrameworks({ db, actor: cliActor() });
		if (json) io.printJson(frameworks);
		else {
			if (frameworks.length === 0) io.say('no frameworks loaded: framework load FILE');
			for (const f of frameworks)
				io.out(`${f.code.padEnd(12)} ${f.edition}  ${String(f.assessableItems).padStart(3)} rated of ${String(f.items).padStart(3)} items  ${f.name}\n`);
		}
		return 0;
	});
}
