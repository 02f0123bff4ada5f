import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newest } from '../../scripts/build-cli.mjs';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A tree whose every file and folder is dated `seconds` since the epoch. */
function tree(seconds: number) {
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-newest-'));
	const data = path.join(dir, 'data');
	mkdirSync(path.join(data, 'frameworks'), { recursive: true });
	writeFileSync(path.join(data, 'frameworks', 'dspt.json'), '{}');
	for (const p of [path.join(data, 'frameworks', 'dspt.json'), path.join(data, 'frameworks'), data]) utimesSync(p, seconds, seconds);
	return data;
}

describe('what npm start counts as newer than the build', () => {
	it('takes the newest file or folder time in a tree', () => {
		const data = tree(1_000);
		expect(newest(data)).toBe(1_000_000);
		utimesSync(path.join(data, 'frameworks', 'dspt.json'), 2_000, 2_000);
		expect(newest(data)).toBe(2_000_000);
	});

	it('leaves out what Beacon writes as it runs, and the folder time its writing changes', () => {
		const data = tree(1_000);
		const secret = path.join(data, 'secret');
		writeFileSync(secret, 'x'); // dated now, and so is data/ itself
		expect(newest(data)).toBeGreaterThan(1_000_000);
		expect(newest(data, new Set([secret]))).toBeGreaterThan(1_000_000);
		expect(newest(data, new Set([secret]), new Set([data]))).toBe(1_000_000);
		// A source changed below an ignored folder's own time still counts.
		utimesSync(path.join(data, 'frameworks'), 3_000, 3_000);
		expect(newest(data, new Set([secret]), new Set([data]))).toBe(3_000_000);
	});
});
