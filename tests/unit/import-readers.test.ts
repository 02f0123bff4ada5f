import { mkdtempSync, readdirSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { copyField } from '../../src/lib/server/db/copy';
import { compareVersions, isOsSupported } from '../../src/lib/server/devices/os-support';
import { Invalid, readBoolean, readDate, readDateTime, readInstant, readPence, remember } from '../../src/lib/server/imports/cell-values';
import { DATIX_PRESET, datixIncidents } from '../../src/lib/server/imports/formats/datix-incidents';
import { hashIdentifier, identifierHasher } from '../../src/lib/server/imports/identifiers';
import { inspectFile as inspectTable, openTable } from '../../src/lib/server/imports/open-table';
import { detectDelimiter, detectNewline, readCsv } from '../../src/lib/server/imports/read-csv';
import { incompleteTail, inspectFile } from '../../src/lib/server/imports/read-file';
import type { RawRow, TableSource } from '../../src/lib/server/imports/table-source';

describe('cell readers', () => {
	it('reads the date and time layouts exports use, and refuses days that do not exist', () => {
		expect(readDateTime('2025-03-14 08:15:02.0000000')).toEqual({ date: '2025-03-14', instant: '2025-03-14T08:15:02Z' });
		expect(readDateTime('14/03/2025')).toEqual({ date: '2025-03-14', instant: '2025-03-14T00:00:00Z' });
		expect(readInstant('2025-03-14T08:15:02+01:00')).toBe('2025-03-14T08:15:02+01:00');
		expect(readDate('29/02/2024')).toBe('2024-02-29');
		for (const bad of ['31/02/2025', '2025-13-01', '2025-02-30', '14-03-2025', '2025-03-14 25:00', 'soon', '']) {
			expect(readDate(bad), bad).toBeInstanceOf(Invalid);
		}
	});

	it('reads money as whole pence and refuses negative or non-numeric amounts', () => {
		expect(readPence('1234.56')).toBe(123456);
		expect(readPence('£1,234.5')).toBe(123450);
		expect(readPence('0')).toBe(0);
		expect((readPence('-5.00') as Invalid).message).toMatch(/cannot be negative/);
		expect((readPence('(12.00)') as Invalid).message).toMatch(/negative/);
		expect((readPence('twelve') as Invalid).message).toMatch(/number of pounds/);
		expect(readPence('1.234')).toBeInstanceOf(Invalid);
	});

	it('takes commas and spaces only between groups of three digits, never as a decimal comma', () => {
		expect(['1,234.56', '12,345', '£1,234,567', '1 234', '999,999.9'].map(readPence)).toEqual([123456, 1234500, 123456700, 123400, 99999990]);
		for (const bad of ['1,23', '12,50', '1,2345', '1.234,56', ',123', '1,,234', '12 34', '1, 234']) {
			expect((readPence(bad) as Invalid).message, bad).toMatch(/between groups of three digits, like 1,234\.56; a decimal comma is not accepted/);
		}
	});

	it('reads booleans in the spellings exports use', () => {
		expect(['True', 'yes', 'Y', '1'].map(readBoolean)).toEqual([true, true, true, true]);
		expect(['False', 'No', 'n', '0'].map(readBoolean)).toEqual([false, false, false, false]);
		expect(readBoolean('maybe')).toBeInstanceOf(Invalid);
	});

	it('remembers answers for repeated values but only up to its limit', () => {
		let calls = 0;
		const read = remember((v: string) => {
			calls += 1;
			return v.length;
		}, 2);
		['a', 'a', 'bb', 'bb', 'ccc', 'ccc'].forEach((v) => read(v));
		expect(calls).toBe(4);
	});
});

describe('Datix likelihood and severity', () => {
	const good = {
		reference: 'INC-1',
		occurredAt: '',
		detectedAt: '2025-04-03',
		category: 'Lost laptop',
		subcategory: '',
		breachType: '',
		likelihood: '3',
		severity: '2',
		status: '',
		closedAt: '',
		description: '',
		actions: ''
	};
	const schema = datixIncidents.rowSchema('k'.repeat(43));
	const read = (likelihood: string) => schema.safeParse({ ...good, likelihood });
	const message = (likelihood: string) => read(likelihood).error?.issues.map((i) => [i.path[0], i.message]);

	it('reads one score from 1 to 5, alone or beside its words', () => {
		const scores = ['1', ' 5 ', '4 - Likely', '3 Possible', '2. Unlikely', 'Major (4)', '3 (Possible)'].map((v) => read(v).data?.likelihood);
		expect(scores).toEqual([1, 5, 4, 3, 2, 4, 3]);
		// The preset's words are translated to their scores before the reader sees them.
		expect(DATIX_PRESET.values?.likelihood?.['Almost certain']).toBe('5');
	});

	it('refuses ranges, decimals and lists rather than reading their first digit, and scores off the scale', () => {
		for (const v of ['1-5', '1 - 5', '1–5', '3.5', '3,5', '2/4', '3 - 4 Likely']) {
			expect(message(v), v).toEqual([
				['likelihood', expect.stringMatching(/^expected a likelihood from 1 to 5 \(.*\): one whole number, not a range, a decimal or a list/)]
			]);
		}
		for (const v of ['7', '0', '03', 'Possible (3) (4)', 'sometimes']) {
			expect(message(v), v).toEqual([['likelihood', 'expected a likelihood from 1 to 5 (1 Rare, 2 Unlikely, 3 Possible, 4 Likely, 5 Almost certain)']]);
		}
		expect(schema.safeParse({ ...good, severity: '2-3' }).error?.issues.map((i) => i.path[0])).toEqual(['severity']);
	});
});

describe('identifier hashing', () => {
	it('gives the same HMAC on the fast path as createHmac, for ASCII and non-ASCII keys', () => {
		for (const key of ['k3y-in-base64url_0123456789', 'ключ', 'x'.repeat(80)]) {
			const fast = identifierHasher(key, 'device');
			for (const value of ['ABC-123', ' abc-123 ', 'é£', '']) expect(fast(value)).toBe(hashIdentifier(key, 'device', value));
		}
	});

	it('differs by key and by purpose, and never contains the identifier', () => {
		const a = hashIdentifier('key-one', 'staff', '12345678');
		expect(a).toHaveLength(22);
		expect(a).not.toContain('12345678');
		expect(hashIdentifier('key-two', 'staff', '12345678')).not.toBe(a);
		expect(hashIdentifier('key-one', 'device', '12345678')).not.toBe(a);
	});
});

describe('operating system support', () => {
	it('compares versions part by part and knows the supported minimums', () => {
		expect(compareVersions('10.0.22631.3880', '10.0.22000')).toBe(1);
		expect(compareVersions('17', '17.0.0')).toBe(0);
		expect(isOsSupported('Windows', '10.0.19045.4651')).toBe(false);
		expect(isOsSupported('iOS', '17.5.1')).toBe(true);
		expect(isOsSupported('iOS', '16.7.8')).toBe(false);
		expect(isOsSupported('Android', '14')).toBe(true);
		expect(isOsSupported('Linux', '6.1')).toBeNull();
		expect(isOsSupported('iOS', null)).toBeNull();
	});
});

describe('file inspection', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'beacon-inspect-'));
	const file = (name: string, bytes: Buffer) => {
		const p = path.join(dir, name);
		writeFileSync(p, bytes);
		return p;
	};

	it('tells UTF-8, Windows-1252, XLSX, binary and mixed encodings apart', async () => {
		expect(await inspectFile(file('utf8.csv', Buffer.from('\uFEFFa,b\nCafé,£1\n')))).toMatchObject({ format: 'csv', encoding: 'utf-8' });
		expect(await inspectFile(file('cp1252.csv', Buffer.from('a,b\nCaf\xe9,\xa31\n', 'latin1')))).toMatchObject({ encoding: 'windows-1252' });
		expect((await inspectFile(file('mixed.csv', Buffer.concat([Buffer.from('a\nCafé\n'), Buffer.from('Caf\xe9\n', 'latin1')])))).unreadable).toMatch(
			/mixes two text encodings/
		);
		expect((await inspectFile(file('bin.csv', Buffer.from([0x41, 0x00, 0x42])))).unreadable).toMatch(/not a text file/);
		expect((await inspectFile(file('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1])))).unreadable).toMatch(/\.xls/);
		expect(await inspectFile(file('book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14])))).toMatchObject({ format: 'xlsx' });
	});

	it('checks UTF-8 across the chunks it reads the file in: a character split between two is still UTF-8', async () => {
		const chunk = 256 * 1024;
		for (const char of ['é', '’', '😀']) {
			const bytes = Buffer.from(char);
			for (let split = 1; split < bytes.length; split++) {
				// The character's first `split` bytes end the first chunk; the rest start the next.
				const text = Buffer.concat([Buffer.from('a,b\n'), Buffer.alloc(chunk - 4 - split, 'x'), bytes, Buffer.from(',1\n')]);
				expect(await inspectFile(file(`split-${split}.csv`, text)), `${char} split after ${split}`).toMatchObject({ encoding: 'utf-8' });
				expect((await inspectFile(file(`cut-${split}.csv`, text.subarray(0, chunk)))).encoding, `${char} cut after ${split}`).toBe('windows-1252');
			}
		}
		expect((await inspectFile(file('late.csv', Buffer.concat([Buffer.alloc(chunk * 2, 'x'), Buffer.from('\nCaf\xe9\n', 'latin1')])))).encoding).toBe(
			'windows-1252'
		);
		expect(incompleteTail(Buffer.from('abc'))).toBe(0);
		expect(incompleteTail(Buffer.from('ab\xc3', 'latin1'))).toBe(1);
		expect(incompleteTail(Buffer.from('é'))).toBe(0);
		expect(incompleteTail(Buffer.from('😀').subarray(0, 3))).toBe(3);
		expect(incompleteTail(Buffer.from('😀'))).toBe(0);
	});

	it('detects the delimiter from the header line', () => {
		expect(detectDelimiter('a;b;c')).toBe(';');
		expect(detectDelimiter('a\tb\tc')).toBe('\t');
		expect(detectDelimiter('a,b;c,d')).toBe(',');
		expect(detectDelimiter('single')).toBe(',');
	});

	it('leaves quoted header names out when judging the delimiter', () => {
		expect(detectDelimiter('"Cost; centre; code",Amount')).toBe(',');
		expect(detectDelimiter('"a,b,c";"say ""x,y""";d')).toBe(';');
		expect(detectDelimiter('"multi\nline, name"\tb\tc\r\n1,2,3,4,5')).toBe('\t');
	});

	it('finds the line break after the header, outside quotes, and waits when the text so far cannot tell', () => {
		expect(detectNewline('"a\nb",c\r\nx', false)).toBe('\r\n');
		expect(detectNewline('a,b\nc', false)).toBe('\n');
		expect(detectNewline('a,b\rc', false)).toBe('\r');
		expect(detectNewline('a,b\r', false)).toBeUndefined();
		expect(detectNewline('a,b\r', true)).toBe('\r');
		expect(detectNewline('"a\r\nb', false)).toBeUndefined();
		// A header quote still open at the end of the file: its line breaks are the only ones there are.
		expect(detectNewline('"a\r\nb', true)).toBe('\r\n');
		expect(detectNewline('a,b', true)).toBe('\n');
	});
});

async function readRows(table: TableSource): Promise<RawRow[]> {
	const rows: RawRow[] = [];
	for await (const batch of table.rows) rows.push(...batch);
	return rows;
}

describe('CSV quotes that never close', () => {
	it('reports the row where the quote opened and reads on from the next line', async () => {
		const table = await readCsv(Readable.from(['Id,Name\r\n1,"Ann\r\n2,Bob\r\n3,"Cy', 'ril"\r\n4,"Di\r\n']), 'quotes.csv');
		const rows = await readRows(table);
		expect(rows.map((r) => [r.row, r.cells, r.problem !== undefined])).toEqual([
			[2, ['1', 'Ann'], true],
			[3, ['2', 'Bob'], false],
			[4, ['3', 'Cyril'], false],
			[5, ['4', 'Di'], true]
		]);
		expect(rows[0]?.problem).toMatch(/^the quotes do not match: .*\(unclosed quote\).*went on from the next line/);
	});

	it('keeps a quoted field with line breaks and a malformed quote inside it as one row with a problem', async () => {
		const rows = await readRows(await readCsv(Readable.from(['Id,Note\n1,"said "no" and\nthen left"\n2,ok\n']), 'inner.csv'));
		expect(rows.map((r) => [r.row, r.cells, r.problem])).toEqual([
			[2, ['1', 'said "no" and\nthen left'], 'the quotes do not match (trailing quote on quoted field is malformed)'],
			[3, ['2', 'ok'], undefined]
		]);
	});

	it('gives up on a quoted field longer than any real one without waiting for the end of the file', async () => {
		let sent = 0;
		let ended = false;
		const text = Readable.from(
			(async function* () {
				yield 'Id,Name\n1,"stray\n';
				for (; sent < 3_000; sent += 100) yield Array.from({ length: 100 }, (_, i) => `${sent + i + 2},${'x'.repeat(1_000)}\n`).join('');
				ended = true;
			})()
		);
		const table = await readCsv(text, 'long.csv');
		const seen: RawRow[] = [];
		for await (const batch of table.rows) {
			seen.push(...batch);
			if (seen.length >= 2) break;
		}
		expect(ended).toBe(false);
		expect(seen[0]).toMatchObject({ row: 2, problem: expect.stringMatching(/unclosed quote/) });
		expect(seen[1]).toEqual({ row: 3, cells: ['2', 'x'.repeat(1_000)] });
		expect(sent).toBeLessThan(1_200);
	});

	it('refuses a file whose header row has a quote that never closes', async () => {
		await expect(readCsv(Readable.from(['"Id,Name\n1,Ann\n']), 'header.csv')).rejects.toThrow(/the quotes in its header row do not match/);
	});
});

describe('letting go of the file', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'beacon-close-'));
	/** The descriptors this process holds open on paths that start with `prefix`. */
	const openOn = (prefix: string) =>
		readdirSync('/proc/self/fd').filter((fd) => {
			try {
				return readlinkSync(`/proc/self/fd/${fd}`).startsWith(prefix);
			} catch {
				return false; // closed between listing and reading
			}
		});

	it('stops reading a CSV stream when the reader breaks out early, or closes it unread', async () => {
		for (const stop of ['break', 'close'] as const) {
			let stoppedEarly = false;
			const text = Readable.from(
				(async function* () {
					let ended = false;
					try {
						yield 'Id,Name\n';
						for (let i = 0; i < 2_000; i++) yield Array.from({ length: 500 }, (_, j) => `${i * 500 + j},name\n`).join('');
						ended = true;
					} finally {
						stoppedEarly = !ended;
					}
				})()
			);
			const table = await readCsv(text, 'long.csv');
			if (stop === 'break') {
				for await (const batch of table.rows) if (batch.length > 0) break;
			} else {
				await table.close();
			}
			await vi.waitFor(() => expect(stoppedEarly).toBe(true));
			expect(text.destroyed).toBe(true);
		}
	});

	it.runIf(process.platform === 'linux')('closes a CSV file once the first rows are read (as the import preview does), or none', async () => {
		const file = path.join(realpathSync(dir), 'big.csv');
		// Larger than everything the readers buffer ahead, so only letting go of the file closes it.
		writeFileSync(file, `Id,Name\n${Array.from({ length: 1_000_000 }, (_, i) => `${i},name ${i}`).join('\n')}\n`);
		const facts = await inspectTable(file);
		const table = await openTable(file, facts, { fileName: 'big.csv' });
		for await (const batch of table.rows) if (batch.length > 0) break;
		await vi.waitFor(() => expect(openOn(file)).toEqual([]));
		await table.close(); // a second let-go is harmless

		const unread = await openTable(file, facts, { fileName: 'big.csv' });
		expect(openOn(file)).toHaveLength(1);
		await unread.close();
		await vi.waitFor(() => expect(openOn(file)).toEqual([]));
	});

	it.runIf(process.platform === 'linux')("deletes the XLSX reader's spooled sheets when the table is closed unread", async () => {
		const file = path.join(dir, 'book.xlsx');
		const book = new ExcelJS.Workbook();
		book.addWorksheet('Devices').addRows(Array.from({ length: 2_000 }, (_, i) => [i, `name ${i}`]));
		book.addWorksheet('Other').addRow(['x']);
		await book.xlsx.writeFile(file);
		// exceljs spools each sheet to a temporary file named for the process.
		const spooled = path.join(realpathSync(tmpdir()), `tmp-${process.pid}-`);
		const table = await openTable(file, await inspectTable(file), { fileName: 'book.xlsx' });
		expect(openOn(spooled).length).toBeGreaterThan(0);
		await table.close();
		await vi.waitFor(() => expect(openOn(spooled)).toEqual([]));
	});
});

describe('COPY text fields', () => {
	it('escapes the characters COPY treats specially and writes nulls and booleans its way', () => {
		expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
		expect(copyField(null)).toBe('\\N');
		expect(copyField(true)).toBe('t');
		expect(copyField(12)).toBe('12');
	});
});
