import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { getStatusDistribution } from '../../src/lib/server/benchmark/public-status';
import { NotFoundError } from '../../src/lib/server/errors';
import { importDsptStatus } from '../../src/lib/server/imports/dspt-status-import';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

/*
 * Fixtures in the public status export's real layouts (DOMAIN.md §4), with made-up organisations. Every count
 * expected below is worked out by hand from the rows written here.
 */

const SYSTEM = systemActor('test');
let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });

type Cell = string | Date | null;
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const ukDate = (date: Date) => `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;

function writeCsv(name: string, header: string[], rows: Cell[][]): string {
	const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
	const text = [header, ...rows.map((r) => r.map((c) => (c instanceof Date ? ukDate(c) : (c ?? ''))))].map((r) => r.map(quote).join(',')).join('\r\n');
	const file = path.join(dir, name);
	writeFileSync(file, `\ufeff${text}\r\n`);
	return file;
}

/** A workbook as Excel saves the export: dates are real date cells, not text. */
async function writeXlsx(name: string, header: string[], rows: Cell[][]): Promise<string> {
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('Sheet1');
	sheet.addRow(header);
	for (const r of rows) sheet.addRow(r.map((c) => c ?? null));
	sheet.getColumn(header.findIndex((h) => /date/i.test(h)) + 1).numFmt = 'dd/mm/yyyy';
	const file = path.join(dir, name);
	await book.xlsx.writeFile(file);
	return file;
}

const storedStatuses = async (edition: string) =>
	(
		await sql<{ ods_code: string; status: string; published_on: string | null; as_of: string }>`
			select ods_code, status, published_on, as_of from public_status where edition = ${edition} order by ods_code`.execute(database.db)
	).rows;

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-dspt-layouts-'));
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

// The June 2019 publication: 2018-19 statuses, "(19-20)" where an organisation already published the next edition.
const LAYOUT_2019 = ['OrganisationName', 'ODSCode', 'PublicationStatus', 'DateOfPublication', 'PrimarySector', 'CCG (from ODS and CQC)'];
const ROWS_2019: Cell[][] = [
	['Zeta Acute NHS Trust', 'ZX1', 'Standards Met', d('2019-03-29'), 'NHS Trust', 'NHS ZED CCG'],
	['Zeta Mental Health NHS Trust', 'ZX2', 'Standards Exceeded', d('2019-03-31'), 'NHS Trust', 'NHS ZED CCG'],
	['Zeta Community NHS Trust', 'ZX3', 'Standards not fully met (plan agreed)', d('2019-03-28'), 'NHS Trust', 'NHS ZED CCG'],
	['Zed Surgery', '12345', 'Entry Level', d('2019-02-14'), 'GP', 'NHS ZED CCG'],
	['Zed Care Home', 'ZX5-MASH', 'Standards Met (19-20)', d('2019-05-20'), 'Social Care', null],
	['Zed Pharmacy', 'fzx06closed', 'Standards Not Met', 'CompletedThroughQIO', 'Pharmacy', null],
	['Zed Dental Practice', 'ZX7', null, null, 'Dental', null],
	['Zeta Ambulance NHS Trust', 'ZX8', 'Entry Level (19-20)', d('2019-06-01'), 'NHS Trust', 'NHS ZED CCG']
];

describe(`the June 2019 status layout on ${testBackend()}`, () => {
	for (const format of ['xlsx', 'csv'] as const) {
		it(`reads the ${format.toUpperCase()} file: 2018-19 and the 19-20 suffixes, every code as published, words for a date kept as no date`, async () => {
			const file = format === 'xlsx' ? await writeXlsx('status-2019.xlsx', LAYOUT_2019, ROWS_2019) : writeCsv('status-2019.csv', LAYOUT_2019, ROWS_2019);
			const report = await importDsptStatus(ctx(), { path: file, skipInvalid: false });
			expect(report).toMatchObject({
				preset: 'dspt-status-2019',
				rowsTotal: 8,
				rowsImported: 7,
				rowsSkipped: 1, // ZX7's blank status
				rowsUndated: 1, // CompletedThroughQIO
				rowsRejected: 0,
				errors: [],
				editions: ['18/19', '19/20'],
				asOf: '2019-06-01'
			});
			// Only NHS bodies in the registry's own code pattern join it: the four trusts (first file only).
			expect(report.organisationsAdded).toBe(format === 'xlsx' ? 4 : 0);
			expect(await storedStatuses('18/19')).toEqual([
				{ ods_code: '12345', status: 'entry_level', published_on: '2019-02-14', as_of: '2019-06-01' },
				{ ods_code: 'FZX06CLOSED', status: 'standards_not_met', published_on: null, as_of: '2019-06-01' },
				{ ods_code: 'ZX1', status: 'standards_met', published_on: '2019-03-29', as_of: '2019-06-01' },
				{ ods_code: 'ZX2', status: 'standards_exceeded', published_on: '2019-03-31', as_of: '2019-06-01' },
				{ ods_code: 'ZX3', status: 'plan_agreed', published_on: '2019-03-28', as_of: '2019-06-01' }
			]);
			expect((await storedStatuses('19/20')).map((r) => [r.ods_code, r.status])).toEqual([
				['ZX5-MASH', 'standards_met'],
				['ZX8', 'entry_level']
			]);
			expect(await getStatusDistribution(ctx(), { edition: '18/19' })).toMatchObject({
				total: 5,
				statuses: { 'Standards Exceeded': 1, 'Standards Met': 1, 'Approaching Standards': 1, 'Standards Not Met': 2, 'Not Published': 0 }
			});
			await sql`delete from public_status`.execute(database.db);
		});
	}

	it('refuses an --edition the "(19-20)" suffixes contradict, and writes nothing', async () => {
		// One more row than the file above, so it is not that same file again.
		const file = writeCsv('status-2019-contradicted.csv', LAYOUT_2019, [
			...ROWS_2019,
			['Zed Opticians', 'ZX9', 'Standards Met', d('2019-04-01'), 'Optician', null]
		]);
		const before = await checksumTables(database.db);
		const report = await importDsptStatus(ctx(), { path: file, edition: '19/20' });
		expect(report.batchId).toBeNull();
		expect(report.errors).toEqual([
			expect.objectContaining({ row: null, value: '19/20', message: expect.stringMatching(/contradicts the file.*next edition, 19\/20.*\(18\/19\)/) })
		]);
		expect(await checksumTables(database.db)).toEqual(before);
		expect(await importDsptStatus(ctx(), { path: file, edition: '18/19' })).toMatchObject({ rowsImported: 8, editions: ['18/19', '19/20'] });
		await sql`delete from public_status`.execute(database.db);
	});
});

// A national export of 2022 onward: one file, several editions, odd codes, a Not Published and a #N/A.
const LAYOUT_2022 = ['Code', 'Organisation Name', 'Status', 'Date Of Publication', 'Primary Sector', 'Commissioner (From ODS)'];
const ROWS_2022: Cell[][] = [
	['ZY1', 'Ypsilon Acute NHS Trust', '22/23 Standards Met', d('2023-06-30'), 'NHS Trust', 'NHS YPSILON ICB'],
	['ZY2', 'Ypsilon Partnership NHS Trust (ZY2)', '22/23 Approaching Standards', d('2023-06-29'), 'NHS Trust', 'NHS YPSILON ICB'],
	['ZY3', 'YPSILON INTEGRATED CARE BOARD', '22/23 Standards Exceeded', d('2023-06-28'), 'CCG / Integrated Care Board (ICB)', null],
	['8KL07-MASH', 'Ypsilon Safeguarding Hub', '21/22 Standards Met', d('2022-06-30'), 'Local Authority', null],
	['54321', 'Ypsilon Practice', '23/24 Standards Not Met', d('2024-06-30'), 'GP', 'NHS YPSILON ICB'],
	[' y9z8closed ', 'Ypsilon Opticians', '22/23 Standards Met', d('2023-05-01'), 'Optician', null],
	['ZY7', 'Ypsilon Hospice', 'Not Published', null, 'Hospice', null],
	['ZY8', 'Ypsilon Dental', '#N/A', null, 'Dental', null]
];

describe(`the 2022 onward status layout, a national export of several editions, on ${testBackend()}`, () => {
	it('refuses to guess the edition of "Not Published" when the file names several', async () => {
		const report = await importDsptStatus(ctx(), { path: writeCsv('national-no-edition.csv', LAYOUT_2022, ROWS_2022) });
		expect(report.batchId).toBeNull();
		expect(report.errors).toEqual([
			{
				row: 8,
				column: 'Status',
				value: 'Not Published',
				message: expect.stringMatching(/^no edition: 1 row\(s\).*21\/22 \(1 rows\), 22\/23 \(4 rows\), 23\/24 \(1 rows\).*--edition/)
			}
		]);
	});

	it('refuses an --edition that none of the statuses name, rather than filing the lone Not Published under it', async () => {
		const report = await importDsptStatus(ctx(), { path: writeCsv('national-contradicted.csv', LAYOUT_2022, ROWS_2022), edition: '20/21' });
		expect(report.batchId).toBeNull();
		expect(report.errors[0]?.message).toMatch(
			/^--edition 20\/21 contradicts the file: its statuses name 21\/22 \(1 rows\), 22\/23 \(4 rows\), 23\/24 \(1 rows\)/
		);
	});

	it('reads the XLSX with date cells: every row kept, codes trimmed and case-folded, Not Published under the edition given', async () => {
		const report = await importDsptStatus(ctx(), { path: await writeXlsx('national.xlsx', LAYOUT_2022, ROWS_2022), edition: '22/23' });
		expect(report).toMatchObject({ preset: 'dspt-status-2022', rowsTotal: 8, rowsImported: 7, rowsSkipped: 1, errors: [], asOf: '2024-06-30' });
		expect(report.editions).toEqual(['21/22', '22/23', '23/24']);
		expect(report.organisationsAdded).toBe(3); // ZY1, ZY2 (trusts), ZY3 (ICB)
		expect((await storedStatuses('22/23')).map((r) => [r.ods_code, r.status, r.published_on])).toEqual([
			['Y9Z8CLOSED', 'standards_met', '2023-05-01'],
			['ZY1', 'standards_met', '2023-06-30'],
			['ZY2', 'approaching_standards', '2023-06-29'],
			['ZY3', 'standards_exceeded', '2023-06-28'],
			['ZY7', 'not_published', null]
		]);
		expect(await getStatusDistribution(ctx(), { edition: '22/23' })).toMatchObject({
			total: 5,
			statuses: { 'Standards Exceeded': 1, 'Standards Met': 2, 'Approaching Standards': 1, 'Standards Not Met': 0, 'Not Published': 1 }
		});
		expect((await getStatusDistribution(ctx(), { edition: '21/22' })).total).toBe(1);
		expect((await getStatusDistribution(ctx(), { edition: '23/24' })).statuses['Standards Not Met']).toBe(1);
		const name = await sql<{ name: string }>`select name from organisation where ods_code = 'ZY2'`.execute(database.db);
		expect(name.rows[0]?.name).toBe('Ypsilon Partnership NHS Trust');
		await sql`delete from public_status`.execute(database.db);
	});

	it('maps other headers with --map, and with --skip-invalid keeps the good rows and the rejected ones on the batch', async () => {
		const header = ['Org code', 'Org', 'Published status', 'Published'];
		const rows: Cell[][] = [
			['ZW1', 'W One NHS Trust', '23/24 Standards Met', '30/06/2024'],
			['ZW2', 'W Two NHS Trust', '23/24 Standards Smashed', '30/06/2024'],
			['ZW3', 'W Three NHS Trust', '23/24 Standards Exceeded', '31/06/2024']
		];
		const file = writeCsv('mapped.csv', header, rows);
		const map = { 'Org code': 'ods', Org: 'name', 'Published status': 'status', Published: 'publishedOn' };
		const strict = await importDsptStatus(ctx(), { path: file, map });
		expect(strict.batchId).toBeNull();
		expect(strict.errors.map((e) => [e.row, e.column])).toEqual([
			[3, 'Published status'],
			[4, 'Published']
		]);
		const lenient = await importDsptStatus(ctx(), { path: file, map, skipInvalid: true });
		expect(lenient).toMatchObject({ preset: null, rowsTotal: 3, rowsImported: 1, rowsRejected: 2, asOf: '2024-06-30' });
		const batch = await sql<{ rows_rejected: number; errors: { row: number }[] }>`
			select rows_rejected, errors from import_batch where id = ${lenient.batchId}`.execute(database.db);
		expect(batch.rows[0]?.rows_rejected).toBe(2);
		expect(batch.rows[0]?.errors.map((e) => e.row)).toEqual([3, 4]);
		await sql`delete from public_status`.execute(database.db);
	});
});

// Two snapshots of one edition, a month apart; six trusts changed status between them.
const SNAPSHOT_HEADER = ['Code', 'Organisation Name', 'Status', 'Date Of Publication', 'Primary Sector'];
const OCTOBER = [
	'Standards Met',
	'Standards Met',
	'Approaching Standards',
	'Approaching Standards',
	'Standards Not Met',
	'Standards Not Met',
	'Standards Exceeded',
	'Standards Met'
];
const NOVEMBER = [
	'Standards Met',
	'Standards Exceeded',
	'Standards Met',
	'Standards Met',
	'Approaching Standards',
	'Standards Met',
	'Standards Met',
	'Standards Met'
];
const snapshot = (name: string, edition: string, statuses: string[]) =>
	writeCsv(
		name,
		SNAPSHOT_HEADER,
		statuses.map((s, i) => [`ZS${i + 1}`, `Sigma ${i + 1} NHS Trust`, `${edition} ${s}`, '30/06/2023', 'NHS Trust'])
	);

describe(`public status snapshots on ${testBackend()}`, () => {
	it('reports what changed against the previous snapshot', async () => {
		await importDsptStatus(ctx(), { path: snapshot('oct-2223.csv', '22/23', OCTOBER), asOf: '2023-10-17' });
		const november = await importDsptStatus(ctx(), { path: snapshot('nov-2223.csv', '22/23', NOVEMBER), asOf: '2023-11-16' });
		expect(november.changes.count).toBe(6);
		expect(november.changes.listed.map((c) => `${c.ods} ${c.from}→${c.to} since ${c.since}`)).toEqual([
			'ZS2 standards_met→standards_exceeded since 2023-10-17',
			'ZS3 approaching_standards→standards_met since 2023-10-17',
			'ZS4 approaching_standards→standards_met since 2023-10-17',
			'ZS5 standards_not_met→approaching_standards since 2023-10-17',
			'ZS6 standards_not_met→standards_met since 2023-10-17',
			'ZS7 standards_exceeded→standards_met since 2023-10-17'
		]);
		expect(november.newerSnapshot).toBeNull();
	});

	it('never lets an older snapshot imported later roll statuses back: figures read the latest snapshot on or before the date', async () => {
		const november = await importDsptStatus(ctx(), { path: snapshot('nov-2122.csv', '21/22', NOVEMBER), asOf: '2023-11-16' });
		expect(november.changes.count).toBe(0);
		const october = await importDsptStatus(ctx(), { path: snapshot('oct-2122.csv', '21/22', OCTOBER), asOf: '2023-10-17' });
		expect(october).toMatchObject({ rowsImported: 8, newerSnapshot: '2023-11-16', changes: { count: 0 } });
		const novemberCounts = { 'Standards Exceeded': 1, 'Standards Met': 6, 'Approaching Standards': 1, 'Standards Not Met': 0, 'Not Published': 0 };
		expect((await getStatusDistribution(ctx(), { edition: '21/22' })).statuses).toEqual(novemberCounts);
		expect((await getStatusDistribution(ctx(), { edition: '21/22', asOf: '2023-11-16' })).statuses).toEqual(novemberCounts);
		expect((await getStatusDistribution(ctx(), { edition: '21/22', asOf: '2023-10-31' })).statuses).toEqual({
			'Standards Exceeded': 1,
			'Standards Met': 3,
			'Approaching Standards': 2,
			'Standards Not Met': 2,
			'Not Published': 0
		});
		await expect(getStatusDistribution(ctx(), { edition: '21/22', asOf: '2023-10-16' })).rejects.toBeInstanceOf(NotFoundError);
	});

	it('refuses a second snapshot whose date was only inferred and clashes with one held, until --as-of says when it was taken', async () => {
		const first = await importDsptStatus(ctx(), { path: snapshot('undated-a.csv', '20/21', OCTOBER) });
		expect(first.asOf).toBe('2023-06-30'); // the latest publication date in the file
		const before = await checksumTables(database.db);
		const second = await importDsptStatus(ctx(), { path: snapshot('undated-b.csv', '20/21', NOVEMBER) });
		expect(second.batchId).toBeNull();
		expect(second.errors[0]?.message).toMatch(/8 of these statuses are already held for a snapshot dated 2023-06-30.*undated-a\.csv.*--as-of/);
		expect(await checksumTables(database.db)).toEqual(before);
		expect(await importDsptStatus(ctx(), { path: snapshot('undated-b.csv', '20/21', NOVEMBER), asOf: '2023-11-16' })).toMatchObject({
			rowsImported: 8,
			changes: { count: 6 }
		});
	});
});
