import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// One instance secret for a whole test run, inherited by every worker, CLI process and the e2e server: the
// templates are seeded once (keyed hashes of identifiers, the audit chain's digests), and whoever clones
// them must read them with the same key. Only under vitest: `vite dev` and `vite build` keep their own.
if (process.env.VITEST) process.env.BEACON_SECRET ||= 'beacon-test-run-secret-never-used-outside-tests';
// Likewise one signing certificate for tests (made once, then reused: making an RSA key takes a second),
// kept outside the checkout so no test writes into data/.
if (process.env.VITEST) process.env.BEACON_SIGNING_FILE ||= path.join(tmpdir(), 'beacon-test-signing.pem');
const postgresUrl = process.env.TEST_DATABASE_URL;

const projects: TestProjectInlineConfiguration[] = [
	// Unit tests share two cores with database and browser tests under `npm test`: a file test that takes one
	// second alone (a 50,000-row workbook) has taken over five there, vitest's default limit.
	{ test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000 } },
	{
		test: {
			name: 'integration-pglite',
			include: ['tests/integration/**/*.test.ts'],
			env: { BEACON_TEST_DB: 'pglite' },
			globalSetup: ['tests/integration/setup/pglite-template.ts'],
			testTimeout: 30_000,
			hookTimeout: 60_000
		}
	}
];

// These notes go to the console when `npm test` starts, so a skipped run never passes for a full one.
if (postgresUrl) {
	projects.push({
		test: {
			name: 'integration-postgres',
			include: ['tests/integration/**/*.test.ts'],
			env: { BEACON_TEST_DB: 'postgres' },
			globalSetup: ['tests/integration/setup/postgres-template.ts'],
			testTimeout: 30_000,
			hookTimeout: 60_000
		}
	});
} else if (process.env.VITEST) {
	console.warn('[beacon] integration tests on PostgreSQL SKIPPED: set TEST_DATABASE_URL to run them.');
}

// End-to-end tests run against the built server. The HTTP ones (authorization matrix, sessions) always
// run; the ones that need a browser skip themselves without Chromium, and say so here. They share that
// server, so they take turns (setup/one-file-at-a-time.ts), but beside the other projects' files, not after
// them all: vitest runs a project without file parallelism only once every other file is done.
projects.push({
	test: {
		name: 'e2e',
		include: ['tests/e2e/**/*.test.ts'],
		env: { CHROMIUM_PATH: existsSync(chromiumPath) ? chromiumPath : '' },
		globalSetup: ['tests/e2e/setup/server.ts'],
		setupFiles: ['tests/e2e/setup/one-file-at-a-time.ts'],
		testTimeout: 60_000,
		hookTimeout: 240_000
	}
});
if (!existsSync(chromiumPath) && process.env.VITEST) {
	console.warn(`[beacon] browser tests SKIPPED: no Chromium at ${chromiumPath} (apt-get install -y chromium); HTTP end-to-end tests still run.`);
}

if (process.env.VITEST && !['pdftotext', 'pdfinfo', 'pdffonts', 'qpdf', 'pdfsig', 'pdfdetach'].every((tool) => spawnSync('which', [tool]).status === 0)) {
	console.warn('[beacon] PDF checks SKIPPED: no poppler-utils or qpdf (apt-get install -y poppler-utils qpdf); reports are still built and tested as objects.');
}

export default defineConfig({
	plugins: [sveltekit()],
	// A worker per core: the tests are CPU-bound (the CLI runs in-process, PGlite runs in the worker), and
	// vitest's default (cores − 1) would run every file one after another on two cores.
	test: {
		projects,
		maxWorkers: availableParallelism(),
		// Only under vitest: the app's own build does not load the test runner.
		...(process.env.VITEST ? { sequence: { sequencer: (await import('./tests/setup/file-order.js')).TurnTakingSequencer } } : {})
	}
});
