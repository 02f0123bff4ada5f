import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openPGlite, openPostgres, type Database } from '../../../src/lib/server/db/connect';
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

/** A fresh, migrated database of this run's backend, cloned from the template. Close it when done. */
export async function openTestDatabase(): Promise<TestDatabase> {
	if (testBackend() === 'postgres') {
		const { url, name } = inject('postgresTemplate');
		const own = `beacon_test_${randomBytes(6).toString('hex')}`;
		await adminQuery(url, `create database ${own} template ${name}`);
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
	const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
	return openPGlite('', { inMemory: true, pgliteTemplate: template });
}
