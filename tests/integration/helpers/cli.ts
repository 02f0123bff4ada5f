import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Run `beacon <args>` as `npm run -s cli` would, against the database the environment names. */
export function runCli(args: string[], env: { DATABASE_URL?: string; BEACON_DATA_DIR?: string }, stdin?: string): Promise<CliResult> {
	const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
	if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
	return new Promise((resolve) => {
		const child = execFile(
			process.execPath,
			[path.join(root, 'scripts', 'cli.mjs'), ...args],
			{ cwd: root, env: childEnv, maxBuffer: 64 * 1024 * 1024 },
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
				resolve({ code, stdout, stderr });
			}
		);
		child.stdin?.end(stdin ?? '');
	});
}
