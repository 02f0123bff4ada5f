import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readPort } from '../../lib/server/config';
import { migrateToLatest } from '../../lib/server/db/migrate';
import { listOrganisations } from '../../lib/server/organisations/service';
import { seedDemo } from '../../lib/server/seed/demo';
import { withDatabase } from '../database';
import { say, UsageError } from '../io';

export const serveHelp = 'serve [--no-demo]                     migrate, load the demo into an empty database, serve the built app';

/**
 * What `npm start` runs after the build: bring the schema up to date, load the demo when the database
 * has no organisations yet, then start the adapter-node server from build/.
 */
export async function runServe(args: string[]): Promise<number> {
	const { values } = parseArgs({ args, options: { 'no-demo': { type: 'boolean', default: false } }, strict: true });
	const entry = path.resolve('build', 'index.js');
	if (!existsSync(entry)) throw new UsageError('no build found: run `npm run build` first (npm start does it for you)');
	const port = readPort();

	const where = await withDatabase(async (database) => {
		const { applied } = await migrateToLatest(database.db);
		if (applied.length) say(`applied ${applied.length} migration(s)`);
		if (!values['no-demo'] && (await listOrganisations({ db: database.db })).length === 0) {
			say('empty database: loading the demo organisations (about ten seconds)…');
			await seedDemo({ db: database.db });
		}
		return database.kind === 'pglite' ? `embedded PGlite database in ${database.location}` : `PostgreSQL database at ${database.location}`;
	}, { requireMigrated: false });
	// The CLI's connection is closed before the server opens its own: PGlite allows one user of a directory.

	process.env.PORT = String(port);
	await import(pathToFileURL(entry).href);
	say('');
	say(`Beacon is running at http://localhost:${port}/ on the ${where}.`);
	say('Press Ctrl+C to stop.');
	return -1;
}
