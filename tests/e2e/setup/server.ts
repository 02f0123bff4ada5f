import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { openPGlite } from '../../../src/lib/server/db/connect';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { listOrganisationSummaries, type OrganisationSummary } from '../../../src/lib/server/organisations/service';
import { seedDemo } from '../../../src/lib/server/seed/demo';
import { systemActor } from '../../../src/lib/server/auth/actor';

const SYSTEM = systemActor('test');

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Build the app (unless BEACON_E2E_SKIP_BUILD=1, as .ci/run sets after its own build), seed a fresh PGlite
 * directory with the demo, then start the real server on a free port, exactly as `npm start` would.
 */
export default async function setup(project: TestProject) {
	if (process.env.BEACON_E2E_SKIP_BUILD !== '1') {
		console.log('[beacon e2e] building the app…');
		const build = spawnSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
		if (build.status !== 0) throw new Error('vite build failed');
	}
	const dataDir = mkdtempSync(path.join(tmpdir(), 'beacon-e2e-'));
	const database = await openPGlite(dataDir);
	let organisations: OrganisationSummary[];
	try {
		await migrateToLatest(database.db);
		await seedDemo({ db: database.db, actor: SYSTEM });
		organisations = await listOrganisationSummaries({ db: database.db, actor: SYSTEM });
	} finally {
		await database.close();
	}

	const port = await freePort();
	const server = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'serve', '--no-demo'], {
		cwd: root,
		env: { ...process.env, BEACON_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	server.stdout?.on('data', (chunk) => (output += chunk));
	server.stderr?.on('data', (chunk) => (output += chunk));
	const baseUrl = `http://127.0.0.1:${port}`;
	await waitForHealth(baseUrl, server, () => output);

	project.provide('e2e', { baseUrl, organisations: JSON.parse(JSON.stringify(organisations)) });
	return async () => {
		await stop(server);
		rmSync(dataDir, { recursive: true, force: true });
	};
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string): Promise<void> {
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${output()}`);
		try {
			const response = await fetch(`${baseUrl}/health`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	server.kill('SIGKILL');
	throw new Error(`server did not become healthy in 90 s:\n${output()}`);
}

function stop(server: ChildProcess): Promise<void> {
	if (server.exitCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
		server.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		server.kill('SIGTERM');
	});
}

declare module 'vitest' {
	export interface ProvidedContext {
		e2e: { baseUrl: string; organisations: OrganisationSummary[] };
	}
}
