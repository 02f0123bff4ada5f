// A worker thread does not inherit the command line's TypeScript loader (tsx): register it here, then
// run the worker proper.
import { register } from 'tsx/esm/api';

register();
await import('./import-worker.ts');
