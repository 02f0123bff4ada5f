import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliDatabase, type CliDatabase } from './helpers/cli-database';
import { testBackend } from './helpers/database';

// The services are tested in scorecard-all.test.ts; this checks the commands' wiring with few CLI starts.
let cli: CliDatabase;
beforeAll(async () => {
	cli = await openCliDatabase('beacon-scorecard-all-cli-');
});
afterAll(async () => {
	await cli?.close();
});

describe(`beacon seed national and scorecard --all on ${testBackend()}`, () => {
	it('seeds a small national instance and summarises every scorecard', async () => {
		const seed = await cli.run(['seed', 'national', '--orgs', '3', '--scale', '0.01', '--json']);
		expect(seed.code, seed.stderr).toBe(0);
		expect(JSON.parse(seed.stdout)).toMatchObject({ created: true, organisations: 3, deviceSnapshots: 3, assessments: 3 });

		const all = await cli.run(['scorecard', '--all', '--edition', '2024-25', '--as-of', '2025-03-31', '--json']);
		expect(all.code, all.stderr).toBe(0);
		const summary = JSON.parse(all.stdout) as {
			edition: string;
			asOf: string;
			organisations: { org: string; status: string; outcomes: number; meetingProfile: number }[];
		};
		expect(summary).toMatchObject({ edition: '2024-25', asOf: '2025-03-31' });
		expect(summary.organisations.map((o) => o.org)).toEqual(['ZNQ01', 'ZNR001', 'ZNR002']);
		for (const o of summary.organisations) {
			expect(o.outcomes).toBe(47);
			expect(o.status).toMatch(/^Standards (Exceeded|Met|Not Met)$|^Approaching Standards$/);
		}
	}, 60_000);

	it('refuses --all with --org, and --scale with seed demo', async () => {
		const both = await cli.run(['scorecard', '--all', '--org', 'ZNQ01', '--edition', '2024-25']);
		expect(both.code).toBe(1);
		const scaled = await cli.run(['seed', 'demo', '--scale', '0.5']);
		expect(scaled.code).toBe(1);
		expect(scaled.stderr).toMatch(/--orgs and --scale are for seed national/);
	}, 60_000);
});
