import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { ensureCliBuilt } from '../../../scripts/build-cli.mjs';
import { adminQuery, databaseUrl } from '../helpers/postgres-admin';

/**
 * Migrate a template database once; each test file clones it with CREATE DATABASE … TEMPLATE, which is
 * far faster than migrating again. Only databases this run created are dropped.
 */
export default async function setup(project: TestProject) {
	// The command-line tests run the bundled CLI: build it once here, not in each of them at once.
	await ensureCliBuilt();
	const url = process.env.TEST_DATABASE_URL;
	if (!url) throw new Error('TEST_DATABASE_URL is not set');
	const name = `beacon_tpl_${process.pid}_${Date.now()}`;
	await adminQuery(url, `create database ${name}`);
	const database = openPostgres(databaseUrl(url, name), 2);
	try {
		await migrateToLatest(database.db);
	} finally {
		await database.close();
	}
	project.provide('postgresTemplate', { url, name });
	return async () => {
		await adminQuery(url, `drop database if exists ${name} with (force)`);
	};
}
