import { afterAll, beforeAll, inject } from 'vitest';
import { takeTurn } from './file-turns';

// Every end-to-end file runs this first (vite.config.ts: setupFiles): it waits for its turn on the shared
// server, and gives the turn up when its own tests and hooks are done. Waiting may last as long as the
// longest file ahead of it, under load.
let endTurn: (() => void) | undefined;
beforeAll(async () => {
	endTurn = await takeTurn(inject('e2eTurns'));
}, 1_800_000);
afterAll(() => endTurn?.());
