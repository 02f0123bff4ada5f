import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { sha256Hex } from '../../src/lib/server/reports/canonical-json';
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
});
