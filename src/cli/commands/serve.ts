import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readAuthSettings } from '../../lib/server/auth/settings';
import { readPort } from '../../lib/server/config';
import { migrateToLatest } from '../../lib/server/db/migrate';
import { loadShippedFrameworks } from '../../lib/server/frameworks/service';
import { listOrganisations } from '../../lib/server/organisations/service';
import { seedDemo } from '../../lib/server/seed/demo';
import { DEMO_USERS, demoPassword, seedDemoUsers } from '../../lib/server/seed/demo-users';
import { seedDemoSharedPack } from '../../lib/server/seed/demo-shared-pack';
import { listUsers } from '../../lib/server/users/service';
import { cliActor, withDatabase } from '../database';
import { UsageError, type CliIo } from '../io';

export const serveHelp = 'serve [--no-demo]                     migrate, load the demo into an empty database, serve the built app';

/** The largest request body the server accepts unless BODY_SIZE_LIMIT says otherwise: an upload of an export. */
export const DEFAULT_BODY_SIZE_LIMIT = '1G';

/** Only in embedded mode: how to sign in as each demo role. */
function printDemoSignIns(io: CliIo): void {
	io.say('');
	io.say('Sign in to the demo as any of these (local accounts, this installation only):');
	for (const u of DEMO_USERS) io.say(`  ${u.role.padEnd(10)} ${u.email.padEnd(32)} password ${demoPassword(u.email)}`);
	io.say('');
}

/**
 * What `npm start` runs after the build: bring the schema up to date, load the demo when the database
 * has no organisations yet, then start the adapter-node server from build/.
 */
export async function runServe(args: string[], io: CliIo): Promise<number> {
	const { values } = parseArgs({ args, options: { 'no-demo': { type: 'boolean', default: false } }, strict: true });
	const entry = path.resolve('build', 'index.js');
	if (!existsSync(entry)) throw new UsageError('no build found: run `npm run build` first (npm start does it for you)');
	const port = readPort(io.env);
	// Refuse a wrong sign-in set-up (a plain-http issuer, say) now, not on every request once serving.
	readAuthSettings(io.env);

	const { where, embedded, noUsers } = await withDatabase(
		io,
		async (database) => {
			const ctx = { db: database.db, actor: cliActor() };
			const { applied } = await migrateToLatest(database.db);
			if (applied.length) io.say(`applied ${applied.length} migration(s)`);
			await loadShippedFrameworks(ctx, io.say);
			if (!values['no-demo'] && (await listOrganisations(ctx)).length === 0) {
				io.say('empty database: loading the demo organisations (about ten seconds)…');
				await seedDemo(ctx);
			}
			const isEmbedded = database.kind === 'pglite';
			if (isEmbedded && !values['no-demo']) {
				await seedDemoUsers(ctx);
				// The demo regulator's home lists a pack from the start, as one shared by a trust would.
				if (await seedDemoSharedPack(ctx)) io.say("shared Borchester's 2025-26 regulator pack, signed off by its board, with the demo regulator");
			}
			const noUsers = (await listUsers(ctx)).length === 0;
			return {
				noUsers,
				embedded: isEmbedded,
				where: isEmbedded ? `embedded PGlite database in ${database.location}` : `PostgreSQL database at ${database.location}`
			};
		},
		{ requireMigrated: false }
	);
	// The CLI's connection is closed before the server opens its own: PGlite allows one user of a directory.

	// The adapter's server reads its settings from this process's environment: serve runs only as a process.
	process.env.PORT = String(port);
	// Without ORIGIN, adapter-node assumes https: cookies would be Secure-only and form posts from
	// http://localhost would fail SvelteKit's same-origin check. Behind a proxy, set ORIGIN to the public URL.
	process.env.ORIGIN ??= `http://localhost:${port}`;
	// adapter-node answers 413 to a request body over BODY_SIZE_LIMIT (its default: 512 KB), and a real MDM
	// export is tens or hundreds of megabytes. The handler reads the limit as it loads: set it first.
	process.env.BODY_SIZE_LIMIT ||= DEFAULT_BODY_SIZE_LIMIT;
	const { server } = (await import(pathToFileURL(entry).href)) as { server?: { server?: Server } };
	// adapter-node serves /_app/immutable and other static files itself, before any SvelteKit hook can add
	// headers: set the one every response needs on the HTTP server, before it hands the request on.
	server?.server?.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => response.setHeader('X-Content-Type-Options', 'nosniff'));
	io.say('');
	io.say(`Beacon is running at ${process.env.ORIGIN}/ on the ${where}.`);
	if (embedded && !values['no-demo']) printDemoSignIns(io);
	if (noUsers) {
		io.say('Nobody can sign in yet. Create the first administrator, for example:');
		io.say('  echo "a long passphrase" | npm run -s cli -- user add --email you@example.nhs.uk --name "Your Name" --role admin --password-stdin');
		io.say('and sign in with it (local accounts: BEACON_LOCAL_ACCOUNTS=on), or configure single sign-on and invite yourself.');
	}
	io.say('Press Ctrl+C to stop.');
	return -1;
}
