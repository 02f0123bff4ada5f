import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { sql } from 'kysely';
import { openPGlite, openPostgres, type Database } from '../../../src/lib/server/db/connect';
import type { SeedOutcome } from '../../../src/lib/server/seed/demo';
import { adminQuery, databaseUrl } from './postgres-admin';

export type Backend = 'pglite' | 'postgres';

/** Which database this project's run tests: set per vitest project in vite.config.ts. */
export function testBackend(): Backend {
	return process.env.BEACON_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export interface TestDatabase extends Database {
	/** For PostgreSQL, the URL of this test's own database (for CLI runs). */
	url?: string;
}

/** `migrated`: the schema, nothing else. `demo`: the shipped frameworks and the demo loaded as well. */
export type TestTemplate = 'migrated' | 'demo';

/**
 * The database session time zone tests run in: the server default unless BEACON_TEST_TIMEZONE names one,
 * so any suite can be run again as if the server were set to another zone (figures must not change).
 */
function defaultTimeZone(): string | undefined {
	return process.env.BEACON_TEST_TIMEZONE || undefined;
}

/**
 * A fresh database of this run's backend, cloned from a template built once per run (see setup/). Close it
 * when done. Start from `demo` rather than seeding the demo again (ten seconds each time); what seedDemo
 * reported when the template was made is `demoSeedOutcome()`. `timeZone` sets the session TimeZone of
 * every connection, as a server configured for that zone would.
 */
export async function openTestDatabase(from: TestTemplate = 'migrated', options: { timeZone?: string } = {}): Promise<TestDatabase> {
	const timeZone = options.timeZone ?? defaultTimeZone();
	if (timeZone && !/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/.test(timeZone)) throw new Error(`not a time zone name: ${timeZone}`);
	if (testBackend() === 'postgres') {
		const { url, name, demo } = inject('postgresTemplate');
		const own = `beacon_test_${randomBytes(6).toString('hex')}`;
		await adminQuery(url, `create database ${own} template ${from === 'demo' ? demo : name}`);
		if (timeZone) await adminQuery(url, `alter database ${own} set timezone to '${timeZone}'`);
		const ownUrl = databaseUrl(url, own);
		const database = openPostgres(ownUrl, 4);
		return {
			...database,
			url: ownUrl,
			close: async () => {
				await database.close();
				await adminQuery(url, `drop database if exists ${own} with (force)`);
			}
		};
	}
	const template = new Blob([readFileSync(inject(from === 'demo' ? 'pgliteDemoTemplate' : 'pgliteTemplate'))]);
	const database = await openPGlite('', { inMemory: true, pgliteTemplate: template });
	// PGlite is one session, so setting it once sets it for every query.
	if (timeZone) await sql`select set_config('TimeZone', ${timeZone}, false)`.execute(database.db);
	return database;
}

/** What seedDemo reported when it loaded the demo into the `demo` template. */
export function demoSeedOutcome(): SeedOutcome {
	return inject('demoSeedOutcome');
}
