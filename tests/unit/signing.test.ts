import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import { createSelfSigned, readPkcs12, signingIdentity } from '../../src/lib/server/signing/identity';
import { decodePdfString } from '../../src/lib/server/signing/signatures';
import { parseSignOffReason, signOffReason } from '../../src/lib/server/signing/verify-offline';

const dir = mkdtempSync(path.join(tmpdir(), 'beacon-signing-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PDF literal strings', () => {
	it('undoes escapes: named, octal, and a line continuation', () => {
		expect(decodePdfString(String.raw`a\(b\)c\\d\ne\101\0501`)).toBe('a(b)c\\d\neA(1');
		expect(decodePdfString('split \\\nline')).toBe('split line');
	});
	it('reads UTF-16BE text after its byte order mark', () => {
		const utf16 = Buffer.from('\ufeffSiân O’Neill', 'utf16le').swap16().toString('latin1');
		expect(decodePdfString(utf16)).toBe('Siân O’Neill');
	});
});

describe('the sign-off record in a signature’s reason', () => {
	it('round-trips, with a comment over several lines', () => {
		const record = { name: 'Dr Ann O’Neill', role: 'Chair', on: '2026-04-30', comment: 'Approved.\nSee minute 12.' };
		expect(signOffReason(record)).toBe('Board sign-off\nName: Dr Ann O’Neill\nRole: Chair\nDate: 2026-04-30\nComment: Approved.\nSee minute 12.');
		expect(parseSignOffReason(signOffReason(record))).toEqual(record);
	});
	it('keeps name and role on one line each, and leaves out an empty comment', () => {
		const reason = signOffReason({ name: 'Ann\nO’Neill', role: ' Chair ', on: '2026-04-30', comment: null });
		expect(reason).toBe('Board sign-off\nName: Ann O’Neill\nRole: Chair\nDate: 2026-04-30');
		expect(parseSignOffReason(reason)).toEqual({ name: 'Ann O’Neill', role: 'Chair', on: '2026-04-30', comment: null });
	});
	it('is not read from any other reason', () => {
		expect(parseSignOffReason('Frozen by Beacon')).toBeNull();
		expect(parseSignOffReason(null)).toBeNull();
	});
});

describe('the installation’s signing identity', () => {
	it('is made once, self-signed, kept readable by its owner only, and the same on the next read', () => {
		const file = path.join(dir, 'signing.pem');
		const first = signingIdentity({ BEACON_SIGNING_FILE: file });
		expect(first.selfSigned).toBe(true);
		expect(first.subject).toBe('CN=Beacon report signing, O=Beacon installation (self-signed)');
		expect(first.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(new Date(first.notAfter).getUTCFullYear()).toBeGreaterThanOrEqual(new Date().getUTCFullYear() + 29);
		expect(signingIdentity({ BEACON_SIGNING_FILE: file }).fingerprint).toBe(first.fingerprint);
	});

	it('reads a PKCS#12 with its passphrase, the certificate matching the key first, and refuses a wrong passphrase', () => {
		const mine = createSelfSigned('Trust signing');
		const ca = createSelfSigned('Trust CA');
		const p12 = forge.pkcs12.toPkcs12Asn1(
			forge.pki.privateKeyFromPem(mine.keyPem),
			[forge.pki.certificateFromPem(ca.certPem), forge.pki.certificateFromPem(mine.certPem)],
			'secret',
			{ algorithm: '3des' }
		);
		const bytes = Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
		const read = readPkcs12(bytes, 'secret');
		expect(read.certPems).toHaveLength(2);
		expect(read.certPems[0]?.replace(/\r/g, '')).toBe(mine.certPem.replace(/\r/g, ''));
		expect(() => readPkcs12(bytes, 'wrong')).toThrow();
		const file = path.join(dir, 'trust.p12');
		writeFileSync(file, bytes);
		const identity = signingIdentity({ BEACON_SIGNING_P12: file, BEACON_SIGNING_PASSPHRASE: 'secret' });
		expect(identity).toMatchObject({ selfSigned: false, subject: 'CN=Trust signing, O=Beacon installation (self-signed)' });
		expect(identity.certificatesDer).toHaveLength(2);
	});
});
