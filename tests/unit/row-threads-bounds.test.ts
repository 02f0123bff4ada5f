import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRowThreads } from '../../src/cli/threaded-rows';
import { inspectFile } from '../../src/lib/server/imports/read-file';
import type { RowBatch, RowJob } from '../../src/lib/server/imports/row-job';
import { UnreadableFileError } from '../../src/lib/server/imports/table-source';

// The command line's row threads read the file themselves: each has the file reader's heap limit, and a
// file that needs more is refused in the reader's words, not a crash of the import.

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'beacon-row-bounds-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
	delete process.env.BEACON_IMPORT_READER_HEAP_MB;
});

async function job(path: string, fileName: string): Promise<RowJob> {
	return {
		path,
		fileName,
		sheet: null,
		facts: await inspectFile(path),
		kind: 'devices',
		format: 'device-rows',
		preset: null,
		columns: [],
		identifierKey: 'k'.repeat(43),
		context: { ods: 'RX1', asOf: null },
		skipInvalid: false,
		copyConstants: { snapshot: '1' },
		parallel: false
	};
}

describe('the row threads of a command-line import, within bounds', () => {
	it('refuses a workbook that needs more than its heap as too large or malformed', async () => {
		const book = new ExcelJS.Workbook();
		book.addWorksheet('Devices').addRows([
			['Device', 'Owner'],
			['Laptop', 'IT']
		]);
		const parts = unzipSync(new Uint8Array(await book.xlsx.writeBuffer()));
		// Within the bounds (input-limits.ts), but more than a 40 MB heap holds.
		const count = 950_000;
		const items = `<si><t>device-${'x'.repeat(24)}</t></si>`.repeat(count);
		parts['xl/sharedStrings.xml'] = Buffer.from(
			`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">${items}</sst>`
		);
		const path = join(dir, 'heavy.xlsx');
		writeFileSync(path, zipSync(parts, { level: 6 }));
		process.env.BEACON_IMPORT_READER_HEAP_MB = '40';
		const threads = startRowThreads({ threads: 1 });
		const batches: RowBatch[] = [];
		const error = await threads
			.run(await job(path, 'heavy.xlsx'), async (b) => void batches.push(b))
			.then(
				() => undefined,
				(e: unknown) => e
			);
		expect(error).toBeInstanceOf(UnreadableFileError);
		expect((error as Error).message).toBe(
			'heavy.xlsx is too large or malformed to import: reading it needed more than the 40 MB of memory Beacon gives one file'
		);
		expect(batches).toEqual([]);
	}, 120_000);
});
