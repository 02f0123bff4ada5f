import { userInfo } from 'node:os';
import { systemActor, type Actor } from '../lib/server/auth/actor';
import { readDatabaseConfig } from '../lib/server/config';
import { openDatabase, type Database } from '../lib/server/db/connect';
import { listPendingMigrations } from '../lib/server/db/migrate';
import { UsageError, type CliIo } from './io';

export interface DatabaseOptions {
	/** Refuse to run on a schema with migrations still to apply (every command but migrate, seed and serve). */
	requireMigrated?: boolean;
}

/** The CLI acts as the system, named after the operating-system account that ran it, for the audit trail. */
export function cliActor(): Actor {
	let account = 'unknown';
	try {
		account = userInfo().username;
	} catch {
		// no passwd entry (some containers): keep "unknown"
	}
	return systemActor(`cli:${account}`);
}

/**
 * Open the same database the web app would: DATABASE_URL if set, else the PGlite directory; or use the
 * one the caller handed over, and leave it open.
 */
export async function withDatabase<T>(io: CliIo, fn: (database: Database) => Promise<T>, options: DatabaseOptions = {}): Promise<T> {
	const given = io.database;
	const database = given ?? (await openDatabase(readDatabaseConfig(io.env)));
	try {
		if (options.requireMigrated !== false) {
			const pending = await listPendingMigrations(database.db);
			if (pending.length > 0) {
				throw new UsageError(`the database schema is not up to date (${pending.length} migration(s) to apply): run \`npm run -s cli -- migrate\` first`);
			}
		}
		return await fn(database);
	} catch (error) {
		if (database.kind === 'pglite' && /lock|already in use/i.test(String(error))) {
			io.say('The embedded database may be open in a running Beacon server: stop it, then run this command again.');
		}
		throw error;
	} finally {
		if (!given) await database.close();
	}
}
