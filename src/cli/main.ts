/**
 * The `beacon` command line: `npm run -s cli -- <command>`. It uses the web app's services and the same
 * database selection (DATABASE_URL, else PGlite in BEACON_DATA_DIR). JSON goes to stdout, diagnostics to
 * stderr; exit 0 success, 1 usage error, 2 input rejected, 3 internal error.
 *
 * `runBeacon` is the whole command line as a function of its arguments and streams, so tests run it
 * in-process against their own database; `runAsProcess`, at the bottom, is the glue to a real process.
 */
import { auditHelp, runAudit } from './commands/audit';
import { benchmarkHelp, runBenchmark } from './commands/benchmark';
import { frameworkHelp, runFramework } from './commands/framework';
import { importHelp, runImport } from './commands/import';
import { metricsHelp, runMetrics } from './commands/metrics';
import { migrateHelp, runMigrate } from './commands/migrate';
import { orgHelp, runOrg } from './commands/org';
import { reportHelp, runReport } from './commands/report';
import { roiHelp, runRoi } from './commands/roi';
import { runScorecard, scorecardHelp } from './commands/scorecard';
import { runSeed, seedHelp } from './commands/seed';
import { runServe, serveHelp } from './commands/serve';
import { runUser, userHelp } from './commands/user';
import { cliIo, describeError, EXIT, exitCodeFor, type CliIo, type CliStreams } from './io';

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
	migrate: runMigrate,
	seed: runSeed,
	org: runOrg,
	user: runUser,
	audit: runAudit,
	import: runImport,
	metrics: runMetrics,
	scorecard: runScorecard,
	benchmark: runBenchmark,
	framework: runFramework,
	report: runReport,
	roi: runRoi,
	serve: runServe
};

const HELP = `usage: npm run -s cli -- <command> [options]

  ${migrateHelp}
  ${seedHelp}
  ${orgHelp}
  ${userHelp}
  ${auditHelp}
  ${importHelp}
  ${metricsHelp}
  ${scorecardHelp}
  ${benchmarkHelp}
  ${frameworkHelp}
  ${reportHelp}
  ${roiHelp}
  ${serveHelp}

Exit status: 0 success, 1 usage error, 2 input rejected, 3 internal error.`;

/**
 * Run `beacon <argv>` and resolve to its exit status; errors become a message on stderr and their exit
 * status, never a rejection. `serve` resolves to -1: its HTTP server keeps running.
 */
export async function runBeacon(argv: string[], streams: CliStreams): Promise<number> {
	const io = cliIo(streams);
	try {
		return await dispatch(argv, io);
	} catch (error) {
		const code = exitCodeFor(error);
		io.say(`beacon: ${describeError(error)}`);
		if (code === EXIT.internal && error instanceof Error && error.stack) io.say(error.stack);
		return code;
	}
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
	const [command, ...args] = argv;
	if (!command || command === 'help' || command === '--help' || command === '-h') {
		io.say(HELP);
		return command ? EXIT.ok : EXIT.usage;
	}
	const run = COMMANDS[command];
	if (!run) {
		io.say(`unknown command "${command}"\n\n${HELP}`);
		return EXIT.usage;
	}
	return run(args, io);
}

/**
 * The process glue: what scripts/cli.mjs calls (and scripts/start.mjs, with `serve`), with this process's
 * arguments, streams and environment.
 */
export async function runAsProcess(argv = process.argv.slice(2)): Promise<void> {
	const code = await runBeacon(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
	// serve returns -1: the HTTP server keeps the process alive.
	if (code >= 0) process.exitCode = code;
}
