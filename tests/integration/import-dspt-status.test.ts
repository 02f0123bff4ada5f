import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { ForbiddenError } from '../../src/lib/server/errors';
import { importDsptStatus } from '../../src/lib/server/imports/dspt-status-import';
import { parseCsvRecords } from '../helpers/csv';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const SAMPLES = fileURLToPath(new URL('../../../shared/samples/public', import.meta.url));
const haveSamples = existsSync(SAMPLES);
if (!haveSamples) console.warn(`[beacon] real DSPT status samples not found at ${SAMPLES}: those tests are skipped`);

const SYSTEM = systemActor('test');
let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });
const sample = (name: string) => path.join(SAMPLES, name);
const write = (name: string, content: string | Buffer) => {
	const file = path.join(dir, name);
	writeFileSync(file, content);
	return file;
};

/** Status counts read straight from a sample, independently of the importer: "22/23 Standards Met" → n. */
function statusCounts(file: string): Record<string, number> {
	const rows = parseCsvRecords(readFileSync(file, 'utf8'));
	const counts: Record<string, number> = {};
	for (const r of rows) {
		const status = (r.Status ?? '').trim();
		if (status === '#N/A') continue;
		const label = status
			.replace(/^\d{2}\/\d{2}\s+/, '')
			.toLowerCase()
			.replaceAll(' ', '_');
		counts[label] = (counts[label] ?? 0) + 1;
	}
	return counts;
}

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-import-'));
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe.runIf(haveSamples)(`public DSPT status import of the real files on ${testBackend()}`, () => {
	it('loads the 2022-23 trusts and ICBs, in that order, with counts that match the files and every trust linked to its ICB', async () => {
		const trusts = await importDsptStatus(ctx(), { path: sample('dspt-trusts-2022-23.csv') });
		expect(trusts).toMatchObject({ rowsTotal: 211, rowsImported: 211, rowsRejected: 0, duplicateOf: null, errors: [] });
		const icbs = await importDsptStatus(ctx(), { path: sample('dspt-icbs-2022-23.csv') });
		expect(icbs).toMatchObject({ rowsImported: 42, errors: [] });
		const stored = await sql<{
			status: string;
			n: number;
		}>`select status, count(*)::int as n from public_status where edition = '22/23' group by status`.execute(database.db);
		const fromFiles = statusCounts(sample('dspt-trusts-2022-23.csv'));
		for (const [label, n] of Object.entries(statusCounts(sample('dspt-icbs-2022-23.csv')))) fromFiles[label] = (fromFiles[label] ?? 0) + n;
		expect(Object.fromEntries(stored.rows.map((r) => [r.status, r.n]))).toEqual(fromFiles);
		const orphans = await sql<{ n: number }>`select count(*)::int as n from organisation where kind = 'trust' and parent_id is null`.execute(database.db);
		expect(orphans.rows[0]?.n).toBe(0);
		const named = await sql<{ name: string }>`select name from organisation where ods_code = 'R0B'`.execute(database.db);
		expect(named.rows[0]?.name).toBe('SOUTH TYNESIDE AND SUNDERLAND NHS FOUNDATION TRUST');
	});

	it('reads the 2021-22 file with its byte order mark, skipping #N/A statuses', async () => {
		const report = await importDsptStatus(ctx(), { path: sample('dspt-trusts-2021-22-with-windows-estate.csv') });
		const expected = statusCounts(sample('dspt-trusts-2021-22-with-windows-estate.csv'));
		const total = Object.values(expected).reduce((a, b) => a + b, 0);
		expect(report).toMatchObject({ rowsTotal: 215, rowsImported: total, rowsSkipped: 215 - total, errors: [] });
		const stored = await sql<{ n: number }>`select count(*)::int as n from public_status where edition = '21/22'`.execute(database.db);
		expect(stored.rows[0]?.n).toBe(total);
	});

	it('changes nothing when the same file comes again, and says which import it repeats', async () => {
		const before = await checksumTables(database.db);
		const again = await importDsptStatus(ctx(), { path: sample('dspt-icbs-2022-23.csv') });
		expect(again.duplicateOf).toBeGreaterThan(0);
		expect(again.rowsImported).toBe(0);
		expect(await checksumTables(database.db)).toEqual(before);
	});
});

describe(`public DSPT status import of bad input on ${testBackend()}`, () => {
	const header = 'Code,Organisation Name,Status,Date Of Publication,Primary Sector\n';
	const cases: [string, string | Buffer, RegExp][] = [
		['empty.csv', '', /is empty/],
		['header-only.csv', header, /has a header but no rows/],
		['missing-column.csv', 'Code,Organisation Name\nRXX,Somewhere Trust\n', /required column missing: Status .*looked for "Status"/],
		['bad-date.csv', `${header}RXA,A Trust,22/23 Standards Met,31/02/2023,NHS Trust\n`, /dd\/mm\/yyyy and must exist/],
		['bad-status.csv', `${header}RXB,B Trust,22/23 Standards Smashed,01/02/2023,NHS Trust\n`, /not a DSPT status/],
		['bad-code.csv', `${header}${'R'.repeat(41)},C Trust,22/23 Standards Met,01/02/2023,NHS Trust\n`, /longer than 40 characters/],
		['no-code.csv', `${header},C Trust,22/23 Standards Met,01/02/2023,NHS Trust\n`, /has no code/],
		[
			'duplicate.csv',
			`${header}RXC,C Trust,22/23 Standards Met,01/02/2023,NHS Trust\nRXC,C Trust,22/23 Standards Met,01/02/2023,NHS Trust\n`,
			/already appears on row 2/
		],
		['no-edition.csv', `${header}RXD,D Trust,Not Published,,NHS Trust\n`, /no edition/],
		['binary.csv', Buffer.from([0x00, 0xff, 0x10, 0x80, 0x00, 0x0a, 0x01]), /not a text file/],
		['broken-quotes.csv', `${header}RXE,"E Trust,22/23 Standards Met,01/02/2023,NHS Trust\n`, /quotes do not match/]
	];
	for (const [name, content, message] of cases) {
		it(`rejects ${name} with a clear reason and writes nothing`, async () => {
			const before = await checksumTables(database.db);
			const report = await importDsptStatus(ctx(), { path: write(name, content) });
			expect(report.batchId).toBeNull();
			expect(report.errors.map((e) => e.message).join(' | ')).toMatch(message);
			expect(await checksumTables(database.db)).toEqual(before);
		});
	}

	it('names the row, column and value of every problem, all of them at once', async () => {
		const report = await importDsptStatus(ctx(), {
			path: write('two-problems.csv', `${header}RXF,F Trust,22/23 Standards Met,30/02/2023,NHS Trust\nRXG,G Trust,22/23 Maybe,01/01/2023,NHS Trust\n`)
		});
		expect(report.errors).toEqual([
			{ row: 2, column: 'Date Of Publication', value: '30/02/2023', message: 'a date is written dd/mm/yyyy and must exist' },
			{ row: 3, column: 'Status', value: '22/23 Maybe', message: expect.stringMatching(/not a DSPT status/) }
		]);
	});

	it('reads a Windows-1252 file (as Excel saves it) and a semicolon-separated one', async () => {
		const latin = Buffer.from(`Code;Organisation Name;Status\nRXH;Sainte-Th\xe9r\xe8se Trust;23/24 Standards Met\n`, 'latin1');
		const report = await importDsptStatus(ctx(), { path: write('cp1252.csv', latin) });
		expect(report).toMatchObject({ rowsImported: 1, errors: [] });
		const stored = await sql<{ organisation_name: string }>`select organisation_name from public_status where ods_code = 'RXH'`.execute(database.db);
		expect(stored.rows[0]?.organisation_name).toBe('Sainte-Thérèse Trust');
	});

	it('lets only an administrator load the national register', async () => {
		const lead = { kind: 'user' as const, userId: 1, email: 'l@x.nhs.uk', name: 'L', grants: [{ role: 'it_lead' as const, organisationId: 1, ods: 'X' }] };
		await expect(
			importDsptStatus({ db: database.db, actor: lead }, { path: write('ok.csv', `${header}RXJ,J Trust,22/23 Standards Met,01/02/2023,NHS Trust\n`) })
		).rejects.toBeInstanceOf(ForbiddenError);
	});
});
