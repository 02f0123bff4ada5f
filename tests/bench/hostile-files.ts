/**
 * Hostile files for the hostile-input benchmark (issue 17): workbooks that inflate far beyond their size or
 * lie about it, and CSVs with one enormous line. Written to disk; nothing here is held whole in memory
 * except the small parts of a workbook.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { unzipSync, Zip, ZipDeflate, zipSync } from 'fflate';
import { INTUNE_COLUMNS, intuneRow } from '../fixtures/intune-export';

/**
 * The parts of a real one-sheet Intune export (its header and two rows), as fflate sees them: a layout the
 * import recognises, so its preview reads the rows too.
 */
export async function workbookParts(): Promise<Record<string, Uint8Array>> {
	const book = new ExcelJS.Workbook();
	book.addWorksheet('Devices').addRows([[...INTUNE_COLUMNS], intuneRow(1), intuneRow(2)]);
	return unzipSync(new Uint8Array(await book.xlsx.writeBuffer()));
}

const SST_HEAD = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** A workbook whose shared strings inflate to about `bytes`, from a file of about a thousandth of that. */
export async function writeSharedStringsBomb(path: string, bytes: number): Promise<void> {
	const out = createWriteStream(path);
	const zip = new Zip((error, chunk) => {
		if (error) throw error;
		out.write(chunk);
	});
	for (const [name, data] of Object.entries(await workbookParts())) {
		if (name === 'xl/sharedStrings.xml') continue;
		const part = new ZipDeflate(name, { level: 9 });
		zip.add(part);
		part.push(data, true);
	}
	const strings = new ZipDeflate('xl/sharedStrings.xml', { level: 9 });
	zip.add(strings);
	strings.push(Buffer.from(SST_HEAD));
	const block = Buffer.from(`<si><t>${'A'.repeat(1000)}</t></si>`.repeat(1000));
	for (let written = 0; written < bytes; written += block.length) strings.push(block);
	strings.push(Buffer.from('</sst>'), true);
	zip.end();
	out.end();
	await once(out, 'finish');
}

/** Shared strings of `count` copies of `text`, each read as a string of its own. */
function sharedStrings(count: number, text: string): Uint8Array {
	return Buffer.from(`${SST_HEAD}${`<si><t>${text}</t></si>`.repeat(count)}</sst>`);
}

/** A workbook whose archive says its shared strings are 1,000 bytes: they are millions of strings. */
export async function lyingWorkbook(count: number, text: string): Promise<Uint8Array> {
	const parts = await workbookParts();
	parts['xl/sharedStrings.xml'] = sharedStrings(count, text);
	const bytes = Buffer.from(zipSync(parts, { level: 6 }));
	const name = Buffer.from('xl/sharedStrings.xml');
	for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
		if (bytes.readUInt32LE(at - 30) === 0x04034b50) bytes.writeUInt32LE(1000, at - 30 + 22);
		else if (bytes.readUInt32LE(at - 46) === 0x02014b50) bytes.writeUInt32LE(1000, at - 46 + 24);
	}
	return bytes;
}

/** A workbook whose one row has a cell at column ZZZZZZ: read naively, a row of 300 million empty cells. */
export async function farColumnWorkbook(): Promise<Uint8Array> {
	const parts = await workbookParts();
	const sheet = Object.keys(parts).find((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name)) ?? 'xl/worksheets/sheet1.xml';
	const xml = Buffer.from(parts[sheet] ?? '').toString('utf8');
	parts[sheet] = Buffer.from(xml.replace('</sheetData>', '<row r="4"><c r="ZZZZZZ4" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'));
	return zipSync(parts);
}

const csvLine = (cells: readonly string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
const intuneCsv = (rows: number) => [INTUNE_COLUMNS, ...Array.from({ length: rows }, (_, i) => intuneRow(i))].map(csvLine).join('\n');

/** An Intune export whose third row has a million columns on one line (about 8 MB). */
export function millionColumnCsv(): Buffer {
	return Buffer.from(`${intuneCsv(2)}\n${Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',')}\n`);
}

/** An Intune export whose fourth row opens a quote that runs for `bytes` without a line break. */
export function unclosedQuoteCsv(bytes: number): Buffer {
	return Buffer.concat([Buffer.from(`${intuneCsv(2)}\n3,"`), Buffer.alloc(bytes, 'x'), Buffer.from(`\n${csvLine(intuneRow(9))}\n`)]);
}
