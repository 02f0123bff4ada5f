import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { importFile, type ImportReport } from '../../src/lib/server/imports/import-file';
import { rejectedRowsCsv } from '../../src/lib/server/imports/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { INTUNE_COLUMNS, intuneRow } from '../fixtures/intune-export';
import { parseCsvRecords } from '../helpers/csv';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

// A corpus of broken and awkward device exports. Every rejection must say where and why, and leave the
// database exactly as it was; every awkward-but-valid file must import with its text intact.

type Column = (typeof INTUNE_COLUMNS)[number];
type Changes = Partial<Record<Column, string>>;

const ODS = 'RMF';
const SYSTEM = systemActor('test');
let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });

beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(ctx(), { ods: ODS, name: 'Malformed Files Trust', kind: 'trust' });
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-malformed-'));
});
afterAll(async () => {
	await database?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Cells of one CSV line, quoted where the delimiter, a quote or a line break needs it. */
function line(cells: readonly string[], delimiter = ','): string {
	return cells.map((c) => (c.includes(delimiter) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter);
}

/** Intune device i (file row i + 2: the header is row 1), with some cells changed. */
function device(i: number, changes: Changes = {}): string[] {
	const row = intuneRow(i);
	for (const [column, value] of Object.entries(changes)) row[INTUNE_COLUMNS.indexOf(column as Column)] = value as string;
	return row;
}

/** An Intune export of `rows` devices; `changes` are keyed by file row number (2 = first device). */
function intuneCsv(rows: number, changes: Record<number, Changes> = {}, options: { delimiter?: string; eol?: string; bom?: boolean } = {}): string {
	const { delimiter = ',', eol = '\r\n', bom = false } = options;
	const lines = [line(INTUNE_COLUMNS, delimiter)];
	for (let i = 0; i < rows; i++) lines.push(line(device(i, changes[i + 2]), delimiter));
	return (bom ? '\uFEFF' : '') + lines.join(eol) + eol;
}

let fileNumber = 0;
function write(content: string | Buffer, name = `file-${++fileNumber}.csv`): string {
	const file = path.join(dir, name);
	writeFileSync(file, content);
	return file;
}

const importDevices = (file: string, options: { skipInvalid?: boolean } = {}) => importFile(ctx(), { kind: 'devices', ods: ODS, path: file, ...options });

/** Import, expecting a rejection that changes nothing; returns the report for further checks. */
async function expectRejected(content: string | Buffer): Promise<ImportReport> {
	const before = await checksumTables(database.db);
	const report = await importDevices(write(content));
	expect(report.batchId).toBeNull();
	expect(report.duplicateOf).toBeNull();
	expect(report.rowsImported).toBe(0);
	expect(report.errors.length).toBeGreaterThan(0);
	expect(await checksumTables(database.db)).toEqual(before);
	return report;
}

async function storedDevices(report: ImportReport) {
	const snapshotId = Number(report.details.snapshotId);
	const rows = await sql<{ model: string | null; manufacturer: string | null }>`
		select model, manufacturer from device where snapshot_id = ${snapshotId} order by model`.execute(database.db);
	return rows.rows;
}

/** Deterministic "random" bytes, so a failure reproduces. */
function noise(length: number, seed: number): Buffer {
	const bytes = Buffer.alloc(length);
	for (let i = 0, x = seed; i < length; i++) bytes[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
	return bytes;
}

const HEADER = `${line(INTUNE_COLUMNS)}\r\n`;
const required = (column: string) => ({ row: 1, column, message: expect.stringMatching(new RegExp(`required column missing: ${column}`)) });

describe(`device import of malformed files on ${testBackend()}`, () => {
	const withoutCheckIn = [...INTUNE_COLUMNS].filter((c) => c !== 'Last check-in');
	const cases: [string, () => string | Buffer, Record<string, unknown>][] = [
		['an empty file (0 bytes)', () => '', { row: null, message: expect.stringMatching(/is empty: it has no header row/) }],
		['a file with only the header', () => HEADER, { row: null, message: expect.stringMatching(/has a header but no rows/) }],
		['an unrelated CSV (wrong headers)', () => 'Name,Age,City\r\nBob,42,Leeds\r\n', required('Device ID')],
		[
			'an Intune export without "Last check-in"',
			() => [line(withoutCheckIn), line(device(1).filter((_, i) => INTUNE_COLUMNS[i] !== 'Last check-in'))].join('\r\n'),
			required('Last check-in')
		],
		[
			'the date 31/02/2025 (no such day)',
			() => intuneCsv(3, { 3: { 'Last check-in': '31/02/2025' } }),
			{ row: 3, column: 'Last check-in', value: '31/02/2025', message: expect.stringMatching(/must exist/) }
		],
		[
			'the date 2025-13-01 (no month 13)',
			() => intuneCsv(3, { 4: { 'Last check-in': '2025-13-01' } }),
			{ row: 4, column: 'Last check-in', value: '2025-13-01', message: expect.stringMatching(/must exist/) }
		],
		[
			'binary data with NUL bytes',
			() => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), noise(4096, 7)]),
			{ row: null, message: expect.stringMatching(/not a text file/) }
		],
		// Refused once the line passes 1 MiB, before the parser holds it (it was read whole as 100,000 columns).
		[
			'a 10 MB single line without a line break',
			() => `${'x'.repeat(99)},`.repeat(100_000),
			{ row: null, message: expect.stringMatching(/^[^ ]+ cannot be read as CSV: line 1 is longer than 1,048,576 characters/) }
		],
		// Past a bound partway through the rows: the whole file is refused, and nothing of its first rows stays.
		[
			'a 2 MB line after the first rows',
			() => `${HEADER}${line(device(1))}\r\n${'x'.repeat(2 * 1024 * 1024)}\r\n${line(device(2))}\r\n`,
			{ row: null, message: expect.stringMatching(/^[^ ]+ cannot be read as CSV: line 3 is longer than 1,048,576 characters/) }
		],
		[
			'a row of 2,001 columns after the first rows',
			() => `${HEADER}${line(device(1))}\r\n${Array.from({ length: 2_001 }, () => 'x').join(',')}\r\n`,
			{ row: null, message: expect.stringMatching(/^[^ ]+ cannot be read as CSV: row 3 has 2,001 columns, more than the 2,000 Beacon reads$/) }
		],
		[
			'UTF-8 "é" and a lone Windows-1252 0xE9 byte in one file',
			() =>
				Buffer.concat([
					Buffer.from(intuneCsv(2, { 2: { Model: 'Café phone' } }), 'utf8'),
					Buffer.from(`${line(device(9, { Model: 'Caf\xe9 phone' }))}\r\n`, 'latin1')
				]),
			{ row: null, message: expect.stringMatching(/mixes two text encodings/) }
		],
		[
			'an unbalanced quote on row 3',
			() => intuneCsv(4).replace('iPad (9th generation)', '"iPad (9th generation)'),
			{ row: 3, column: null, message: expect.stringMatching(/quotes do not match/) }
		],
		[
			'a row with a field too many',
			() => `${HEADER}${line(device(1))},extra\r\n`,
			{ row: 2, message: expect.stringMatching(/49 fields but the header has 48/) }
		]
	];
	for (const [name, content, problem] of cases) {
		it(`rejects ${name}, says where and why, and writes nothing`, async () => {
			const report = await expectRejected(content());
			expect(report.errors).toContainEqual(expect.objectContaining(problem));
		});
	}

	it('names the row of a bad date after quoted fields with line breaks in them (records, not lines, are counted)', async () => {
		const report = await expectRejected(
			intuneCsv(8, { 2: { Model: 'two\r\nlines' }, 4: { Model: 'three\nshort\nlines' }, 7: { 'Last check-in': '2025-13-01' } })
		);
		expect(report.rowsTotal).toBe(8);
		expect(report.errors).toEqual([expect.objectContaining({ row: 7, column: 'Last check-in', value: '2025-13-01' })]);
	});

	// An unclosed quote once swallowed the rest of the file into one field, so later rows went unread and
	// their problems unreported; now it costs its own row and reading goes on from the next line.
	it('reads on after an unbalanced quote, reporting later problems too', async () => {
		const content = intuneCsv(6, { 7: { 'Last check-in': '2025-13-01' } }).replace('Latitude 5440', '"Latitude 5440');
		const report = await expectRejected(content);
		expect(report.rowsTotal).toBe(6);
		expect(report.errors.map((e) => e.row)).toEqual([5, 7]);
		expect(report.errors[0]).toMatchObject({ column: null, message: expect.stringMatching(/unclosed quote.*went on from the next line/) });
	});

	it('reads on after a stray quote that the opening quote of a later quoted field would close', async () => {
		const content = intuneCsv(6, { 6: { Model: 'Café, phone' }, 7: { 'Last check-in': '2025-13-01' } }).replace(
			'iPad (9th generation)',
			'"iPad (9th generation)'
		);
		const report = await expectRejected(content);
		expect(report.rowsTotal).toBe(6);
		expect(report.errors.map((e) => [e.row, e.column])).toEqual([
			[3, null],
			[7, 'Last check-in']
		]);
	});

	it('lists the first 1,000 of 1,200 bad rows and counts the rest', async () => {
		const changes = Object.fromEntries(Array.from({ length: 1_200 }, (_, i) => [i + 2, { 'Last check-in': 'yesterday' }]));
		const report = await expectRejected(intuneCsv(1_200, changes));
		expect(report).toMatchObject({ rowsTotal: 1_200, rowsRejected: 1_200 });
		expect(report.errors).toHaveLength(1_000);
		expect(report.errorsNotListed).toBe(200);
		expect(report.errors[999]).toMatchObject({ row: 1_001, column: 'Last check-in', value: 'yesterday' });
	});

	it('withholds the device ID from problems, whether the ID itself or another cell of its row is wrong', async () => {
		const longId = `SECRET-${'7'.repeat(200)}`;
		const report = await expectRejected(intuneCsv(3, { 2: { 'Device ID': longId }, 3: { 'Last check-in': 'soon' } }));
		expect(report.errors[0]).toMatchObject({ row: 2, column: 'Device ID', message: 'longer than 200 characters' });
		expect(report.errors[0]?.value).not.toContain('SECRET');
		expect(JSON.stringify(report)).not.toContain('SECRET');
		expect(JSON.stringify(report)).not.toContain(device(1)[0]);
	});
});

describe(`device import of awkward but valid files on ${testBackend()}`, () => {
	it('imports a Windows-1252 file (Excel\'s "CSV"), converting é, £ and ’', async () => {
		const text = intuneCsv(3, { 3: { Model: 'Café phone', Manufacturer: 'Smith’s £5 Phones' } });
		const bytes = Buffer.from(text.replace(/’/g, '\x92'), 'latin1');
		const report = await importDevices(write(bytes));
		expect(report).toMatchObject({ rowsImported: 3, errors: [] });
		expect(await storedDevices(report)).toContainEqual({ model: 'Café phone', manufacturer: 'Smith’s £5 Phones' });
	});

	const variants: [string, string][] = [
		['UTF-8 with a byte order mark', intuneCsv(5, { 4: { Model: 'Café phone' } }, { bom: true })],
		['semicolon-delimited', intuneCsv(5, { 4: { Model: 'Café phone' } }, { delimiter: ';' })],
		['tab-delimited with LF line ends', intuneCsv(5, { 4: { Model: 'Café phone' } }, { delimiter: '\t', eol: '\n' })],
		['quoted fields with line breaks and delimiters', intuneCsv(5, { 2: { Model: 'Café\r\nphone, "new"' }, 4: { Model: 'Café phone' } })]
	];
	for (const [name, content] of variants) {
		it(`imports a ${name} file`, async () => {
			const report = await importDevices(write(content));
			expect(report).toMatchObject({ rowsTotal: 5, rowsImported: 5, rowsRejected: 0, errors: [] });
			const models = (await storedDevices(report)).map((d) => d.model);
			expect(models).toContain('Café phone');
			if (name.startsWith('quoted')) expect(models).toContain('Café\r\nphone, "new"');
		});
	}

	it('changes nothing when the same file comes again, and names the earlier import', async () => {
		const file = write(intuneCsv(4, { 2: { Model: 'Twice' } }));
		const first = await importDevices(file);
		expect(first.batchId).toBeGreaterThan(0);
		const before = await checksumTables(database.db);
		const again = await importDevices(write(intuneCsv(4, { 2: { Model: 'Twice' } }), 'renamed-copy.csv'));
		expect(again).toMatchObject({ batchId: null, duplicateOf: first.batchId, rowsImported: 0 });
		expect(await checksumTables(database.db)).toEqual(before);
	});

	it('stores formula-like text as written, but neutralises it in the rejected-rows CSV', async () => {
		const formulas = {
			2: { Model: '=HYPERLINK("x")', Manufacturer: '+44 Phones', 'Managed by': '@Intune' },
			3: { 'Last check-in': '=1+1' },
			4: { Compliance: '+SUM(A1)' },
			5: { Ownership: '-cmd|calc' },
			6: { Jailbroken: '@SUM(1)' }
		};
		const report = await importDevices(write(intuneCsv(6, formulas)), { skipInvalid: true });
		expect(report).toMatchObject({ rowsImported: 2, rowsRejected: 4 });
		expect(await storedDevices(report)).toContainEqual({ model: '=HYPERLINK("x")', manufacturer: '+44 Phones' });
		const { csv } = await rejectedRowsCsv(ctx(), ODS, report.batchId as number);
		const rows = parseCsvRecords(csv);
		expect(rows.map((r) => [r.Row, r.Column, r.Value])).toEqual([
			['3', 'Last check-in', "'=1+1"],
			['4', 'Compliance', "'+SUM(A1)"],
			['5', 'Ownership', "'-cmd|calc"],
			['6', 'Jailbroken', "'@SUM(1)"]
		]);
	});

	it('keeps the device ID out of the rejected rows kept with a skip-invalid batch', async () => {
		const report = await importDevices(write(intuneCsv(3, { 3: { 'Device ID': `KEPT-${'9'.repeat(200)}` }, 4: { Compliance: 'maybe' } })), {
			skipInvalid: true
		});
		expect(report.rowsImported).toBe(1);
		const { csv } = await rejectedRowsCsv(ctx(), ODS, report.batchId as number);
		expect(csv).not.toContain('KEPT-');
		expect(csv).not.toContain(device(2)[0]);
		expect(csv).toContain('withheld');
	});

	it('imports a file with only the required columns (optional ones absent altogether)', async () => {
		const columns: Column[] = ['Device ID', 'Last check-in', 'OS', 'Compliance'];
		const pick = (row: readonly string[]) => columns.map((c) => row[INTUNE_COLUMNS.indexOf(c)] as string);
		const report = await importDevices(write([line(pick(INTUNE_COLUMNS)), line(pick(device(1))), line(pick(device(2)))].join('\n')));
		expect(report).toMatchObject({ rowsImported: 2, errors: [] });
	});
});

describe(`device import of duplicate device IDs on ${testBackend()}`, () => {
	const duplicated = () => intuneCsv(4, { 5: { 'Device ID': device(1)[0] as string } });

	// The database finds the second copy (device_pk); the file is read again to name both rows.
	it('rejects a device ID that appears twice, naming the later row', async () => {
		const report = await expectRejected(duplicated());
		expect(report.errors).toEqual([
			{
				row: 5,
				column: 'Device ID',
				value: '(withheld: personal identifier)',
				message: expect.stringMatching(/^the same Device ID appears more than once in the file: rows 3 and 5 .*remove the duplicate and import again/i)
			}
		]);
		expect(report).toMatchObject({ rowsTotal: 4, rowsRejected: 1, errorsNotListed: 0 });
		expect(JSON.stringify(report)).not.toContain(device(1)[0]);
	});

	it('writes nothing when a device ID appears twice, however the import ends', async () => {
		const before = await checksumTables(database.db);
		const outcome = await importDevices(write(duplicated())).catch((error: Error) => error);
		if (!(outcome instanceof Error)) expect(outcome.batchId).toBeNull();
		expect(await checksumTables(database.db)).toEqual(before);
		// The database is still usable afterwards.
		expect((await importDevices(write(intuneCsv(2, { 2: { Model: 'After the duplicate' } })))).rowsImported).toBe(2);
	});
});

describe(`spend and incident imports of bad values on ${testBackend()}`, () => {
	const spend = (amount: string) =>
		`Date,Category,Capex/Opex,Amount,Supplier\r\n2025-04-01,MDM,Opex,100.00,Acme\r\n2025-04-02,Pen test,Capex,${amount},Acme\r\n`;
	const incidents = (rows: [string, string][]) =>
		[
			'Ref,Incident Date,Reported Date,Category,Likelihood,Consequence,Status',
			...rows.map(([ref, likelihood]) => `${ref},2025-03-01,2025-03-02,Lost laptop,${likelihood},2,Open`)
		].join('\r\n');
	const importKind = (kind: 'spend' | 'incidents', content: string) => importFile(ctx(), { kind, ods: ODS, path: write(content) });

	it('imports the valid spend and incident files these cases are made from', async () => {
		expect(await importKind('spend', spend('"£1,234.56"'))).toMatchObject({ rowsImported: 2, errors: [] });
		expect(
			await importKind(
				'incidents',
				incidents([
					['INC-1', '3'],
					['INC-2', 'Likely']
				])
			)
		).toMatchObject({ rowsImported: 2, errors: [] });
	});

	const cases: [string, 'spend' | 'incidents', string, Record<string, unknown>][] = [
		['a negative amount', 'spend', spend('-250.00'), { row: 3, column: 'Amount', value: '-250.00', message: expect.stringMatching(/cannot be negative/) }],
		[
			'an amount in brackets (a credit)',
			'spend',
			spend('(250.00)'),
			{ row: 3, column: 'Amount', value: '(250.00)', message: expect.stringMatching(/cannot be negative/) }
		],
		['a non-numeric amount', 'spend', spend('TBC'), { row: 3, column: 'Amount', value: 'TBC', message: expect.stringMatching(/number of pounds/) }],
		[
			'an amount with three decimal places',
			'spend',
			spend('10.005'),
			{ row: 3, column: 'Amount', value: '10.005', message: expect.stringMatching(/two decimal places/) }
		],
		[
			'likelihood 7 on a 1–5 scale',
			'incidents',
			incidents([
				['INC-3', '3'],
				['INC-4', '7']
			]),
			{ row: 3, column: 'Likelihood', value: '7', message: expect.stringMatching(/likelihood from 1 to 5/) }
		],
		[
			'a reference twice in one file',
			'incidents',
			incidents([
				['INC-5', '3'],
				['INC-6', '2'],
				['INC-5', '4']
			]),
			{ row: 4, column: 'Ref', message: expect.stringMatching(/INC-5 is already on/) }
		]
	];
	for (const [name, kind, content, problem] of cases) {
		it(`rejects ${name} (${kind}), says where and why, and writes nothing`, async () => {
			const before = await checksumTables(database.db);
			const report = await importKind(kind, content);
			expect(report.batchId).toBeNull();
			expect(report.errors).toEqual([expect.objectContaining(problem)]);
			expect(await checksumTables(database.db)).toEqual(before);
		});
	}
});
