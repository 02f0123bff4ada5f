import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { generateReport, signOffReport } from '../../src/lib/server/reports/service';
import { getSignedOffPdf } from '../../src/lib/server/reports/signed-off';
import { verifyPdf } from '../../src/lib/server/reports/verify';
import { createSelfSigned, signingIdentity } from '../../src/lib/server/signing/identity';
import { verifyPackOffline } from '../../src/lib/server/signing/verify-offline';
import { appendBlankPage } from '../helpers/pdf-append-page';
import { hasPdfTools, hasSignatureTools, pdfdetach, pdfFonts, pdfInfo, pdfOutline, pdfsig, pdfXmp, qpdfCheck } from '../helpers/pdf-tools';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

/**
 * Signed, archival packs checked with tools nobody on the team wrote: poppler's pdfsig (its own CMS check
 * through NSS), pdfdetach, pdfinfo and pdffonts, and qpdf. The demo trust ZB1 (shipped frameworks + demo).
 */
let database: TestDatabase;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor });
type Pack = Awaited<ReturnType<typeof generateReport>>;
let board: Pack;
let regulator: Pack;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const tools = hasPdfTools && hasSignatureTools;

beforeAll(async () => {
	database = await openTestDatabase('demo');
	board = await generateReport(ctx(), 'ZB1', 'board', '2025-26');
	regulator = await generateReport(ctx(), 'ZB1', 'regulator', '2025-26');
}, 180_000);
afterAll(async () => {
	await database?.close();
});

describe.skipIf(!tools)(`signed PDF/A-3b packs on ${testBackend()}`, () => {
	it('each pack carries one signature that pdfsig finds valid over the whole file, by the installation’s certificate', () => {
		for (const pack of [board, regulator]) {
			const { signatures, output } = pdfsig(pack.pdf);
			expect(signatures, output).toHaveLength(1);
			expect(signatures[0], output).toMatchObject({ valid: true, totalDocumentSigned: true, commonName: 'Beacon report signing' });
			expect(output).toContain('Signature Type: ETSI.CAdES.detached');
			expect(output).toContain('Signing Hash Algorithm: SHA-256');
		}
	});

	it('embeds the board pack’s data and manifest, and the regulator pack’s whole bundle, each matching the manifest', () => {
		const b = pdfdetach(board.pdf);
		expect(b.listed).toEqual(['data.json', 'manifest.json']);
		expect(sha256(b.files.get('data.json')!)).toBe(board.dataSha256);
		const r = pdfdetach(regulator.pdf);
		// pdfdetach lists the name tree, which PDF keeps sorted by name.
		expect(r.listed).toEqual(
			[
				'assessment.json',
				'outcomes.csv',
				'evidence.csv',
				'actions.csv',
				'metrics.csv',
				'activities.csv',
				'findings.csv',
				'phishing.csv',
				'messaging-apps.csv',
				'manifest.json'
			].sort()
		);
		for (const [pack, detached] of [
			[board, b],
			[regulator, r]
		] as const) {
			const manifest = JSON.parse(detached.files.get('manifest.json')!.toString('utf8')) as {
				reportId: string;
				dataSha256: string;
				files: { name: string; sha256: string; bytes: number }[];
				auditCheckpoint: { events: number };
			};
			expect(manifest).toMatchObject({ reportId: pack.reportId, dataSha256: pack.dataSha256 });
			expect(manifest.files.map((f) => f.name).sort()).toEqual(detached.listed.filter((n) => n !== 'manifest.json'));
			for (const f of manifest.files) expect({ name: f.name, sha256: sha256(detached.files.get(f.name)!) }).toEqual({ name: f.name, sha256: f.sha256 });
			// The audit checkpoint is inside the signed file: in the manifest as in the metadata.
			expect(manifest.auditCheckpoint.events).toBeGreaterThan(0);
		}
		expect(sha256(r.files.get('assessment.json')!)).toBe(regulator.dataSha256);
	});

	it('declares PDF/A-3B in its XMP metadata, with a title, English language, a bookmark per section, every font embedded and a clean qpdf check', () => {
		for (const pack of [board, regulator]) {
			const xmp = pdfXmp(pack.pdf);
			expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
			expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
			const info = pdfInfo(pack.pdf);
			expect(info['PDF version']).toBe('1.7');
			expect(info.Title).toMatch(/^(Board assurance pack|DSPT regulator pack): Borchester General Hospital/);
			expect(Buffer.from(pack.pdf).toString('latin1')).toMatch(/\/Lang \(en-GB\)/);
			const fonts = pdfFonts(pack.pdf);
			expect(fonts.length).toBeGreaterThan(0);
			expect(fonts.filter((f) => !f.embedded)).toEqual([]);
			const check = qpdfCheck(pack.pdf);
			expect(check.ok, check.output).toBe(true);
			expect(check.output).not.toMatch(/WARNING/);
		}
		expect(pdfOutline(board.pdf)).toEqual(expect.arrayContaining(['Executive summary', 'Incidents', 'Board sign-off']));
		expect(pdfOutline(regulator.pdf).length).toBeGreaterThan(2);
	});

	it('a copy with one byte changed is not valid to pdfsig nor to the offline check', async () => {
		const tampered = Buffer.from(board.pdf);
		// A byte inside the signed content (the first page's stream), not the signature itself.
		const at = tampered.indexOf('stream') + 40;
		tampered[at] = tampered[at]! ^ 0x01;
		const { signatures, output } = pdfsig(tampered);
		expect(signatures[0]?.valid, output).toBe(false);
		const offline = await verifyPackOffline(tampered);
		expect(offline.valid).toBe(false);
		expect(offline.problems.join(' ')).toMatch(/signature 1 is not valid/);
	});

	it('a copy with a page appended in an incremental update: pdfsig says the signature no longer covers the document, the offline check says not valid', async () => {
		const appended = appendBlankPage(regulator.pdf);
		expect(Number(pdfInfo(appended).Pages)).toBe(regulator.pages + 1);
		const { signatures, output } = pdfsig(appended);
		// poppler 22 still calls the signature itself valid (it is, over the bytes it covers) but no longer "Total document signed".
		expect(signatures[0]?.totalDocumentSigned, output).toBe(false);
		const offline = await verifyPackOffline(appended);
		expect(offline.valid).toBe(false);
		expect(offline.problems).toContain('the file was changed after it was signed: bytes were added after the last signature');
		expect((await verifyPdf(database.db, appended)).outcome).toBe('altered');
	});

	it('verifies offline from the file alone, and pinned to the installation’s certificate', async () => {
		const identity = signingIdentity();
		const offline = await verifyPackOffline(regulator.pdf, { pinnedCertificatePem: identity.certificatePem });
		expect(offline.problems).toEqual([]);
		expect(offline).toMatchObject({ valid: true, reportId: regulator.reportId, dataSha256: regulator.dataSha256, signOff: null });
		expect(offline.certificate).toMatchObject({ fingerprint: identity.fingerprint, pinned: true });
		const other = createSelfSigned('Someone else');
		const pinnedElsewhere = await verifyPackOffline(regulator.pdf, { pinnedCertificatePem: other.certPem });
		expect(pinnedElsewhere.valid).toBe(false);
		expect(pinnedElsewhere.certificate?.pinned).toBe(false);
	});
});

describe.skipIf(!tools)(`the signed-off copy on ${testBackend()}`, () => {
	let copy: Buffer;
	beforeAll(async () => {
		await signOffReport(ctx(), 'ZB1', board.reportId, {
			name: 'Dr Ann O’Neill',
			role: 'Chair (acting)',
			on: '2026-04-30',
			comment: 'Approved; see minute 12 (b).'
		});
		copy = (await getSignedOffPdf(ctx(), 'ZB1', board.reportId)).bytes;
	}, 60_000);

	it('is the frozen bytes then an update with a second signature: pdfsig shows two valid signatures, the first over the frozen file', async () => {
		expect(copy.subarray(0, board.pdf.length).equals(board.pdf)).toBe(true);
		// Signed as at the recorded sign-off: the same bytes on every download.
		expect((await getSignedOffPdf(ctx(), 'ZB1', board.reportId)).bytes.equals(copy)).toBe(true);
		const { signatures, output } = pdfsig(copy);
		expect(signatures, output).toHaveLength(2);
		expect(signatures.map((s) => s.valid)).toEqual([true, true]);
		expect(signatures.map((s) => s.totalDocumentSigned)).toEqual([false, true]);
		const check = qpdfCheck(copy);
		expect(check.ok, check.output).toBe(true);
		expect(check.output).not.toMatch(/WARNING/);
	});

	it('states the sign-off record, offline and online', async () => {
		const offline = await verifyPackOffline(copy);
		expect(offline.problems).toEqual([]);
		expect(offline.signOff).toEqual({ name: 'Dr Ann O’Neill', role: 'Chair (acting)', on: '2026-04-30', comment: 'Approved; see minute 12 (b).' });
		const online = await verifyPdf(database.db, copy);
		expect(online).toMatchObject({ outcome: 'authentic', reportId: board.reportId });
		expect(online.signOff?.name).toBe('Dr Ann O’Neill');
		expect(online.signatures.map((s) => [s.valid, s.byThisInstallation])).toEqual([
			[true, true],
			[true, true]
		]);
	});

	it('with one byte changed in the sign-off update, is not valid', async () => {
		const tampered = Buffer.from(copy);
		const at = tampered.indexOf('/Location (Beacon)', board.pdf.length) + '/Location (B'.length;
		expect(at).toBeGreaterThan(board.pdf.length);
		tampered[at] = 'o'.charCodeAt(0);
		expect(pdfsig(tampered).signatures.map((s) => s.valid)).toEqual([true, false]);
		expect((await verifyPackOffline(tampered)).valid).toBe(false);
		expect((await verifyPdf(database.db, tampered)).outcome).toBe('altered');
	});
});

describe.skipIf(!tools)('a pack signed under a configured PKCS#12', () => {
	let dir: string;
	const saved = { p12: process.env.BEACON_SIGNING_P12, pass: process.env.BEACON_SIGNING_PASSPHRASE };
	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'beacon-p12-'));
		// A trust PKI's certificate: made here with node-forge and written as a passphrase-protected PKCS#12.
		const { keyPem, certPem } = createSelfSigned('Example NHS Trust Report Signing');
		const p12 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(keyPem), [forge.pki.certificateFromPem(certPem)], 'correct horse', {
			algorithm: '3des'
		});
		writeFileSync(path.join(dir, 'trust.p12'), Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
		writeFileSync(path.join(dir, 'trust.pem'), certPem);
		process.env.BEACON_SIGNING_P12 = path.join(dir, 'trust.p12');
		process.env.BEACON_SIGNING_PASSPHRASE = 'correct horse';
	});
	afterAll(() => {
		for (const [key, value] of [
			['BEACON_SIGNING_P12', saved.p12],
			['BEACON_SIGNING_PASSPHRASE', saved.pass]
		] as const)
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		rmSync(dir, { recursive: true, force: true });
	});

	it('names that certificate’s subject, and verifies pinned to it', async () => {
		const pack = await generateReport(ctx(), 'ZB1', 'board', '2025-26');
		const { signatures, output } = pdfsig(pack.pdf);
		expect(signatures[0], output).toMatchObject({ valid: true, commonName: 'Example NHS Trust Report Signing' });
		expect(signatures[0]?.distinguishedName).toContain('CN=Example NHS Trust Report Signing');
		const pem = readFileSync(path.join(dir, 'trust.pem'), 'utf8');
		const offline = await verifyPackOffline(pack.pdf, { pinnedCertificatePem: pem });
		expect(offline.valid).toBe(true);
		expect(offline.certificate?.subject).toContain('CN=Example NHS Trust Report Signing');
		expect(offline.certificate?.fingerprint).toBe(new X509Certificate(pem).fingerprint256);
	}, 60_000);
});
