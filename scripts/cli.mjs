/**
 * `npm run cli`: the command line, run from its bundle (built by build-cli.mjs when the sources are newer),
 * so it starts in about half a second instead of compiling its TypeScript on every run.
 */
import { pathToFileURL } from 'node:url';
import { ensureCliBuilt } from './build-cli.mjs';

const entry = await ensureCliBuilt();
const { runAsProcess } = await import(pathToFileURL(entry).href);
await runAsProcess();
