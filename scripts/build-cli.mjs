/**
 * Bundles the command line (src/cli/main.ts) and its import worker thread into plain JavaScript with
 * esbuild, packages left to node_modules. Run directly (`node scripts/build-cli.mjs`, part of
 * `npm run build`) it always builds; `ensureCliBuilt()` builds only when a source is newer than the bundle.
 *
 * The bundle lives in node_modules/.cache/beacon-cli, not build/: the web build empties build/, and tests
 * run the command line while the end-to-end set-up builds the web app.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CLI_DIR = path.join(root, 'node_modules', '.cache', 'beacon-cli');
const ENTRIES = { main: 'src/cli/main.ts', 'import-worker': 'src/cli/import-worker.ts' };
/** What the bundle is made of: a change to any file here makes it stale. */
const SOURCES = ['src', 'migrations', 'reports', 'data/messaging', 'package.json', 'tsconfig.json', 'scripts/build-cli.mjs'];

/** @type {Promise<string> | null} */
let ensured = null;

/** The bundle's entry point, built first if it is missing or older than any source (once per process). */
export function ensureCliBuilt() {
	ensured ??= (async () => {
		const entry = path.join(CLI_DIR, 'main.mjs');
		const built = mtime(entry);
		if (built === 0 || SOURCES.some((s) => newest(path.join(root, s)) > built)) await buildCli();
		return entry;
	})();
	return ensured;
}

/**
 * Build into a directory of its own, then move it into place: a command line starting meanwhile (tests run
 * several at once) finds the old bundle or the new one, never half of one.
 */
export async function buildCli() {
	const staging = `${CLI_DIR}.${process.pid}.${randomBytes(6).toString('hex')}`;
	// Loaded only to build: a command line whose bundle is current never needs it.
	const { build } = await import('esbuild');
	await build({
		absWorkingDir: root,
		entryPoints: ENTRIES,
		outdir: staging,
		outExtension: { '.js': '.mjs' },
		bundle: true,
		// A chunk per command (main.ts imports each when it runs) and for what they share; the file reader's
		// worker thread (src/lib/server/imports/table-thread-worker.ts) runs its own module's file.
		splitting: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		tsconfig: path.join(root, 'tsconfig.json'),
		logLevel: 'warning'
	});
	mkdirSync(path.dirname(CLI_DIR), { recursive: true });
	const old = `${staging}.old`;
	try {
		renameSync(CLI_DIR, old);
	} catch {
		// no bundle yet
	}
	try {
		renameSync(staging, CLI_DIR);
	} catch {
		// Another process moved its own (identical) build into place first.
		rmSync(staging, { recursive: true, force: true });
	}
	rmSync(old, { recursive: true, force: true });
}

/** @param {string} file */
export function mtime(file) {
	try {
		return statSync(file).mtimeMs;
	} catch {
		return 0;
	}
}

/**
 * The newest modification time of a file, or of anything in a directory (its own time included: a file
 * removed changes it), leaving out the paths in `skip` and the own times of the directories in `ownTimeIgnored`.
 * @param {string} target
 * @param {Set<string>} [skip]
 * @param {Set<string>} [ownTimeIgnored]
 */
export function newest(target, skip = new Set(), ownTimeIgnored = new Set()) {
	if (skip.has(target)) return 0;
	/** @type {import('node:fs').Stats} */
	let stat;
	try {
		stat = statSync(target);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = ownTimeIgnored.has(target) ? 0 : stat.mtimeMs;
	for (const entry of readdirSync(target, { withFileTypes: true })) {
		const t = newest(path.join(target, entry.name), skip, ownTimeIgnored);
		if (t > latest) latest = t;
	}
	return latest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
