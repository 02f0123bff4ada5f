import type { TestProject } from 'vitest/node';
import type { SeedOutcome } from '../../../src/lib/server/seed/demo';
import { ensureCliBuilt } from '../../../scripts/build-cli.mjs';
import { pgliteTemplates } from './pglite-templates';

/** Every test file starts from a template: migrated, or with the demo loaded as well (see pglite-templates.ts). */
export default async function setup(project: TestProject) {
	// The command-line tests that run a real process run the bundled CLI: build it once here.
	await ensureCliBuilt();
	const templates = await pgliteTemplates();
	project.provide('pgliteTemplate', templates.migrated);
	project.provide('pgliteDemoTemplate', templates.demo);
	project.provide('demoSeedOutcome', templates.demoOutcome);
}

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteTemplate: string;
		pgliteDemoTemplate: string;
		demoSeedOutcome: SeedOutcome;
		postgresTemplate: { url: string; name: string; demo: string };
	}
}
