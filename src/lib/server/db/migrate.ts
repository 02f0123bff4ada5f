import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from '../../../../migrations/index';

export function createMigrator(db: Kysely<any>): Migrator {
	return new Migrator({ db, provider: { getMigrations: async () => migrations } });
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

/** Names of migrations not yet applied to this database. */
export async function listPendingMigrations(db: Kysely<any>): Promise<string[]> {
	const all = await createMigrator(db).getMigrations();
	return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
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
