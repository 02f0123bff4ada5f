import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator, type Kysely, type MigrationResult } from 'kysely';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../../migrations', import.meta.url));

export function createMigrator(db: Kysely<any>): Migrator {
	return new Migrator({
		db,
		provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR })
	});
}

export interface MigrateOutcome {
	applied: string[];
}

/** Bring the schema up to date. Each migration runs in its own transaction; a failure stops the run. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrateOutcome> {
	const { error, results } = await createMigrator(db).migrateToLatest();
	return settle(error, results);
}

/** Undo the latest migration (used to prove every down() works). */
export async function migrateDown(db: Kysely<any>): Promise<MigrateOutcome> {
	const { error, results } = await createMigrator(db).migrateDown();
	return settle(error, results);
}

function settle(error: unknown, results: MigrationResult[] | undefined): MigrateOutcome {
	const failed = results?.find((r) => r.status === 'Error');
	if (error) {
		const where = failed ? ` in migration ${failed.migrationName}` : '';
		throw new Error(`migration failed${where}: ${error instanceof Error ? error.message : String(error)}`, {
			cause: error
		});
	}
	return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
