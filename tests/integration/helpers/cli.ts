import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBeacon } from '../../../src/cli/main';
import type { Database } from '../../../src/lib/server/db/connect';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Where the database is, and any other setting the command reads from the environment (BEACON_SMTP_URL, say). */
export type CliEnv = { DATABASE_URL?: string; BEACON_DATA_DIR?: string; [setting: string]: string | undefined };

/**
 * Run `beacon <args>` in this process, as `npm run -s cli` would run it but without a process of its own:
 * on `database` (left open) when one is given, else on the database `env` names. This is how CLI tests
 * run; a real process (`runCliProcess`) is for what only a process shows.
 */
export async function runCli(args: string[], on: { database?: Database; env?: CliEnv }, stdin?: string): Promise<CliResult> {
	let stdout = '';
	let stderr = '';
	const code = await runBeacon(args, {
		stdout: { write: (text: string) => (stdout += text) },
		stderr: { write: (text: string) => (stderr += text) },
		stdin: stdin ?? '',
		env: on.env ?? {},
		database: on.database
	});
	return { code, stdout, stderr };
}

/**
 * Run `beacon <args>` as a real process, from its bundle, against the database the environment names: for
 * the exit status a shell sees, standard input, `serve` and killing a run part-way. Each costs seconds.
 */
export function runCliProcess(args: string[], env: CliEnv, stdin?: string): Promise<CliResult> {
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
