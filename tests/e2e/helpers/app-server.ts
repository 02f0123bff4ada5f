import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, stop, waitForHealth } from '../setup/server';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface AppServer {
	baseUrl: string;
	/** Everything the server wrote to stdout and stderr so far. */
	output(): string;
	close(): Promise<void>;
}

/**
 * Start one more Beacon server from the build, as the shared end-to-end server is started, for a test that
 * needs its own (a database others must not see changed, or several servers on one database).
 */
export async function startAppServer(name: string, env: NodeJS.ProcessEnv): Promise<AppServer> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const server: ChildProcess = spawn(process.execPath, ['scripts/cli.mjs', 'serve', '--no-demo'], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: '', PORT: String(port), ORIGIN: baseUrl, BEACON_LOCAL_ACCOUNTS: 'on', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	mkdirSync(path.join(root, 'tests', 'artifacts'), { recursive: true });
	const log = createWriteStream(path.join(root, 'tests', 'artifacts', `server-${name}.log`));
	let output = '';
	for (const stream of [server.stdout, server.stderr]) {
		stream?.on('data', (chunk) => {
			output += chunk;
			log.write(chunk);
		});
	}
	await waitForHealth(baseUrl, server, () => output);
	return { baseUrl, output: () => output, close: () => stop(server) };
}
