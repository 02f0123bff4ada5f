/**
 * Regenerate src/lib/server/db/schema.ts from the migrated schema (house rule: database types are
 * generated, never hand-written). Migrates a throw-away in-memory PGlite and introspects it with
 * kysely-codegen, as db-types.ts describes.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openPGlite } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { generateDbTypes } from './db-types';

const outFile = fileURLToPath(new URL('../src/lib/server/db/schema.ts', import.meta.url));
const database = await openPGlite('', { inMemory: true });
try {
	await migrateToLatest(database.db);
	writeFileSync(outFile, await generateDbTypes(database.db));
	console.error(`wrote ${outFile}`);
} finally {
	await database.close();
}
