import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyField } from '../../src/lib/server/db/copy';
import { compareVersions, isOsSupported } from '../../src/lib/server/devices/os-support';
import { Invalid, readBoolean, readDate, readDateTime, readInstant, readPence, remember } from '../../src/lib/server/imports/cell-values';
import { hashIdentifier, identifierHasher } from '../../src/lib/server/imports/identifiers';
import { detectDelimiter } from '../../src/lib/server/imports/read-csv';
import { inspectFile } from '../../src/lib/server/imports/read-file';

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
		expect((await inspectFile(file('mixed.csv', Buffer.concat([Buffer.from('a\nCafé\n'), Buffer.from('Caf\xe9\n', 'latin1')])))).unreadable).toMatch(/mixes two text encodings/);
		expect((await inspectFile(file('bin.csv', Buffer.from([0x41, 0x00, 0x42])))).unreadable).toMatch(/not a text file/);
		expect((await inspectFile(file('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1])))).unreadable).toMatch(/\.xls/);
		expect(await inspectFile(file('book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14])))).toMatchObject({ format: 'xlsx' });
	});

	it('detects the delimiter from the header line', () => {
		expect(detectDelimiter('a;b;c')).toBe(';');
		expect(detectDelimiter('a\tb\tc')).toBe('\t');
		expect(detectDelimiter('a,b;c,d')).toBe(',');
		expect(detectDelimiter('single')).toBe(',');
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
