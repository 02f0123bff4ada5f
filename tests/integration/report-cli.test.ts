import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { sha256Hex } from '../../src/lib/server/reports/canonical-json';
import { createSelfSigned, signingIdentity } from '../../src/lib/server/signing/identity';
import { openCliDatabase, type CliDatabase } from './helpers/cli-database';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
let cli: CliDatabase;
let dir: string;
beforeAll(async () => {
	cli = await openCliDatabase('beacon-report-cli-');
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-report-cli-out-'));
	const ctx = { db: cli.db, actor: systemActor('test') };
	await loadFramework(ctx, CAF);
	await createOrganisation(ctx, { ods: 'RC1', name: 'Report CLI Trust', kind: 'trust' });
}, 60_000);
afterAll(async () => {
	await cli?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('report and report verify', () => {
	it('writes a regulator pack and its bundle, verifies the PDF, and refuses a tampered copy', async () => {
		const out = path.join(dir, 'rc1.pdf');
		const made = await cli.run(['report', 'regulator', '--org', 'RC1', '--period', '2024-25', '--out', out, '--json']);
		expect(made.stderr).toMatch(/wrote .*rc1\.pdf/);
		expect(made.code).toBe(0);
		const json = JSON.parse(made.stdout) as { reportId: string; sha256: string; pages: number; bytes: number; bundle: string };
		const pdf = readFileSync(out);
		expect(json).toMatchObject({ sha256: sha256Hex(pdf), bytes: pdf.length, bundle: path.join(dir, 'rc1.zip') });
		expect(json.pages).toBeGreaterThan(0);
		expect(readFileSync(json.bundle).subarray(0, 2).toString('latin1')).toBe('PK');

		const good = await cli.run(['report', 'verify', out, '--json']);
		expect(good.code).toBe(0);
		expect(JSON.parse(good.stdout)).toMatchObject({ authentic: true, reportId: json.reportId, org: 'RC1', period: '2024-25' });

		const tampered = Buffer.from(pdf);
		tampered[tampered.length - 100]! ^= 0x20;
		const copy = path.join(dir, 'tampered.pdf');
		writeFileSync(copy, tampered);
		const bad = await cli.run(['report', 'verify', copy, '--json']);
		expect(bad.code).toBe(2);
		expect(JSON.parse(bad.stdout)).toMatchObject({ authentic: false, outcome: 'altered', reportId: json.reportId });
	}, 90_000);

	it('verifies a pack --offline from the file alone, pinned with --cert, and refuses a changed copy or another certificate', async () => {
		const out = path.join(dir, 'rc1-board.pdf');
		expect((await cli.run(['report', 'board', '--org', 'RC1', '--period', '2024-25', '--out', out])).code).toBe(0);
		const cert = path.join(dir, 'beacon.pem');
		writeFileSync(cert, signingIdentity().certificatePem);
		// No database is opened: the same command works where Beacon is not installed.
		const good = await cli.run(['report', 'verify', out, '--offline', '--cert', cert]);
		expect(good.stderr).toMatch(/^VALID: every signature verifies/);
		expect(good.stderr).toContain(`Certificate: CN=Beacon report signing`);
		expect(good.stderr).toContain('matches the pinned certificate');
		expect(good.stderr).toMatch(/Embedded: data\.json \(\d+ bytes, SHA-256 [0-9a-f]{64}\)/);
		expect(good.code).toBe(0);
		const json = await cli.run(['report', 'verify', out, '--offline', '--json']);
		expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, problems: [], certificate: { pinned: null } });

		const tampered = Buffer.from(readFileSync(out));
		const at = tampered.indexOf('stream') + 40;
		tampered[at] = tampered[at]! ^ 0x01;
		const copy = path.join(dir, 'rc1-board-changed.pdf');
		writeFileSync(copy, tampered);
		const bad = await cli.run(['report', 'verify', copy, '--offline']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/^NOT VALID: signature 1 is not valid/);

		const other = path.join(dir, 'other.pem');
		writeFileSync(other, createSelfSigned('Not Beacon').certPem);
		const pinned = await cli.run(['report', 'verify', out, '--offline', '--cert', other]);
		expect(pinned.code).toBe(2);
		expect(pinned.stderr).toContain('not by the pinned certificate');
		expect((await cli.run(['report', 'verify', out, '--cert', cert])).code).toBe(1);
	}, 90_000);

	it('says what is wrong with the command line', async () => {
		const usage = await cli.run(['report', 'board', '--org', 'RC1', '--period', '2024-25']);
		expect(usage.code).toBe(1);
		expect(usage.stderr).toContain('report board|regulator --org ODS --period 2025-26 --out FILE');
		const period = await cli.run(['report', 'board', '--org', 'RC1', '--period', '2024-26', '--out', path.join(dir, 'x.pdf')]);
		expect(period.code).toBe(2);
		expect(period.stderr).toMatch(/a period is a financial year written like 2025-26/);
		const missing = await cli.run(['report', 'verify', path.join(dir, 'nothing.pdf')]);
		expect(missing.code).toBe(1);
	}, 60_000);

	it("prints a board pack's cover sheet and commentary from --cover-sheet, frozen in its data; refuses one that is not a cover sheet", async () => {
		const sheet = path.join(dir, 'cover.json');
		writeFileSync(
			sheet,
			JSON.stringify({
				purpose: 'information',
				recommendation: 'To note.',
				executiveLead: 'Chief Digital Officer',
				author: 'Head of IT',
				commentary: 'All on track.'
			})
		);
		const out = path.join(dir, 'rc1-cover.pdf');
		const made = await cli.run(['report', 'board', '--org', 'RC1', '--period', '2024-25', '--out', out, '--cover-sheet', sheet, '--json']);
		expect(made.code).toBe(0);
		const { reportId } = JSON.parse(made.stdout) as { reportId: string };
		const stored = await cli.db.selectFrom('report_snapshot').select('data').where('report_id', '=', reportId).executeTakeFirstOrThrow();
		expect((stored.data as { coverSheet: unknown }).coverSheet).toEqual({
			meeting: null,
			purpose: 'information',
			recommendation: 'To note.',
			executiveLead: 'Chief Digital Officer',
			author: 'Head of IT',
			bafRisk: null,
			commentary: 'All on track.'
		});
		writeFileSync(sheet, JSON.stringify({ purpose: 'information', recommendation: '', executiveLead: 'x', author: 'y' }));
		const refused = await cli.run(['report', 'board', '--org', 'RC1', '--period', '2024-25', '--out', out, '--cover-sheet', sheet]);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('recommendation');
		writeFileSync(sheet, 'not json');
		expect((await cli.run(['report', 'board', '--org', 'RC1', '--period', '2024-25', '--out', out, '--cover-sheet', sheet])).stderr).toContain('is not JSON');
		writeFileSync(sheet, JSON.stringify({ purpose: 'information', recommendation: 'To note.', executiveLead: 'x', author: 'y' }));
		expect((await cli.run(['report', 'regulator', '--org', 'RC1', '--period', '2024-25', '--out', out, '--cover-sheet', sheet])).stderr).toContain(
			'--cover-sheet is for a board pack'
		);
	}, 90_000);
});
