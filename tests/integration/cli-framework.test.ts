import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliDatabase, type CliDatabase } from './helpers/cli-database';
import { testBackend } from './helpers/database';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
const NDG = fileURLToPath(new URL('../../data/frameworks/dspt-ndg-2023-24.json', import.meta.url));

let cli: CliDatabase;
let dir: string;
beforeAll(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-cli-framework-'));
	cli = await openCliDatabase('beacon-cli-framework-db-');
}, 120_000);
afterAll(async () => {
	await cli?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`beacon framework on ${testBackend()}`, () => {
	it('loads both shipped files, says when a file is already loaded, and lists them', async () => {
		const caf = await cli.run(['framework', 'load', CAF, '--json']);
		expect(caf.code, caf.stderr).toBe(0);
		expect(JSON.parse(caf.stdout)).toMatchObject({ code: 'dspt-caf', edition: '2024-25', status: 'loaded', items: 70, counts: { outcome: 47 } });
		expect(caf.stderr).toMatch(/loaded dspt-caf 2024-25 .*: 5 objectives, 18 principles, 47 outcomes/);
		expect((await cli.run(['framework', 'load', NDG])).code).toBe(0);

		const again = await cli.run(['framework', 'load', CAF, '--json']);
		expect(again.code).toBe(0);
		expect(JSON.parse(again.stdout).status).toBe('unchanged');
		expect(again.stderr).toMatch(/already loaded with this content: nothing changed/);

		const list = await cli.run(['framework', 'list', '--json']);
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
		const rejected = await cli.run(['framework', 'load', bad, '--json']);
		expect(rejected.code).toBe(2);
		expect(rejected.stdout).toBe('');
		expect(rejected.stderr).toMatch(/caf-2025-26\.json: outcomes\[3\]\.profile\.level: Invalid option/);
		// Usage errors are caught before the database is opened, so these can run side by side.
		const usage = await Promise.all(
			[
				['framework', 'load'],
				['framework', 'load', path.join(dir, 'missing.json')],
				['framework', 'list', '--bogus']
			].map((args) => cli.run(args))
		);
		expect(usage.map((r) => r.code)).toEqual([1, 1, 1]);
		expect(usage[1]?.stderr).toMatch(/no such file/);
	}, 120_000);
});
