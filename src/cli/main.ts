/**
 * The `beacon` command line: `npm run -s cli -- <command>`. It uses the web app's services and the same
 * database selection (DATABASE_URL, else PGlite in BEACON_DATA_DIR). JSON goes to stdout, diagnostics to
 * stderr; exit 0 success, 1 usage error, 2 input rejected, 3 internal error.
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
import { describeError, EXIT, exitCodeFor, say } from './io';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
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

async function main(argv: string[]): Promise<number> {
	const [command, ...args] = argv;
	if (!command || command === 'help' || command === '--help' || command === '-h') {
		say(HELP);
		return command ? EXIT.ok : EXIT.usage;
	}
	const run = COMMANDS[command];
	if (!run) {
		say(`unknown command "${command}"\n\n${HELP}`);
		return EXIT.usage;
	}
	return run(args);
}

main(process.argv.slice(2)).then(
	(code) => {
		// serve returns -1: the HTTP server keeps the process alive.
		if (code >= 0) process.exitCode = code;
	},
	(error: unknown) => {
		const code = exitCodeFor(error);
		say(`beacon: ${describeError(error)}`);
		if (code === EXIT.internal && error instanceof Error && error.stack) say(error.stack);
		process.exitCode = code;
	}
);
