import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
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
 * A fresh database of this run's backend, cloned from a template built once per run (see setup/). Close it
 * when done. Start from `demo` rather than seeding the demo again (ten seconds each time); what seedDemo
 * reported when the template was made is `demoSeedOutcome()`.
 */
export async function openTestDatabase(from: TestTemplate = 'migrated'): Promise<TestDatabase> {
	if (testBackend() === 'postgres') {
		const { url, name, demo } = inject('postgresTemplate');
		const own = `beacon_test_${randomBytes(6).toString('hex')}`;
		await adminQuery(url, `create database ${own} template ${from === 'demo' ? demo : name}`);
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
	return openPGlite('', { inMemory: true, pgliteTemplate: template });
}

/** What seedDemo reported when it loaded the demo into the `demo` template. */
export function demoSeedOutcome(): SeedOutcome {
	return inject('demoSeedOutcome');
}
