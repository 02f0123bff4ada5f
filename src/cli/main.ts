/**
 * The `beacon` command line: `npm run -s cli -- <command>`. It uses the web app's services and the same
 * database selection (DATABASE_URL, else PGlite in BEACON_DATA_DIR). JSON goes to stdout, diagnostics to
 * stderr; exit 0 success, 1 usage error, 2 input rejected, 3 internal error.
 *
 * `runBeacon` is the whole command line as a function of its arguments and streams, so tests run it
 * in-process against their own database; `runAsProcess`, at the bottom, is the glue to a real process.
 */
import { cliIo, describeError, EXIT, exitCodeFor, type CliIo, type CliStreams } from './io';

type Command = (args: string[], io: CliIo) => Promise<number>;

/**
 * Each command's module loads only when it runs, so a process loads what its command needs rather than
 * every command's dependencies. Listed in the order of the help text.
 */
const COMMANDS = {
	migrate: () => import('./commands/migrate').then((m) => ({ run: m.runMigrate, help: m.migrateHelp })),
	seed: () => import('./commands/seed').then((m) => ({ run: m.runSeed, help: m.seedHelp })),
	org: () => import('./commands/org').then((m) => ({ run: m.runOrg, help: m.orgHelp })),
	user: () => import('./commands/user').then((m) => ({ run: m.runUser, help: m.userHelp })),
	audit: () => import('./commands/audit').then((m) => ({ run: m.runAudit, help: m.auditHelp })),
	import: () => import('./commands/import').then((m) => ({ run: m.runImport, help: m.importHelp })),
	metrics: () => import('./commands/metrics').then((m) => ({ run: m.runMetrics, help: m.metricsHelp })),
	scorecard: () => import('./commands/scorecard').then((m) => ({ run: m.runScorecard, help: m.scorecardHelp })),
	benchmark: () => import('./commands/benchmark').then((m) => ({ run: m.runBenchmark, help: m.benchmarkHelp })),
	framework: () => import('./commands/framework').then((m) => ({ run: m.runFramework, help: m.frameworkHelp })),
	report: () => import('./commands/report').then((m) => ({ run: m.runReport, help: m.reportHelp })),
	roi: () => import('./commands/roi').then((m) => ({ run: m.runRoi, help: m.roiHelp })),
	serve: () => import('./commands/serve').then((m) => ({ run: m.runServe, help: m.serveHelp }))
} satisfies Record<string, () => Promise<{ run: Command; help: string }>>;

async function helpText(): Promise<string> {
	const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
	return `usage: npm run -s cli -- <command> [options]

${commands.map((c) => `  ${c.help}`).join('\n')}

Exit status: 0 success, 1 usage error, 2 input rejected, 3 internal error.`;
}

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
		io.say(await helpText());
		return command ? EXIT.ok : EXIT.usage;
	}
	if (!Object.hasOwn(COMMANDS, command)) {
		io.say(`unknown command "${command}"\n\n${await helpText()}`);
		return EXIT.usage;
	}
	const { run } = await COMMANDS[command as keyof typeof COMMANDS]();
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
