import { readDatabaseConfig } from '../lib/server/config';
import { openDatabase, type Database } from '../lib/server/db/connect';
import { say } from './io';

/** Open the same database the web app would: DATABASE_URL if set, else the PGlite directory. */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
	const database = await openDatabase(readDatabaseConfig());
	try {
		return await fn(database);
	} catch (error) {
		if (database.kind === 'pglite' && /lock|already in use/i.test(String(error))) {
			say('The embedded database may be open in a running Beacon server: stop it, then run this command again.');
		}
		throw error;
	} finally {
		await database.close();
	}
}
