/**
 * `npm start`: build the web app only when something it is made of (a source, the configuration, a
 * dependency or the lock file) is newer than the last build, saying so when it builds, then run `serve`.
 * An unchanged checkout starts in seconds instead of spending a minute on the same build again.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCliBuilt, mtime, newest } from './build-cli.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Touched when a build starts: anything changed after that is newer, even if it changed during the build. */
const STAMP = path.join(root, 'build', '.beacon-build-stamp');
const SOURCES = [
	'src',
	'static',
	'reports',
	'migrations',
	'data',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'package-lock.json',
	// npm rewrites this on every install, update or removal: the dependencies as installed.
	'node_modules/.package-lock.json'
];
// What Beacon writes into data/ as it runs is not a source of the build; nor is data/'s own time, which
// changes when the first start creates those (a file removed from a folder of data/ still counts).
const NOT_SOURCES = new Set(['data/pglite', 'data/tmp', 'data/secret', 'data/signing.pem'].map((p) => path.join(root, p)));
const OWN_TIME_IGNORED = new Set([path.join(root, 'data')]);

/** Why the app must be built, or null when the last build is current. */
export function buildReason() {
	if (!existsSync(path.join(root, 'build', 'index.js'))) return 'no build yet';
	const built = mtime(STAMP);
	if (built === 0) return 'no record of when the last build was made';
	const changed = SOURCES.find((s) => newest(path.join(root, s), NOT_SOURCES, OWN_TIME_IGNORED) > built);
	return changed ? `${changed} changed since the last build` : null;
}

function build(reason) {
	console.log(`Building the app (${reason}); this takes a minute or so…`);
	const started = new Date();
	const result = spawnSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('The build failed: see above.');
		process.exit(result.status ?? 1);
	}
	mkdirSync(path.dirname(STAMP), { recursive: true });
	closeSync(openSync(STAMP, 'w'));
	utimesSync(STAMP, started, started);
	console.log(`Built in ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const reason = buildReason();
	if (reason) build(reason);
	const entry = await ensureCliBuilt();
	const { runAsProcess } = await import(pathToFileURL(entry).href);
	await runAsProcess(['serve', ...process.argv.slice(2)]);
}
