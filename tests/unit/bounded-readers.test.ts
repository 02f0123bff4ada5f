import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inspectFile } from '../../src/lib/server/imports/read-file';
import { openTableOffThread } from '../../src/lib/server/imports/table-thread';
import { UnreadableFileError, type RawRow } from '../../src/lib/server/imports/table-source';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'beacon-bounded-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
	delete process.env.BEACON_IMPORT_READER_HEAP_MB;
});

async function readAll(path: string, fileName = 'file') {
	const table = await openTableOffThread(path, await inspectFile(path), { fileName });
	const rows: RawRow[] = [];
	for await (const batch of table.rows) rows.push(...batch);
	return { header: table.header, rows };
}

async function failure(path: string, fileName: string): Promise<Error> {
	const error = await readAll(path, fileName).then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(UnreadableFileError);
	return error as Error;
}

/** A real workbook with one shared string, its parts as fflate sees them. */
async function workbookParts(): Promise<Record<string, Uint8Array>> {
	const book = new ExcelJS.Workbook();
	book.addWorksheet('Devices').addRows([
		['Device', 'Owner'],
		['Laptop', 'IT']
	]);
	return unzipSync(new Uint8Array(await book.xlsx.writeBuffer()));
}

/** A shared-strings part of `count` copies of one string (each read as a string of its own). */
function sharedStrings(count: number, text: string): Uint8Array {
	const items = `<si><t>${text}</t></si>`.repeat(count);
	return Buffer.from(
		`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">${items}</sst>`
	);
}

/** Overwrite the uncompressed size a zip declares for one part, in its local header and its directory entry. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
	const bytes = Buffer.from(zip);
	const nameBytes = Buffer.from(name);
	for (let at = bytes.indexOf(nameBytes); at >= 0; at = bytes.indexOf(nameBytes, at + 1)) {
		if (bytes.readUInt32LE(at - 30) === 0x04034b50) bytes.writeUInt32LE(size, at - 30 + 22);
		else if (bytes.readUInt32LE(at - 46) === 0x02014b50) bytes.writeUInt32LE(size, at - 46 + 24);
	}
	return bytes;
}

// Building a workbook of millions of strings, and a reader thread running out of heap, take tens of seconds
// when the machine is shared: those tests have two minutes.
describe('reading files off the request thread, within bounds', () => {
	it('reads a CSV and a workbook on the worker as they read in-thread', async () => {
		writeFileSync(join(dir, 'plain.csv'), 'Device,Owner\r\nLaptop,IT\r\n"Desk, top",Estates\r\n');
		expect(await readAll(join(dir, 'plain.csv'))).toEqual({
			header: ['Device', 'Owner'],
			rows: [
				{ row: 2, cells: ['Laptop', 'IT'] },
				{ row: 3, cells: ['Desk, top', 'Estates'] }
			]
		});
		writeFileSync(join(dir, 'plain.xlsx'), zipSync(await workbookParts()));
		expect(await readAll(join(dir, 'plain.xlsx'))).toEqual({ header: ['Device', 'Owner'], rows: [{ row: 2, cells: ['Laptop', 'IT'] }] });
	});

	it('refuses a workbook whose shared strings would inflate to gigabytes, before inflating them', async () => {
		const parts = await workbookParts();
		// 300 MB of one repeated string compresses to a few hundred kilobytes.
		parts['xl/sharedStrings.xml'] = sharedStrings(3_000_000, 'a'.repeat(90));
		const path = join(dir, 'bomb.xlsx');
		writeFileSync(path, zipSync(parts, { level: 9 }));
		expect(readFileSync(path).length).toBeLessThan(5 * 1024 * 1024);
		const started = Date.now();
		const error = await failure(path, 'bomb.xlsx');
		expect(error.message).toMatch(
			/^bomb\.xlsx is too large or malformed to import: its table of shared strings xl\/sharedStrings\.xml would inflate from .* MB to .* MB, more than the 96 MB Beacon reads$/
		);
		// Refused from the archive's directory: nothing was inflated.
		expect(Date.now() - started).toBeLessThan(5_000);
	}, 120_000);

	it('counts the shared strings it reads when the archive lies about their size', async () => {
		const parts = await workbookParts();
		parts['xl/sharedStrings.xml'] = sharedStrings(1_100_000, 'serial');
		const path = join(dir, 'liar.xlsx');
		writeFileSync(path, declareSize(zipSync(parts, { level: 9 }), 'xl/sharedStrings.xml', 1000));
		const error = await failure(path, 'liar.xlsx');
		expect(error.message).toMatch(/^liar\.xlsx is too large or malformed to import: its shared strings exceed 1,000,000 strings or 32,000,000 characters/);
	}, 120_000);

	it('turns a reader that runs out of its own heap into a problem with the file, and the next file still reads', async () => {
		const parts = await workbookParts();
		// Within the bounds, but more than a 40 MB heap holds.
		parts['xl/sharedStrings.xml'] = sharedStrings(950_000, `device-${'x'.repeat(24)}`);
		const path = join(dir, 'heavy.xlsx');
		writeFileSync(path, zipSync(parts, { level: 6 }));
		process.env.BEACON_IMPORT_READER_HEAP_MB = '40';
		const error = await failure(path, 'heavy.xlsx');
		expect(error.message).toBe('heavy.xlsx is too large or malformed to import: reading it needed more than the 40 MB of memory Beacon gives one file');
		// The same small limit reads an ordinary file: the limit, not the start-up, stopped the big one.
		expect((await readAll(join(dir, 'plain.xlsx'))).rows).toHaveLength(1);
	}, 120_000);

	it('measures a line carried across chunks up to its line break', async () => {
		const path = join(dir, 'carried.csv');
		writeFileSync(path, `a,b\n1,${'z'.repeat(1_100_000)}\n2,3\n`);
		expect((await failure(path, 'carried.csv')).message).toMatch(/^carried\.csv cannot be read as CSV: line 2 is longer than 1,048,576 characters/);
	});

	it('refuses a CSV with a million columns on one line, and one with a 50 MB unclosed quote, quickly', async () => {
		const wide = join(dir, 'wide.csv');
		writeFileSync(wide, Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',') + '\n1,2\n');
		let started = Date.now();
		expect((await failure(wide, 'wide.csv')).message).toBe(
			"wide.csv cannot be read as CSV: line 1 is longer than 1,048,576 characters, far more than any export's row (a missing line break or an unclosed quote?)"
		);
		expect(Date.now() - started).toBeLessThan(8_000);
		const quote = join(dir, 'quote.csv');
		writeFileSync(quote, `a,b\n1,2\n3,"${'x'.repeat(50 * 1024 * 1024)}\n4,5\n`);
		started = Date.now();
		expect((await failure(quote, 'quote.csv')).message).toMatch(/^quote\.csv cannot be read as CSV: line 3 is longer than 1,048,576 characters/);
		expect(Date.now() - started).toBeLessThan(8_000);
	});

	it('refuses rows wider than 2,000 columns, and reports a field longer than a spreadsheet cell on its row', async () => {
		const wide = join(dir, 'columns.csv');
		writeFileSync(wide, `a,b\n1,2\n${Array.from({ length: 2_001 }, () => 'x').join(',')}\n`);
		expect((await failure(wide, 'columns.csv')).message).toBe('columns.csv cannot be read as CSV: row 3 has 2,001 columns, more than the 2,000 Beacon reads');
		const long = join(dir, 'long.csv');
		writeFileSync(long, `a,b\n1,"${'y'.repeat(40_000)}"\n2,3\n`);
		const { rows } = await readAll(long, 'long.csv');
		expect(rows.map((r) => r.problem ?? null)).toEqual(['column 2 holds 40,000 characters, more than the 32,767 a spreadsheet cell holds', null]);
	});
});
