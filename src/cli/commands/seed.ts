import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../lib/server/db/migrate';
import { loadShippedFrameworks } from '../../lib/server/frameworks/service';
import { seedDemo } from '../../lib/server/seed/demo';
import { seedDemoUsers } from '../../lib/server/seed/demo-users';
import { seedNational } from '../../lib/server/seed/national';
import { NATIONAL_ORGS } from '../../lib/server/seed/national-profile';
import { cliActor, withDatabase } from '../database';
import { UsageError, type CliIo } from '../io';

export const seedHelp = `seed demo [--json]                    load the fictional demo organisations (idempotent)
  seed national [--orgs 260] [--scale FRACTION] [--json]
                                        build a fictional national-scale instance (ZN… codes; idempotent)`;

const USAGE = 'usage: seed demo [--json] | seed national [--orgs N] [--scale FRACTION] [--json]';

export async function runSeed(args: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		options: { json: { type: 'boolean', default: false }, orgs: { type: 'string' }, scale: { type: 'string' } },
		allowPositionals: true,
		strict: true
	});
	const [what] = positionals;
	if (positionals.length !== 1 || (what !== 'demo' && what !== 'national')) throw new UsageError(USAGE);
	if (what === 'demo' && (values.orgs !== undefined || values.scale !== undefined)) throw new UsageError(`--orgs and --scale are for seed national\n${USAGE}`);
	const orgs = values.orgs === undefined ? NATIONAL_ORGS : Number(values.orgs);
	if (!Number.isInteger(orgs) || orgs < 1 || orgs > 999) throw new UsageError('--orgs is a whole number from 1 to 999');
	const scale = values.scale === undefined ? 1 : Number(values.scale);
	if (!(scale > 0 && scale <= 1)) throw new UsageError('--scale is a fraction above 0 and at most 1 (e.g. 0.01)');
	return withDatabase(
		io,
		async (database) => {
			await migrateToLatest(database.db);
			const started = performance.now();
			const ctx = { db: database.db, actor: cliActor() };
			await loadShippedFrameworks(ctx, io.say);
			const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
			if (what === 'national') {
				const outcome = await seedNational(ctx, { orgs, scale, onProgress: io.say });
				io.say(
					outcome.created
						? `national instance of ${outcome.organisations} organisations loaded in ${seconds()} s`
						: 'national instance already present: nothing changed'
				);
				if (values.json) io.printJson(outcome);
				return 0;
			}
			const outcome = await seedDemo(ctx, io.say);
			// Demo sign-ins exist only on the embedded database: a PostgreSQL instance is a real deployment.
			if (database.kind === 'pglite') {
				const users = await seedDemoUsers(ctx);
				if (users > 0) io.say(`created ${users} demo users (npm start prints how to sign in)`);
			}
			io.say(outcome.created ? `demo loaded in ${seconds()} s` : 'demo already present: nothing changed');
			if (values.json) io.printJson(outcome);
			return 0;
		},
		{ requireMigrated: false }
	);
}
