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

/** JSON results go to stdout and nothing else does, so output can be piped to jq or another program. */
export function printJson(value: unknown): void {
	process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Diagnostics and progress go to stderr. */
export function say(message: string): void {
	process.stderr.write(`${message}\n`);
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
