import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { INTUNE_COLUMNS, intuneRow, writeIntuneExport } from '../fixtures/intune-export';
import { tamperWithAudit } from './helpers/tamper';
import { openCliDatabase, type CliDatabase } from './helpers/cli-database';
import { testBackend } from './helpers/database';

// The CLI runs in this process on the same backend as the rest of this project: an empty PGlite
// directory, or a fresh PostgreSQL database cloned from the migrated template. The exit statuses a shell
// sees and a password on standard input are checked on a real process, from the bundle.
let cli: CliDatabase;
beforeAll(async () => {
	cli = await openCliDatabase('beacon-cli-', 'empty');
});
afterAll(async () => {
	await cli?.close();
});

describe(`beacon CLI on ${testBackend()}`, () => {
	it.runIf(testBackend() === 'pglite')('asks for migrate before anything else on a new PGlite directory', async () => {
		const result = await cli.run(['org', 'list', '--json']);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/run `npm run -s cli -- migrate` first/);
		expect(result.stdout).toBe('');
	});

	it('migrates, then reports nothing left to do', async () => {
		const first = await cli.run(['migrate', '--json']);
		expect(first.code).toBe(0);
		expect(JSON.parse(first.stdout).applied).toHaveLength(testBackend() === 'pglite' ? Object.keys(migrations).length : 0);
		const second = await cli.run(['migrate', '--json']);
		expect(JSON.parse(second.stdout)).toEqual({ applied: [] });
		expect(second.stderr).toMatch(/already up to date/);
	});

	it('adds organisations and lists them as JSON on stdout only', async () => {
		expect((await cli.run(['org', 'add', '--ods', 'QZZ', '--name', 'NHS Test ICB', '--kind', 'icb'])).code).toBe(0);
		const added = await cli.run(['org', 'add', '--ods', 'rz1', '--name', 'Test Trust', '--kind', 'trust', '--parent', 'QZZ', '--json']);
		expect(added.code).toBe(0);
		expect(JSON.parse(added.stdout)).toEqual({ ods: 'RZ1', name: 'Test Trust', kind: 'trust', parentOds: 'QZZ' });
		const list = await cli.run(['org', 'list', '--json']);
		expect(list.code).toBe(0);
		expect(JSON.parse(list.stdout)).toEqual([
			{ ods: 'QZZ', name: 'NHS Test ICB', kind: 'icb', parentOds: null },
			{ ods: 'RZ1', name: 'Test Trust', kind: 'trust', parentOds: 'QZZ' }
		]);
	});

	it('exits 2 when input is rejected and 1 on a usage error', async () => {
		const duplicate = await cli.runProcess(['org', 'add', '--ods', 'RZ1', '--name', 'Again', '--kind', 'trust']);
		expect(duplicate.code).toBe(2);
		expect(duplicate.stderr).toMatch(/RZ1 already exists/);
		const unknownParent = await cli.run(['org', 'add', '--ods', 'RZ2', '--name', 'X', '--kind', 'trust', '--parent', 'NOPE']);
		expect(unknownParent.code).toBe(2);
		const badCode = await cli.run(['org', 'add', '--ods', 'R-2', '--name', 'X', '--kind', 'trust']);
		expect(badCode.code).toBe(2);
		expect(badCode.stderr).toMatch(/ods: an ODS code is 3 to 10 letters and digits/);
		// Usage errors are caught before the database is opened, so these can run side by side; the last
		// one as a real process too, for the exit status a shell sees.
		const usage = await Promise.all(
			[
				['org', 'add', '--ods', 'RZ2', '--name', 'X', '--kind', 'hospital'],
				['org', 'add', '--ods', 'RZ2'],
				['org', 'list', '--bogus']
			].map((args) => cli.run(args))
		);
		usage.push(await cli.runProcess(['frobnicate']));
		expect(usage.map((r) => r.code)).toEqual([1, 1, 1, 1]);
		expect(JSON.parse((await cli.run(['org', 'list', '--json'])).stdout)).toHaveLength(2);
	}, 60_000);

	it('seeds the demo once; a second seed changes nothing', async () => {
		const first = await cli.run(['seed', 'demo', '--json']);
		expect(first.code, first.stderr).toBe(0);
		expect(JSON.parse(first.stdout)).toMatchObject({ created: true, organisations: 6 });
		const second = await cli.run(['seed', 'demo', '--json']);
		expect(JSON.parse(second.stdout)).toMatchObject({ created: false, organisations: 0 });
		expect(second.stderr).toMatch(/nothing changed/);
		const list = JSON.parse((await cli.run(['org', 'list', '--json'])).stdout) as { ods: string }[];
		// Beside the demo's own, the real trusts of the public status snapshot it imports (data/public/).
		const publicCodes = new Set(
			readFileSync('data/public/dspt-trusts-2022-23.csv', 'utf8')
				.split('\n')
				.slice(1)
				.map((line) => line.split(',')[1])
				.filter(Boolean)
		);
		expect(list.map((o) => o.ods).filter((ods) => !publicCodes.has(ods))).toEqual(['QZZ', 'RZ1', 'ZB0', 'ZB1', 'ZB2', 'ZB3', 'ZB4', 'ZB5']);
		expect(list).toHaveLength(8 + publicCodes.size);
		// Demo sign-ins exist only in embedded mode: one per role.
		const users = JSON.parse((await cli.run(['user', 'list', '--json'])).stdout) as { email: string; roles: { role: string }[] }[];
		const demo = users.filter((u) => u.email.endsWith('@demo.beacon.invalid'));
		if (testBackend() === 'pglite') expect(demo.map((u) => u.roles[0]?.role).sort()).toEqual(['admin', 'assessor', 'board', 'it_lead', 'regulator']);
		else expect(demo).toEqual([]);
	}, 90_000);

	it('adds, lists and disables users; a password comes only from standard input', async () => {
		const added = await cli.runProcess(
			['user', 'add', '--email', 'Board@Trust.nhs.uk', '--name', 'Bea Board', '--role', 'board', '--org', 'rz1', '--password-stdin', '--json'],
			'a long board password\n'
		);
		expect(added.code, added.stderr).toBe(0);
		expect(JSON.parse(added.stdout)).toEqual({ email: 'board@trust.nhs.uk', name: 'Bea Board', active: true, roles: [{ role: 'board', ods: 'RZ1' }] });
		expect((await cli.run(['user', 'add', '--email', 'a@b.nhs.uk', '--name', 'A', '--role', 'board'])).code).toBe(1);
		expect((await cli.run(['user', 'add', '--email', 'a@b.nhs.uk', '--name', 'A', '--role', 'admin', '--org', 'RZ1'])).code).toBe(1);
		expect((await cli.run(['user', 'add', '--email', 'board@trust.nhs.uk', '--name', 'Again', '--role', 'board', '--org', 'RZ1'])).code).toBe(2);
		expect((await cli.run(['user', 'disable', '--email', 'board@trust.nhs.uk'])).code).toBe(0);
		expect((await cli.run(['user', 'disable', '--email', 'nobody@trust.nhs.uk'])).code).toBe(2);
		const list = JSON.parse((await cli.run(['user', 'list', '--json'])).stdout) as { email: string; active: boolean }[];
		expect(list.find((u) => u.email === 'board@trust.nhs.uk')?.active).toBe(false);
	}, 60_000);

	it('verifies the audit trail, and exits 2 naming the event when a row was altered', async () => {
		const intact = await cli.run(['audit', 'verify', '--json']);
		expect(intact.code, intact.stderr).toBe(0);
		const { ok, events } = JSON.parse(intact.stdout) as { ok: boolean; events: number };
		expect(ok).toBe(true);
		expect(events).toBeGreaterThan(10);
		// Any event but the first; ids have gaps (a rolled-back transaction still uses up its sequence numbers).
		const ids = (await cli.db.selectFrom('audit_event').select('id').orderBy('id').execute()).map((row) => Number(row.id));
		expect(ids).toHaveLength(events);
		const target = ids[1 + Math.floor(Math.random() * (ids.length - 1))]!;
		await tamperWithAudit(cli.db, `update audit_event set actor_label = 'someone else' where id = ${target}`);
		const broken = await cli.run(['audit', 'verify', '--json']);
		expect(broken.code).toBe(2);
		expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, firstBadId: target });
		expect(broken.stderr).toMatch(new RegExp(`NOT intact at event ${target}`));
	}, 60_000);

	it('imports the public DSPT status export: JSON report, exit 2 with row and column when rejected', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'beacon-cli-import-'));
		try {
			const good = path.join(dir, 'statuses.csv');
			writeFileSync(good, 'Code,Organisation Name,Status\nRXK,K Trust,23/24 Standards Met\nRXL,L Trust,Not Published\n');
			const first = await cli.run(['import', 'dspt-status', good, '--json']);
			expect(first.code, first.stderr).toBe(0);
			expect(JSON.parse(first.stdout)).toMatchObject({ kind: 'dspt-status', rowsTotal: 2, rowsImported: 2, rowsRejected: 0, duplicateOf: null, errors: [] });
			const again = await cli.run(['import', 'dspt-status', good, '--json']);
			expect(again.code).toBe(0);
			expect(JSON.parse(again.stdout).duplicateOf).toBe(JSON.parse(first.stdout).batchId);
			const bad = path.join(dir, 'bad.csv');
			writeFileSync(bad, 'Code,Organisation Name,Status\nRXM,M Trust,23/24 Standards Met\nRXN,N Trust,23/24 Whatever\n');
			const rejected = await cli.run(['import', 'dspt-status', bad, '--json']);
			expect(rejected.code).toBe(2);
			expect(JSON.parse(rejected.stdout).errors).toEqual([{ row: 3, column: 'Status', value: '23/24 Whatever', message: expect.any(String) }]);
			expect((await cli.run(['import', 'devices', good])).code).toBe(1);
			expect((await cli.run(['import', 'dspt-status', path.join(dir, 'missing.csv')])).code).toBe(1);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);

	it('imports an Intune export for an organisation, exits 2 on a bad file, and lists the imports', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'beacon-cli-devices-'));
		try {
			const good = path.join(dir, 'devices.csv');
			await writeIntuneExport(good, 20);
			const bad = path.join(dir, 'bad.csv');
			writeFileSync(
				bad,
				`${INTUNE_COLUMNS.join(',')}\n${intuneRow(1)
					.map((c, i) => (INTUNE_COLUMNS[i] === 'Last check-in' ? '31/02/2025' : c))
					.join(',')}\n`
			);
			const rejected = await cli.run(['import', 'devices', bad, '--org', 'RZ1', '--json']);
			expect(rejected.code).toBe(2);
			expect(JSON.parse(rejected.stdout)).toMatchObject({
				batchId: null,
				rowsImported: 0,
				errors: [{ row: 2, column: 'Last check-in', value: '31/02/2025', message: expect.stringMatching(/must exist/) }]
			});
			const imported = await cli.run(['import', 'devices', good, '--org', 'RZ1', '--as-of', '2026-09-30', '--json']);
			expect(imported.code, imported.stderr).toBe(0);
			const report = JSON.parse(imported.stdout);
			expect(report).toMatchObject({
				kind: 'devices',
				rowsTotal: 20,
				rowsImported: 20,
				rowsRejected: 0,
				duplicateOf: null,
				errors: [],
				details: { asOf: '2026-09-30' }
			});
			const list = await cli.run(['import', 'list', '--org', 'RZ1', '--json']);
			expect(JSON.parse(list.stdout)).toEqual([
				expect.objectContaining({ batchId: report.batchId, kind: 'devices', fileName: 'devices.csv', rowsImported: 20 })
			]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);
});
