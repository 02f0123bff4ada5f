import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../lib/server/db/migrate';
import { loadShippedFrameworks } from '../../lib/server/frameworks/service';
import { seedDemo } from '../../lib/server/seed/demo';
import { seedDemoUsers } from '../../lib/server/seed/demo-users';
import { cliActor, withDatabase } from '../database';
import { printJson, say, UsageError } from '../io';

export const seedHelp = 'seed demo [--json]                    load the fictional demo organisations (idempotent)';

export async function runSeed(args: string[]): Promise<number> {
	const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
	if (positionals.length !== 1 || positionals[0] !== 'demo') throw new UsageError('usage: seed demo [--json]');
	return withDatabase(async (database) => {
		await migrateToLatest(database.db);
		const started = performance.now();
		const ctx = { db: database.db, actor: cliActor() };
		await loadShippedFrameworks(ctx, say);
		const outcome = await seedDemo(ctx, say);
		// Demo sign-ins exist only on the embedded database: a PostgreSQL instance is a real deployment.
		if (database.kind === 'pglite') {
			const users = await seedDemoUsers(ctx);
			if (users > 0) say(`created ${users} demo users (npm start prints how to sign in)`);
		}
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		say(outcome.created ? `demo loaded in ${seconds} s` : 'demo already present: nothing changed');
		if (values.json) printJson(outcome);
		return 0;
	}, { requireMigrated: false });
}
