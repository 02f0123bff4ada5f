import { parseArgs } from 'node:util';
import { migrateToLatest } from '../../lib/server/db/migrate';
import { withDatabase } from '../database';
import { type CliIo } from '../io';

export const migrateHelp = 'migrate [--json]                      bring the database schema up to date';

export async function runMigrate(args: string[], io: CliIo): Promise<number> {
	const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true });
	return withDatabase(
		io,
		async (database) => {
			const { applied } = await migrateToLatest(database.db);
			io.say(
				applied.length
					? `applied ${applied.length} migration(s) on ${database.kind} (${database.location})`
					: `schema already up to date on ${database.kind} (${database.location})`
			);
			if (values.json) io.printJson({ applied });
			return 0;
		},
		{ requireMigrated: false }
	);
}
