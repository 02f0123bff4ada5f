import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/lib/server/imports/read-xlsx';
import { UnreadableFileError, type RawRow, type TableSource } from '../../src/lib/server/imports/table-source';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'beacon-read-xlsx-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** Write a workbook with one sheet per entry, each sheet's rows given as arrays of cell values. */
async function writeBook(name: string, sheets: Record<string, ExcelJS.CellValue[][]>): Promise<string> {
	const book = new ExcelJS.Workbook();
	for (const [sheetName, rows] of Object.entries(sheets)) {
		const sheet = book.addWorksheet(sheetName);
		rows.forEach((cells, index) => {
			if (cells.length > 0) sheet.getRow(index + 1).values = cells;
		});
	}
	const path = join(dir, name);
	await book.xlsx.writeFile(path);
	return path;
}

async function collectRows(source: TableSource): Promise<RawRow[]> {
	const rows: RawRow[] = [];
	for await (const batch of source.rows) rows.push(...batch);
	return rows;
}

async function readFailure(path: string, options: { sheet?: string; fileName: string }): Promise<Error> {
	const error = await readXlsx(path, options).then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(UnreadableFileError);
	return error as Error;
}

describe('readXlsx', () => {
	it('reads the header and rows with their spreadsheet row numbers, skipping empty rows', async () => {
		const path = await writeBook('rows.xlsx', {
			Assets: [[], [' Asset ', 'Owner ', 'Cost'], ['Laptop', 'IT', 900], [], ['Server'], ['Router', 'Network', 120, 'extra']]
		});
		const source = await readXlsx(path, { fileName: 'rows.xlsx' });
		expect(source.header).toEqual(['Asset', 'Owner', 'Cost']);
		expect(await collectRows(source)).toEqual([
			{ row: 3, cells: ['Laptop', 'IT', '900'] },
			{ row: 5, cells: ['Server', '', ''] },
			{ row: 6, cells: ['Router', 'Network', '120', 'extra'] }
		]);
	});

	it('reads the first sheet by default and any sheet by name, ignoring case', async () => {
		const path = await writeBook('sheets.xlsx', { Summary: [['Title'], ['First']], 'Risk Register': [['Risk'], ['Phishing']] });
		// Read for its header only, then closed, as the importer does (closing deletes the spooled sheets).
		const first = await readXlsx(path, { fileName: 'sheets.xlsx' });
		expect(first.header).toEqual(['Title']);
		await first.close();
		const source = await readXlsx(path, { fileName: 'sheets.xlsx', sheet: 'risk register' });
		expect(source.header).toEqual(['Risk']);
		expect(await collectRows(source)).toEqual([{ row: 2, cells: ['Phishing'] }]);
	});

	it('names the file and the sheets it has when the sheet asked for is missing', async () => {
		const path = await writeBook('missing-sheet.xlsx', { Summary: [['Title']], Data: [['Value']] });
		const error = await readFailure(path, { fileName: 'missing-sheet.xlsx', sheet: 'Risks' });
		expect(error.message).toBe('missing-sheet.xlsx has no sheet named "Risks": its sheets are "Summary", "Data"');
	});

	it('turns cells into the text a CSV export would hold', async () => {
		const path = await writeBook('types.xlsx', {
			Cells: [
				['Number', 'Big', 'Zero', 'Flag', 'Day', 'Moment', 'Rich', 'Link', 'Error', 'Blank', 'Last'],
				[
					1234.5,
					2 ** 53,
					0,
					true,
					new Date(Date.UTC(2024, 2, 31)),
					new Date(Date.UTC(2024, 2, 31, 13, 5, 7)),
					{ richText: [{ text: 'Data ' }, { text: 'Protection', font: { bold: true } }] },
					{ text: 'NHS England', hyperlink: 'https://www.england.nhs.uk' },
					{ error: '#N/A' },
					null,
					'end'
				],
				[-3, 0.1, false]
			]
		});
		const rows = await collectRows(await readXlsx(path, { fileName: 'types.xlsx' }));
		expect(rows.map((r) => r.cells)).toEqual([
			['1234.5', '9007199254740992', '0', 'TRUE', '2024-03-31', '2024-03-31T13:05:07Z', 'Data Protection', 'NHS England', '#N/A', '', 'end'],
			['-3', '0.1', 'FALSE', '', '', '', '', '', '', '', '']
		]);
	});

	it('reads formula cells as their cached results, never the formula', async () => {
		const path = await writeBook('formulas.xlsx', {
			Formulas: [
				['Sum', 'Nothing', 'Text', 'Check', 'Failed', 'Due'],
				[
					{ formula: 'SUM(1,2)', result: 3 },
					{ formula: '1-1', result: 0 },
					{ formula: '"a"&"b"', result: 'ab' },
					{ formula: '1>2', result: false },
					{ formula: '1/0', result: { error: '#DIV/0!' } },
					{ formula: 'DATE(2024,4,1)+0.5', result: new Date(Date.UTC(2024, 3, 1, 12)) }
				]
			]
		});
		const rows = await collectRows(await readXlsx(path, { fileName: 'formulas.xlsx' }));
		expect(rows[0]?.cells).toEqual(['3', '0', 'ab', 'FALSE', '#DIV/0!', '2024-04-01T12:00:00Z']);
	});

	it('says a sheet with nothing in it has no header row', async () => {
		const path = await writeBook('blank.xlsx', { Empty: [] });
		const error = await readFailure(path, { fileName: 'blank.xlsx' });
		expect(error.message).toBe('blank.xlsx is empty: it has no header row');
	});

	it('rejects a damaged archive and a file that is not an archive, in plain words', async () => {
		const damaged = join(dir, 'damaged.xlsx');
		await writeFile(damaged, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(4096)]));
		const error = await readFailure(damaged, { fileName: 'damaged.xlsx' });
		expect(error.message).toMatch(/^damaged\.xlsx cannot be read as an Excel workbook: /);
		expect(error.message).not.toMatch(/\n\s+at /);

		const csv = join(dir, 'renamed.xlsx');
		await writeFile(csv, 'Asset,Owner\nLaptop,IT\n');
		const notZip = await readFailure(csv, { fileName: 'renamed.xlsx' });
		expect(notZip.message).toMatch(/^renamed\.xlsx cannot be read as an Excel workbook: it is not an \.xlsx file/);
	});

	it('streams a 50,000-row sheet in batches, keeping characters whole', async () => {
		const path = join(dir, 'large.xlsx');
		const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
		const sheet = writer.addWorksheet('Large');
		sheet.addRow(['Id', 'Name', 'Score']).commit();
		// Unique strings with two- and three-byte characters, so some straddle the unzipper's chunk boundaries.
		for (let i = 1; i <= 50_000; i++) sheet.addRow([i, `Café ’${i}’ £`, i / 4]).commit();
		await sheet.commit();
		await writer.commit();

		const source = await readXlsx(path, { fileName: 'large.xlsx' });
		let count = 0;
		let largestBatch = 0;
		let last: RawRow | undefined;
		for await (const batch of source.rows) {
			largestBatch = Math.max(largestBatch, batch.length);
			for (const row of batch) {
				count += 1;
				expect(row.cells[1]).toBe(`Café ’${row.row - 1}’ £`);
				last = row;
			}
		}
		expect(count).toBe(50_000);
		expect(largestBatch).toBeLessThanOrEqual(1_000);
		expect(last).toEqual({ row: 50_001, cells: ['50000', 'Café ’50000’ £', '12500'] });
	});
});
