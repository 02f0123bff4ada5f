import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPGlite } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { ensureCliBuilt } from '../../../scripts/build-cli.mjs';

/** Migrate once, dump the PGlite data directory, and let every test file start from that dump. */
export default async function setup(project: TestProject) {
	// The command-line tests run the bundled CLI: build it once here, not in each of them at once.
	await ensureCliBuilt();
	const dir = mkdtempSync(path.join(tmpdir(), 'beacon-pglite-template-'));
	const database = await openPGlite('', { inMemory: true });
	await migrateToLatest(database.db);
	const pglite = database.pglite;
	if (!pglite) throw new Error('expected a PGlite database');
	const dump = await pglite.dumpDataDir('none');
	await database.close();
	const file = path.join(dir, 'template.tar');
	writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
	project.provide('pgliteTemplate', file);
	return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteTemplate: string;
		postgresTemplate: { url: string; name: string };
	}
}
