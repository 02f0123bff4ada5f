import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { IMPORT_CATALOGUE } from '../../src/lib/server/imports/formats';
import { importFile } from '../../src/lib/server/imports/import-file';
import { readCsv } from '../../src/lib/server/imports/read-csv';
import { UnreadableFileError, type RawRow } from '../../src/lib/server/imports/table-source';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { writeIntuneExport } from '../fixtures/intune-export';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

// Property-based checks of the import readers and validators. Fixed seeds: a failure names its seed
// and shrunk counterexample, and reruns the same way.

const ODS = 'RFZ';
const SEED = 42;
const SYSTEM = systemActor('test');
let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });

beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(ctx(), { ods: ODS, name: 'Fuzzed Files Trust', kind: 'trust' });
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-fuzz-'));
});
afterAll(async () => {
	await database?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Text as readText hands it to readCsv: a stream of string chunks, split at the given lengths. The first
 * chunk may be made to end with the first line break: see the tests of readCsv's line-break guess.
 */
function chunked(text: string, sizes: number[], firstLine = false): Readable {
	const chunks: string[] = [];
	let at = firstLine ? text.indexOf('\n') + 1 : 0;
	if (at > 0) chunks.push(text.slice(0, at));
	for (const size of sizes) {
		if (at >= text.length) break;
		let end = at + 1 + size;
		// TextDecoder never splits a surrogate pair between the strings it yields.
		if (/[\ud800-\udbff]/.test(text[end - 1] ?? '')) end += 1;
		chunks.push(text.slice(at, (at = end)));
	}
	if (at < text.length) chunks.push(text.slice(at));
	return Readable.from(chunks);
}

async function readAll(text: string, sizes: number[], firstLine = false): Promise<{ header: string[]; rows: RawRow[] }> {
	const table = await readCsv(chunked(text, sizes, firstLine), 'fuzz.csv');
	const rows: RawRow[] = [];
	for await (const batch of table.rows) rows.push(...batch);
	return { header: table.header, rows };
}

// Characters that matter to CSV, mixed with ordinary and far-from-ASCII text.
const csvChar = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(',', ';', '\t', '"', '\n', '\r', '\r\n', ' ', '\uFEFF', '\u0000') },
	{ weight: 3, arbitrary: fc.constantFrom('a', 'Z', '0', 'é', '£', '’', '😀', '=') },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) }
);
const chunkSizes = fc.array(fc.nat({ max: 40 }), { maxLength: 12 });

describe('readCsv on arbitrary text', () => {
	it('never throws anything but UnreadableFileError, and numbers rows in increasing order from 2', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ unit: csvChar, maxLength: 200 }), chunkSizes, async (text, sizes) => {
				let result;
				try {
					result = await readAll(text, sizes);
				} catch (error) {
					expect(error).toBeInstanceOf(UnreadableFileError);
					return;
				}
				const numbers = result.rows.map((r) => r.row);
				numbers.forEach((n, i) => expect(n).toBeGreaterThan(i === 0 ? 1 : (numbers[i - 1] as number)));
				for (const r of result.rows) expect(r.cells.every((c) => typeof c === 'string')).toBe(true);
			}),
			{ seed: SEED, numRuns: 400 }
		);
	});
});

describe('readCsv round trip', () => {
	const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
	// Header names without the other delimiters: see the delimiter test below.
	const headerCell = fc.string({ unit: csvChar.filter((c) => !/[;\t\r\n\uFEFF]/.test(c)), minLength: 1, maxLength: 12 });
	const table = fc.integer({ min: 2, max: 5 }).chain((width) =>
		fc.record({
			header: fc.array(headerCell, { minLength: width, maxLength: width }),
			rows: fc.array(fc.array(fc.string({ unit: csvChar, maxLength: 15 }), { minLength: width, maxLength: width }), { maxLength: 8 }),
			eol: fc.constantFrom('\n', '\r\n'),
			finalEol: fc.boolean()
		})
	);

	it('reads back exactly the cells written, however the text after the header is chunked', async () => {
		await fc.assert(
			fc.asyncProperty(table, chunkSizes, async ({ header, rows, eol, finalEol }, sizes) => {
				const text = [header, ...rows].map((cells) => cells.map(quote).join(',')).join(eol) + (finalEol ? eol : '');
				const read = await readAll(text, sizes, true);
				expect(read.header).toEqual(header.map((h) => h.trim()));
				expect(read.rows.map((r) => r.cells)).toEqual(rows);
				expect(read.rows.map((r) => r.row)).toEqual(rows.map((_, i) => i + 2));
				expect(read.rows.filter((r) => r.problem)).toEqual([]);
			}),
			{ seed: SEED, numRuns: 300 }
		);
	});

	// A stray quote opens a field that Papa closes at the next quote it can (often a later row's opening
	// quote, which it finds malformed), swallowing the lines between; readCsv ends it with its own line
	// instead. Cells here start with a letter: a later quoted cell starting with the delimiter or a line
	// break would close the stray field cleanly, and that cannot be told from a quoted field with line breaks.
	it('reads on after a line with a stray quote, losing only that line', async () => {
		const lettered = fc.tuple(fc.constantFrom('a', 'Z', 'é'), fc.string({ unit: csvChar, maxLength: 15 })).map(([first, rest]) => first + rest);
		const tableAfterStray = fc.integer({ min: 2, max: 5 }).chain((width) =>
			fc.record({
				header: fc.array(headerCell, { minLength: width, maxLength: width }),
				rows: fc.array(fc.array(lettered, { minLength: width, maxLength: width }), { maxLength: 8 }),
				eol: fc.constantFrom('\n', '\r\n')
			})
		);
		const stray = fc.record({ at: fc.nat(), text: fc.string({ unit: csvChar.filter((c) => !/["\r\n]/.test(c)), maxLength: 10 }) });
		await fc.assert(
			fc.asyncProperty(tableAfterStray, stray, chunkSizes, async ({ header, rows, eol }, { at, text: strayText }, sizes) => {
				const k = at % (rows.length + 1);
				const lines = [header, ...rows].map((cells) => cells.map(quote).join(','));
				lines.splice(k + 1, 0, `zz,"${strayText}`);
				const read = await readAll(lines.join(eol) + eol, sizes, true);
				expect(read.rows.map((r) => r.row)).toEqual([...rows, null].map((_, i) => i + 2));
				expect(read.rows.map((r) => (r.problem ? 'stray' : r.cells))).toEqual([...rows.slice(0, k), 'stray', ...rows.slice(k)]);
				expect(read.rows[k]?.problem).toMatch(/unclosed quote/);
			}),
			{ seed: SEED, numRuns: 300 }
		);
	});

	// Papa would guess the line break from the first chunk it is given: one with a CR without its LF (a CRLF
	// cut in two by the chunk's end) and at most one whole CRLF made it guess a lone CR, so the row
	// "c",",d,e" read as ['\n"c"', ',d,e']. readCsv now finds the line break itself, outside quotes.
	it('reads CRLF text whose first chunk ends between CR and LF', async () => {
		const text = '"a","b"\r\n"c",",d,e"\r\n",f",""\r\n';
		const read = await readAll(text, [text.indexOf('\r', text.indexOf('\r') + 1)]);
		expect(read.rows.map((r) => r.cells)).toEqual([
			['c', ',d,e'],
			[',f', '']
		]);
	});

	// detectDelimiter once counted , ; and tab on the raw first line, quotes and all, so quoted header names
	// with semicolons in them outvoted the real commas and the whole file was split on ";".
	it('picks the comma even when quoted header names contain semicolons', async () => {
		const read = await readAll('"Cost; centre; code",Amount\r\n"A; B; C",10\r\n', []);
		expect(read.header).toEqual(['Cost; centre; code', 'Amount']);
	});
});

describe('row validators on arbitrary records', () => {
	const formats = Object.values(IMPORT_CATALOGUE).flatMap((k) => k.formats);
	const plausible = fc.constantFrom(
		'',
		' ',
		'2025-03-14',
		'14/03/2025',
		'2025-03-14 08:15:02.0000000',
		'31/02/2025',
		'Compliant',
		'Corporate',
		'True',
		'Unknown',
		'3',
		'5 - Almost certain',
		'£1,234.56',
		'-1',
		'Windows',
		'iOS',
		'Yes',
		'MDM',
		'Opex'
	);
	const value = fc.oneof(plausible, fc.string({ unit: csvChar, maxLength: 30 }), fc.string({ maxLength: 300 }));

	// validateRows gives every field of the format a cell ("" when no column supplies it), as here.
	it.each(formats.map((f) => [f.name, f] as const))('%s: never throws; every issue names one of its fields', (_, format) => {
		const names = format.fields.map((f) => f.name);
		const schema = format.rowSchema('k'.repeat(43));
		const record = fc.record(Object.fromEntries(names.map((n) => [n, value])) as Record<string, fc.Arbitrary<string>>);
		fc.assert(
			fc.property(record, (r) => {
				const result = schema.safeParse(r);
				if (result.success) return;
				for (const issue of result.error.issues) {
					expect(names).toContain(String(issue.path[0]));
					expect(issue.message.length).toBeGreaterThan(0);
				}
			}),
			{ seed: SEED, numRuns: 500 }
		);
	});
});

describe(`importFile on randomly corrupted Intune files on ${testBackend()}`, () => {
	type Damage =
		| { op: 'flip'; at: number; bit: number }
		| { op: 'insert'; at: number; byte: number }
		| { op: 'delete'; at: number; length: number }
		| { op: 'truncate'; at: number };
	const damage: fc.Arbitrary<Damage> = fc.oneof(
		fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
		fc.record({ op: fc.constant('insert' as const), at: fc.nat(), byte: fc.constantFrom(0x22, 0x2c, 0x0a, 0x0d, 0x00, 0xe9, 0xc3, 0x3b, 0x41) }),
		fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
		fc.record({ op: fc.constant('truncate' as const), at: fc.nat() })
	);
	function corrupt(original: Buffer, damages: Damage[]): Buffer {
		let bytes = original;
		for (const d of damages) {
			const at = d.at % Math.max(1, bytes.length);
			if (d.op === 'flip') (bytes = Buffer.from(bytes))[at] = (bytes[at] ?? 0) ^ (1 << d.bit);
			else if (d.op === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([d.byte]), bytes.subarray(at)]);
			else if (d.op === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + d.length)]);
			else bytes = bytes.subarray(0, at);
		}
		return bytes;
	}

	it('imports every row or writes nothing', async () => {
		const source = path.join(dir, 'clean.csv');
		await writeIntuneExport(source, 12);
		const original = readFileSync(source);
		let run = 0;
		const outcomes: string[] = [];
		await fc.assert(
			fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 4 }), async (damages) => {
				const file = path.join(dir, `corrupt-${++run}.csv`);
				writeFileSync(file, corrupt(original, damages));
				const before = await checksumTables(database.db);
				const report = await importFile(ctx(), { kind: 'devices', ods: ODS, path: file });
				if (report.batchId === null) {
					outcomes.push(report.duplicateOf === null ? 'rejected' : 'duplicate');
					expect(report.rowsImported).toBe(0);
					expect(await checksumTables(database.db)).toEqual(before);
					return;
				}
				outcomes.push('imported');
				expect(report.rowsRejected).toBe(0);
				expect(report.rowsImported).toBe(report.rowsTotal);
				const stored = await sql<{ rows_imported: number; devices: number }>`
					select b.rows_imported, (select count(*)::int from device d where d.snapshot_id = s.id) as devices
					from import_batch b join device_snapshot s on s.import_batch_id = b.id where b.id = ${report.batchId}`.execute(database.db);
				expect(stored.rows).toEqual([{ rows_imported: report.rowsTotal, devices: report.rowsTotal }]);
			}),
			{ seed: SEED, numRuns: 20 }
		);
		// Both outcomes should occur, or the property says little.
		expect(new Set(outcomes)).toContain('rejected');
		expect(new Set(outcomes)).toContain('imported');
	});
});
