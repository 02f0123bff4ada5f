/**
 * Regenerate src/lib/server/db/schema.ts from the migrated schema (house rule: database types are
 * generated, never hand-written). Migrates a throw-away in-memory PGlite and introspects it with
 * kysely-codegen, using the same value decisions as the drivers (see type-parsers.ts).
 */
import { fileURLToPath } from 'node:url';
import { generate, PostgresDialect } from 'kysely-codegen';
import { openPGlite } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';

const outFile = fileURLToPath(new URL('../src/lib/server/db/schema.ts', import.meta.url));
const database = await openPGlite('', { inMemory: true });
try {
	await migrateToLatest(database.db);
	await generate({
		db: database.db,
		dialect: new PostgresDialect({ dateParser: 'string', numericParser: 'number' }),
		outFile,
		excludePattern: 'kysely_*',
		typeOnlyImports: true,
		// int8 is parsed to number by both drivers (type-parsers.ts).
		typeMapping: { int8: 'number' },
		logger: undefined
	});
	console.error(`wrote ${outFile}`);
} finally {
	await database.close();
}
