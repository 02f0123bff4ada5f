import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
const NDG = fileURLToPath(new URL('../../data/frameworks/dspt-ndg-2023-24.json', import.meta.url));

let env: { DATABASE_URL?: string; BEACON_DATA_DIR?: string };
let database: TestDatabase | undefined;
let dir: string;
beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-cli-framework-'));
	if (testBackend() === 'postgres') {
		database = await openTestDatabase();
		env = { DATABASE_URL: database.url };
	} else {
		env = { BEACON_DATA_DIR: path.join(dir, 'pglite') };
		const migrated = await runCli(['migrate'], env);
		if (migrated.code !== 0) throw new Error(migrated.stderr);
	}
}, 120_000);
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`beacon framework on ${testBackend()}`, () => {
	it('loads both shipped files, says when a file is already loaded, and lists them', async () => {
		const caf = await runCli(['framework', 'load', CAF, '--json'], env);
		expect(caf.code, caf.stderr).toBe(0);
		expect(JSON.parse(caf.stdout)).toMatchObject({ code: 'dspt-caf', edition: '2024-25', status: 'loaded', items: 70, counts: { outcome: 47 } });
		expect(caf.stderr).toMatch(/loaded dspt-caf 2024-25 .*: 5 objectives, 18 principles, 47 outcomes/);
		expect((await runCli(['framework', 'load', NDG], env)).code).toBe(0);

		const again = await runCli(['framework', 'load', CAF, '--json'], env);
		expect(again.code).toBe(0);
		expect(JSON.parse(again.stdout).status).toBe('unchanged');
		expect(again.stderr).toMatch(/already loaded with this content: nothing changed/);

		const list = await runCli(['framework', 'list', '--json'], env);
		expect(list.code, list.stderr).toBe(0);
		expect((JSON.parse(list.stdout) as { code: string; assessableItems: number }[]).map((f) => [f.code, f.assessableItems])).toEqual([
			['dspt-caf', 47],
			['dspt-ndg', 3]
		]);
	}, 120_000);

	it('exits 2 naming the file and path for a malformed file, and 1 on a usage error', async () => {
		const json = JSON.parse(readFileSync(CAF, 'utf8'));
		json.edition = '2025-26';
		json.outcomes[3].profile.level = 'mostly';
		const bad = path.join(dir, 'caf-2025-26.json');
		writeFileSync(bad, JSON.stringify(json));
		const rejected = await runCli(['framework', 'load', bad, '--json'], env);
		expect(rejected.code).toBe(2);
		expect(rejected.stdout).toBe('');
		expect(rejected.stderr).toMatch(/caf-2025-26\.json: outcomes\[3\]\.profile\.level: Invalid option/);
		// Usage errors are caught before the database is opened, so these can run side by side.
		const usage = await Promise.all(
			[
				['framework', 'load'],
				['framework', 'load', path.join(dir, 'missing.json')],
				['framework', 'list', '--bogus']
			].map((args) => runCli(args, env))
		);
		expect(usage.map((r) => r.code)).toEqual([1, 1, 1]);
		expect(usage[1]?.stderr).toMatch(/no such file/);
	}, 120_000);
});
