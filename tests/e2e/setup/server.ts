import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { openPGlite } from '../../../src/lib/server/db/connect';
import { ensureCliBuilt } from '../../../scripts/build-cli.mjs';
import { pgliteTemplates } from '../../integration/setup/pglite-templates';
import { startSmtpSink } from '../../helpers/smtp-sink';
import { createFixtures, type Fixtures } from './fixtures';
import { startFileTurns } from './file-turns';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Build the app (unless BEACON_E2E_SKIP_BUILD=1, as .ci/run sets after its own build), start a fresh PGlite
 * directory from the demo template (built once per run, shared with the integration tests) and add the
 * fixtures, then start the real server on a free port, exactly as `npm start` would.
 */
export default async function setup(project: TestProject) {
	if (process.env.BEACON_E2E_SKIP_BUILD !== '1') {
		console.log('[beacon e2e] building the app…');
		const build = spawnSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
		if (build.status !== 0) throw new Error('vite build failed');
	}
	await ensureCliBuilt();
	const dir = mkdtempSync(path.join(tmpdir(), 'beacon-e2e-'));
	const dataDir = path.join(dir, 'pglite');
	const database = await openPGlite(dataDir, { pgliteTemplate: new Blob([readFileSync((await pgliteTemplates()).demo)]) });
	let fixtures: Fixtures;
	try {
		fixtures = await createFixtures(database);
	} finally {
		await database.close();
	}

	// A real SMTP server on loopback takes every e-mail the server sends; each lands in mailDir as JSON, for
	// the tests (other processes) to read.
	const mailDir = path.join(dir, 'mail');
	mkdirSync(mailDir);
	let mailCount = 0;
	const sink = await startSmtpSink((mail) => {
		// Written whole, then renamed, so a reader never sees half a message.
		const file = path.join(mailDir, `${String(++mailCount).padStart(5, '0')}.json`);
		writeFileSync(`${file}.part`, JSON.stringify(mail));
		renameSync(`${file}.part`, file);
	});

	const port = await freePort();
	// The mock identity provider starts inside the single sign-on test; Beacon only reaches it when someone signs in.
	const oidcPort = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, ['scripts/cli.mjs', 'serve', '--no-demo'], {
		cwd: root,
		env: {
			...process.env,
			DATABASE_URL: '',
			BEACON_DATA_DIR: dataDir,
			PORT: String(port),
			ORIGIN: baseUrl,
			BEACON_LOCAL_ACCOUNTS: 'on',
			BEACON_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
			BEACON_OIDC_CLIENT_ID: 'beacon-e2e',
			BEACON_OIDC_CLIENT_SECRET: 'beacon-e2e-secret',
			BEACON_OIDC_NAME: 'Test identity provider',
			BEACON_SMTP_URL: sink.url,
			BEACON_MAIL_FROM: 'Beacon e2e <beacon@e2e.beacon.invalid>'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	// The server's own output is kept for whoever debugs a failing end-to-end test.
	mkdirSync(path.join(root, 'tests', 'artifacts'), { recursive: true });
	const log = createWriteStream(path.join(root, 'tests', 'artifacts', 'server.log'));
	let output = '';
	for (const stream of [server.stdout, server.stderr]) {
		stream?.on('data', (chunk) => {
			output += chunk;
			log.write(chunk);
		});
	}
	await waitForHealth(baseUrl, server, () => output);

	project.provide('e2e', { baseUrl, oidcPort, mailDir, ...(JSON.parse(JSON.stringify(fixtures)) as Fixtures) });
	const turns = await startFileTurns();
	project.provide('e2eTurns', turns.port);
	return async () => {
		await turns.close();
		await stop(server);
		await sink.close();
		rmSync(dir, { recursive: true, force: true });
	};
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

export async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string): Promise<void> {
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

export function stop(server: ChildProcess): Promise<void> {
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
		e2e: Fixtures & { baseUrl: string; oidcPort: number; mailDir: string };
		/** The port of the end-to-end files' turn server (file-turns.ts). */
		e2eTurns: number;
	}
}
