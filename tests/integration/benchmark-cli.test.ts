import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { importDsptStatus } from '../../src/lib/server/imports/dspt-status-import';
import { openCliDatabase, type CliDatabase } from './helpers/cli-database';
import { testBackend } from './helpers/database';
import { countRows, haveSamples, SAMPLE_FILES, SAMPLES, sampleRows, samplePath } from './helpers/public-status-counts';

if (!haveSamples) console.warn(`[beacon] real DSPT status samples not found at ${SAMPLES}: the benchmark command tests are skipped`);

// The real exports go in through the importer; the CLI then reads them from the same database.
let cli: CliDatabase;
beforeAll(async () => {
	cli = await openCliDatabase('beacon-benchmark-cli-');
	if (haveSamples) {
		for (const file of [SAMPLE_FILES.trusts2223, SAMPLE_FILES.icbs2223])
			await importDsptStatus({ db: cli.db, actor: systemActor('test') }, { path: samplePath(file) });
	}
});
afterAll(async () => {
	await cli?.close();
});

describe.skipIf(!haveSamples)(`beacon benchmark on ${testBackend()}`, () => {
	it('prints the documented JSON nationally and for an ICB, matching the files', async () => {
		const rows = [...sampleRows(SAMPLE_FILES.trusts2223), ...sampleRows(SAMPLE_FILES.icbs2223)];
		const national = await cli.run(['benchmark', '--edition', '22/23', '--json']);
		expect(national.code, national.stderr).toBe(0);
		expect(JSON.parse(national.stdout)).toEqual({ edition: '22/23', scope: 'national', ...countRows(rows) });

		const icb = await cli.run(['benchmark', '--edition', '22/23', '--icb', 'qop', '--sector', 'NHS Trust', '--json']);
		expect(icb.code, icb.stderr).toBe(0);
		const expected = countRows(rows, (r) => r['High Level Health Geography'] === 'QOP' && r['Primary Sector'] === 'NHS Trust');
		expect(expected.total).toBeGreaterThan(5);
		expect(JSON.parse(icb.stdout)).toEqual({ edition: '22/23', scope: 'ICB QOP, sector NHS Trust', ...expected });
	});

	it('exits 2 for an edition not imported and 1 for one that is not an edition', async () => {
		const unknown = await cli.run(['benchmark', '--edition', '19/20', '--json']);
		expect(unknown.code).toBe(2);
		expect(unknown.stdout).toBe('');
		expect(unknown.stderr).toContain('no public DSPT statuses for edition 19/20 have been imported (editions held: 22/23)');
		const malformed = await cli.run(['benchmark', '--edition', '2022']);
		expect(malformed.code).toBe(1);
		expect(malformed.stderr).toContain('--edition is written like 22/23');
	});

	it('reads the snapshots held on or before --as-of', async () => {
		const before = await cli.run(['benchmark', '--edition', '22/23', '--as-of', '2020-01-01', '--json']);
		expect(before.code).toBe(2);
		expect(before.stderr).toContain('no public DSPT statuses for edition 22/23 have been imported as of 2020-01-01');
		expect((await cli.run(['benchmark', '--edition', '22/23', '--as-of', '31/12/2023'])).code).toBe(1);
	});

	it('refuses an import whose --edition the file contradicts: exit 2, saying why, nothing written', async () => {
		const result = await cli.run(['import', 'dspt-status', samplePath(SAMPLE_FILES.trusts2122), '--edition', '20/21', '--json']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/--edition 20\/21 contradicts the file: its statuses name 21\/22/);
		expect(JSON.parse(result.stdout)).toMatchObject({ batchId: null, rowsImported: 0 });
		const held = await cli.run(['benchmark', '--edition', '21/22']);
		expect(held.code).toBe(2);
	});
});
