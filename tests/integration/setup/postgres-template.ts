import type { TestProject } from 'vitest/node';
import { systemActor } from '../../../src/lib/server/auth/actor';
import { openPostgres } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { loadShippedFrameworks } from '../../../src/lib/server/frameworks/service';
import { seedDemo, type SeedOutcome } from '../../../src/lib/server/seed/demo';
import { ensureCliBuilt } from '../../../scripts/build-cli.mjs';
import { adminQuery, databaseUrl } from '../helpers/postgres-admin';

/**
 * Migrate a template database once, and make a second one from it with the demo loaded; each test file
 * clones one with CREATE DATABASE … TEMPLATE, far faster than migrating or seeding again. Only databases
 * this run created are dropped.
 */
export default async function setup(project: TestProject) {
	// The command-line tests that run a real process run the bundled CLI: build it once here.
	await ensureCliBuilt();
	const url = process.env.TEST_DATABASE_URL;
	if (!url) throw new Error('TEST_DATABASE_URL is not set');
	const name = `beacon_tpl_${process.pid}_${Date.now()}`;
	const demo = `${name}_demo`;
	const created: string[] = [];
	let outcome: SeedOutcome | undefined;
	const teardown = async () => {
		for (const db of created.reverse()) await adminQuery(url, `drop database if exists ${db} with (force)`);
	};
	try {
		await adminQuery(url, `create database ${name}`);
		created.push(name);
		await withDatabase(databaseUrl(url, name), (db) => migrateToLatest(db));
		await adminQuery(url, `create database ${demo} template ${name}`);
		created.push(demo);
		await withDatabase(databaseUrl(url, demo), async (db) => {
			const ctx = { db, actor: systemActor('test-template') };
			await loadShippedFrameworks(ctx);
			outcome = await seedDemo(ctx);
		});
	} catch (error) {
		await teardown();
		throw error;
	}
	project.provide('postgresTemplate', { url, name, demo });
	if (outcome) project.provide('demoSeedOutcome', outcome);
	return teardown;
}

async function withDatabase(url: string, fn: (db: ReturnType<typeof openPostgres>['db']) => Promise<unknown>): Promise<void> {
	const database = openPostgres(url, 2);
	try {
		await fn(database.db);
	} finally {
		await database.close();
	}
}
