import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliDatabase, type CliDatabase } from './helpers/cli-database';
import { testBackend } from './helpers/database';

let cli: CliDatabase;
beforeAll(async () => {
	cli = await openCliDatabase('org-freshness', 'demo');
}, 120_000);
afterAll(async () => {
	await cli?.close();
});

describe(`beacon org freshness on ${testBackend()}`, () => {
	it('prints how old each source is, sets a cadence, and refuses a cadence that is not a number of days', async () => {
		const before = await cli.run(['org', 'freshness', '--org', 'zb1', '--as-of', '2026-12-07', '--json']);
		expect(before.code, before.stderr).toBe(0);
		const devices = (out: string) => JSON.parse(out).sources.find((s: { source: string }) => s.source === 'devices');
		// The demo's last snapshot is 30 September 2026: 68 days before 7 December, past the default 35.
		expect(devices(before.stdout)).toMatchObject({ latestOn: '2026-09-30', ageDays: 68, cadenceDays: 35, stale: true });
		const text = await cli.run(['org', 'freshness', '--org', 'ZB1', '--as-of', '2026-12-07']);
		expect(text.stdout).toMatch(/Devices\s+2026-09-30 \(68 days\)\s+every 35 days\s+OUT OF DATE/);
		const set = await cli.run(['org', 'freshness', '--org', 'ZB1', '--as-of', '2026-12-07', '--devices', '90', '--json']);
		expect(devices(set.stdout)).toMatchObject({ cadenceDays: 90, stale: false });
		const back = await cli.run(['org', 'freshness', '--org', 'ZB1', '--as-of', '2026-12-07', '--devices', 'default', '--json']);
		expect(devices(back.stdout)).toMatchObject({ cadenceDays: 35, stale: true });
		expect((await cli.run(['org', 'freshness', '--org', 'ZB1', '--devices', 'weekly'])).code).toBe(1);
		expect((await cli.run(['org', 'freshness', '--org', 'ZB1', '--devices', '0'])).code).toBe(2);
		expect((await cli.run(['org', 'freshness', '--org', 'NOPE'])).code).toBe(2);
	});
});
