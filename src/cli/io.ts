import { Readable } from 'node:stream';
import type { Database } from '../lib/server/db/connect';
import { ConflictError, NotFoundError, ValidationError } from '../lib/server/errors';

/** Exit codes of the `beacon` command line. */
export const EXIT = {
	ok: 0,
	/** The command line itself is wrong: unknown command, missing or malformed option. */
	usage: 1,
	/** The command was understood but its input was rejected (invalid, conflicting or unknown data). */
	rejected: 2,
	/** Something failed inside Beacon or its database; the message says what. */
	internal: 3
} as const;

export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

/** Where a run of the command line reads and writes: the process's own streams, or a caller's (tests run it in-process). */
export interface CliStreams {
	stdout: { write(text: string): unknown };
	stderr: { write(text: string): unknown };
	/** Read only by --password-stdin; a string stands for piped input. Default: nothing. */
	stdin?: AsyncIterable<Buffer | string> | string;
	/** Where DATABASE_URL, BEACON_DATA_DIR and PORT are read. Default: none set. */
	env?: NodeJS.ProcessEnv;
	/**
	 * An open database to use instead of the one env names; the command line leaves it open. A test hands
	 * over its own, so a run costs no new connection or PGlite start.
	 */
	database?: Database;
}

/** What every command is given: its streams, its environment and, when one was handed over, a database. */
export interface CliIo {
	env: NodeJS.ProcessEnv;
	stdin: AsyncIterable<Buffer | string>;
	database?: Database;
	/** JSON results go to stdout and nothing else does, so output can be piped to jq or another program. */
	printJson(value: unknown): void;
	/** Text results (tables, summaries) for stdout. */
	out(text: string): void;
	/** Diagnostics and progress go to stderr. */
	say(message: string): void;
}

export function cliIo(streams: CliStreams): CliIo {
	const stdin = typeof streams.stdin === 'string' ? Readable.from([streams.stdin]) : (streams.stdin ?? Readable.from([]));
	return {
		env: streams.env ?? {},
		stdin,
		database: streams.database,
		printJson: (value) => streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
		out: (text) => streams.stdout.write(text),
		say: (message) => streams.stderr.write(`${message}\n`)
	};
}

export function exitCodeFor(error: unknown): number {
	if (error instanceof UsageError || isParseArgsError(error)) return EXIT.usage;
	if (error instanceof ValidationError || error instanceof ConflictError || error instanceof NotFoundError) return EXIT.rejected;
	return EXIT.internal;
}

/** node:util parseArgs rejects unknown or malformed options with ERR_PARSE_ARGS_* errors. */
function isParseArgsError(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** The message for stderr; with --json, rejected input is also reported as JSON on stdout. */
export function describeError(error: unknown): string {
	if (error instanceof Error) return error.message;
	return String(error);
}
