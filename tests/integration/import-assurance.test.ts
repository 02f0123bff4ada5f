import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveMessagingApp } from '../../src/lib/server/assurance/messaging';
import { systemActor } from '../../src/lib/server/auth/actor';
import { createDeviceSnapshot } from '../../src/lib/server/devices/service';
import { hashIdentifier, identifierKey } from '../../src/lib/server/imports/identifiers';
import { importFile, type ImportRequest } from '../../src/lib/server/imports/import-file';
import { getOrganisationMetrics } from '../../src/lib/server/metrics/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { checksumTables } from './helpers/checksum';
import { openCliDatabase, type CliDatabase } from './helpers/cli-database';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { recordedLongAgo } from './helpers/clock';

const FIXTURES = fileURLToPath(new URL('../fixtures/imports/', import.meta.url));
const SYSTEM = systemActor('test');
/** The fixtures' trust; bad files go to a second one so they cannot disturb the first's data. */
const ODS = 'RAS';
const SPARE = 'RAT';
const RAW = 'intune-discovered-apps-raw-2025-09.csv';
const COUNTS = 'intune-discovered-apps-counts-2025-09.csv';
let database: TestDatabase;
let dir: string;
// Imports recorded long ago, so a date read as of sees each tracker's findings (their history: helpers/clock.ts).
const ctx = () => ({ db: database.db, actor: SYSTEM, clock: recordedLongAgo });
const fixture = (name: string) => path.join(FIXTURES, name);
const run = (kind: ImportRequest['kind'], file: string, options: Partial<ImportRequest> = {}) =>
	importFile(ctx(), { kind, ods: ODS, path: file.includes('/') ? file : fixture(file), ...options });

/** A fixture with some cells changed: line n (the header is line 1) has `from` replaced by `to`. */
function variant(name: string, edits: [line: number, from: string, to: string][]): string {
	const lines = readFileSync(fixture(name), 'utf8').split('\n');
	for (const [n, from, to] of edits) {
		const line = lines[n - 1] as string;
		if (!line.includes(from)) throw new Error(`${name} line ${n} has no "${from}"`);
		lines[n - 1] = line.replace(from, to);
	}
	const file = path.join(dir, `${edits.map(([n]) => n).join('-')}-${name}`);
	writeFileSync(file, lines.join('\n'));
	return file;
}

async function query<T>(text: ReturnType<typeof sql<T>>): Promise<T[]> {
	return (await text.execute(database.db)).rows;
}

const findingsOf = (ods: string) =>
	query(sql<Record<string, unknown>>`
		select f.reference, f.severity, f.raised_on, f.due_on, f.owner, f.status, f.remediated_on, f.accepted_by, f.accepted_on, f.import_batch_id
		from assurance_finding f join organisation o on o.id = f.organisation_id where o.ods_code = ${ods} order by f.reference`);

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-import-assurance-'));
	for (const ods of [ODS, SPARE]) await createOrganisation(ctx(), { ods, name: `${ods} Borsetshire NHS Trust`, kind: 'trust' });
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`importing findings trackers on ${testBackend()}`, () => {
	let firstBatch: number | null = null;

	it('adds every finding, with the default due date where the tracker gives none', async () => {
		const report = await run('findings', 'findings-tracker-2025.csv');
		expect(report).toMatchObject({ preset: 'findings-tracker', rowsTotal: 8, rowsImported: 8, rowsRejected: 0, errors: [], details: { added: 8, updated: 0 } });
		firstBatch = report.batchId;
		const rows = await findingsOf(ODS);
		expect(rows).toHaveLength(8);
		expect(rows.every((r) => r.import_batch_id === firstBatch)).toBe(true);
		const byRef = Object.fromEntries(rows.map((r) => [r.reference, r]));
		expect(byRef['PT25-01']).toMatchObject({
			severity: 'critical',
			raised_on: '2025-03-03',
			due_on: '2025-03-17',
			status: 'remediated',
			remediated_on: '2025-03-14'
		});
		expect(byRef['PT25-03']).toMatchObject({
			status: 'risk_accepted',
			due_on: '2025-03-31',
			accepted_by: 'SIRO (Director of Finance)',
			accepted_on: '2025-03-17'
		});
		expect(byRef['PT25-04']).toMatchObject({ severity: 'medium', due_on: '2025-06-01', status: 'open' });
		expect(byRef['PT25-05']).toMatchObject({ severity: 'low', due_on: '2025-08-30', owner: 'Web Services Lead' });
	});

	it('rolls a tracker with bad rows back wholly, naming each row and column', async () => {
		const before = await checksumTables(database.db);
		const bad = variant('findings-tracker-2025-q3.csv', [
			[3, 'Resolved,02/04/2025', 'Resolved,'],
			[6, 'Low,03/03/2025', 'Informational,03/03/2025'],
			[10, 'PT25-06', 'PT25-01']
		]);
		const report = await run('findings', bad);
		expect(report).toMatchObject({ batchId: null, rowsImported: 0, rowsRejected: 3 });
		expect(report.errors.map((e) => [e.row, e.column, e.value])).toEqual([
			[3, 'Date Closed', ''],
			[6, 'Risk Rating', 'Informational'],
			[10, 'Finding ID', 'PT25-01']
		]);
		expect(report.errors[0]?.message).toBe('a remediated finding needs the date it was remediated');
		expect(report.errors[2]?.message).toBe('the reference PT25-01 is already on row 2: expected each finding once per file');
		expect(await checksumTables(database.db)).toEqual(before);
	});

	it('with skipInvalid, loads the good findings and keeps the problems on the batch', async () => {
		const bad = variant('findings-tracker-2025-q3.csv', [[4, 'Risk accepted,,SIRO (Director of Finance)', 'Risk accepted,,']]);
		const report = await importFile(ctx(), { kind: 'findings', ods: SPARE, path: bad, skipInvalid: true });
		expect(report).toMatchObject({ rowsTotal: 9, rowsImported: 8, rowsRejected: 1, details: { added: 8, updated: 0 } });
		expect(report.errors.map((e) => [e.row, e.column, e.message])).toEqual([
			[4, 'Accepted By', 'a risk acceptance records who accepted the risk (e.g. the SIRO)']
		]);
		expect((await findingsOf(SPARE)).map((f) => f.reference)).not.toContain('PT25-03');
	});

	it('merges a later tracker on the reference: closed findings updated, new ones added, a blank owner kept', async () => {
		const report = await run('findings', 'findings-tracker-2025-q3.csv');
		expect(report).toMatchObject({ rowsImported: 9, errors: [], details: { added: 1, updated: 8 } });
		const rows = await findingsOf(ODS);
		expect(rows).toHaveLength(9);
		expect(new Set(rows.map((r) => r.import_batch_id))).toEqual(new Set([report.batchId]));
		const byRef = Object.fromEntries(rows.map((r) => [r.reference, r]));
		expect(byRef['PT25-02']).toMatchObject({ status: 'remediated', remediated_on: '2025-04-02', due_on: '2025-03-17' });
		expect(byRef['IA25-01']).toMatchObject({ status: 'remediated', remediated_on: '2025-05-23' });
		expect(byRef['PT25-05']).toMatchObject({ status: 'open', owner: 'Web Services Lead' });
		expect(byRef['PT25-06']).toMatchObject({ severity: 'high', raised_on: '2025-09-08', due_on: '2025-09-22', status: 'open' });
		const metrics = await getOrganisationMetrics(ctx(), ODS, '2025-09-30');
		expect(metrics.assurance.openCriticalHigh).toBe(1);
	});

	it('changes nothing when the same tracker is imported again', async () => {
		const before = await checksumTables(database.db);
		const again = await run('findings', 'findings-tracker-2025-q3.csv');
		expect(again).toMatchObject({ batchId: null, rowsImported: 0, errors: [] });
		expect(again.duplicateOf).not.toBeNull();
		expect(await checksumTables(database.db)).toEqual(before);
	});
});

describe(`importing discovered apps on ${testBackend()}`, () => {
	const deviceKey = (n: number) => hashIdentifier(identifierKey(), 'device', `3f2a9c1e-5b7d-4e8a-9c0f-1a2b3c4d5e0${n}`);

	it('refuses an apps file without the date it was taken, before reading it', async () => {
		const report = await run('apps', RAW);
		expect(report).toMatchObject({ batchId: null, rowsTotal: 0 });
		expect(report.errors).toEqual([
			{
				row: null,
				column: null,
				value: null,
				message: expect.stringMatching(/^Discovered apps \(MDM\) files do not say when they were taken: give the date with --as-of/)
			}
		]);
	});

	it('counts each app version once per device, and keeps devices (hashed) for messaging apps only', async () => {
		await approveMessagingApp(ctx(), ODS, { name: 'Pando' });
		const report = await run('apps', RAW, { asOf: '2025-09-30' });
		expect(report).toMatchObject({
			preset: 'intune-app-inventory',
			rowsTotal: 19,
			rowsImported: 19,
			errors: [],
			details: {
				asOf: '2025-09-30',
				devicesTotal: 6,
				apps: 13,
				replacedSnapshot: null,
				messagingApps: ['Pando', 'Telegram', 'WhatsApp Business', 'WhatsApp Desktop', 'whatsapp'],
				messagingDeviceApps: 6
			}
		});
		const apps = await query(sql<{ app_name: string; app_version: string; device_count: number }>`
			select a.app_name, a.app_version, a.device_count from discovered_app a join discovered_app_snapshot s on s.id = a.snapshot_id
			where s.as_of = '2025-09-30' and a.app_name in ('Microsoft Outlook', 'WhatsApp Business', 'Pando') order by 1, 2`);
		expect(apps).toEqual([
			{ app_name: 'Microsoft Outlook', app_version: '4.2435.0', device_count: 3 },
			{ app_name: 'Microsoft Outlook', app_version: '4.2435.1', device_count: 1 },
			{ app_name: 'Pando', app_version: '3.14.0', device_count: 2 },
			{ app_name: 'WhatsApp Business', app_version: '2.24.8.78', device_count: 1 },
			{ app_name: 'WhatsApp Business', app_version: '2.24.9.0', device_count: 1 }
		]);
		const devices = await query(sql<{ device_key: string; app_name: string }>`select device_key, app_name from discovered_app_device`);
		const pairs = (rows: { device_key: string; app_name: string }[]) => rows.map((r) => `${r.app_name} ${r.device_key}`).sort();
		const expected: [number, string][] = [
			[3, 'Pando'],
			[4, 'Pando'],
			[2, 'Telegram'],
			[1, 'WhatsApp Business'],
			[5, 'WhatsApp Desktop'],
			[2, 'whatsapp']
		];
		expect(pairs(devices)).toEqual(pairs(expected.map(([n, app]) => ({ device_key: deviceKey(n), app_name: app }))));
		// Nothing that names a device or a person is stored: not the device ID, its name, nor its user.
		const raw = readFileSync(fixture(RAW), 'utf8');
		const personal = [...raw.matchAll(/3f2a9c1e-[0-9a-f-]+|RAS-[A-Za-z]+-\d+|[a-z0-9.]+@nhs\.example|Amara Okafor/g)].map((m) => m[0]);
		expect(personal.length).toBeGreaterThan(10);
		const stored = await query(sql<{ n: number }>`
			select count(*)::int as n from (
				select to_jsonb(t)::text as j from discovered_app_device t union all select to_jsonb(t)::text from discovered_app t
				union all select to_jsonb(t)::text from import_batch t union all select to_jsonb(t)::text from audit_event t) s
			where j like any (${personal.map((p) => `%${p}%`)}::text[])`);
		expect(stored[0]?.n).toBe(0);
	});

	it('counts a device with two unapproved messaging apps once, exactly, for the metrics', async () => {
		const { assurance } = await getOrganisationMetrics(ctx(), ODS, '2025-09-30');
		expect(assurance).toMatchObject({ devicesWithUnapprovedMessaging: 3, unapprovedMessagingExact: true, messagingSnapshotOn: '2025-09-30' });
		expect(assurance.unapprovedMessagingRate).toMatchObject({ numerator: 3, denominator: 6 });
	});

	it('stores a per-app count export with no device total, so the metric is an upper bound', async () => {
		await createDeviceSnapshot(ctx(), ODS, {
			asOf: '2025-09-15',
			source: 'other',
			counts: { total: 60, managed: 48, compliant: 40, encrypted: 48, supportedOs: 45 }
		});
		const report = await run('apps', COUNTS, { asOf: '2025-09-15' });
		// WhatsApp 2.24.9.12 is listed for Android and iOS: one app version, its devices added up.
		expect(report).toMatchObject({
			preset: 'intune-discovered-apps',
			rowsImported: 10,
			errors: [],
			details: { asOf: '2025-09-15', devicesTotal: null, apps: 9 }
		});
		const whatsapp = await query(
			sql<{ device_count: number }>`select device_count from discovered_app where app_name = 'WhatsApp' and app_version = '2.24.9.12'`
		);
		expect(whatsapp).toEqual([{ device_count: 35 }]);
		const snapshots = await query(sql<{ as_of: string; devices_total: number | null; devices: number }>`
			select s.as_of, s.devices_total, (select count(*)::int from discovered_app_device d where d.snapshot_id = s.id) as devices
			from discovered_app_snapshot s order by s.as_of`);
		expect(snapshots).toEqual([
			{ as_of: '2025-09-15', devices_total: null, devices: 0 },
			{ as_of: '2025-09-30', devices_total: 6, devices: 6 }
		]);
		// 12 + 35 + 4 + 2 = 53 installs of consumer apps, bounded by the 48 managed devices.
		const { assurance } = await getOrganisationMetrics(ctx(), ODS, '2025-09-15');
		expect(assurance).toMatchObject({ devicesWithUnapprovedMessaging: 48, unapprovedMessagingExact: false, messagingSnapshotOn: '2025-09-15' });
	});

	it('changes nothing when the same export is imported again, and a new export for a date replaces that snapshot', async () => {
		const before = await checksumTables(database.db);
		const again = await run('apps', RAW, { asOf: '2025-09-30' });
		expect(again.duplicateOf).not.toBeNull();
		expect(await checksumTables(database.db)).toEqual(before);

		const earlier = await query(sql<{ id: number }>`select id from discovered_app_snapshot where as_of = '2025-09-30'`);
		const revised = variant(COUNTS, [[5, ',4,', ',3,']]);
		const report = await run('apps', revised, { asOf: '2025-09-30' });
		expect(report.details).toMatchObject({ asOf: '2025-09-30', devicesTotal: null, replacedSnapshot: earlier[0]?.id });
		const left = await query(sql<{ n: number }>`select count(*)::int as n from discovered_app_device`);
		expect(left[0]?.n).toBe(0);
		expect((await getOrganisationMetrics(ctx(), ODS, '2025-09-30')).assurance.unapprovedMessagingExact).toBe(false);
	});

	it('rolls a bad export back wholly, naming the rows and withholding device IDs', async () => {
		const before = await checksumTables(database.db);
		const bad = variant(RAW, [
			[4, 'Microsoft Teams', ''],
			[9, '3f2a9c1e-5b7d-4e8a-9c0f-1a2b3c4d5e02', '']
		]);
		const report = await importFile(ctx(), { kind: 'apps', ods: SPARE, path: bad, asOf: '2025-09-30' });
		expect(report).toMatchObject({ batchId: null, rowsImported: 0, rowsRejected: 2 });
		expect(report.errors.map((e) => [e.row, e.column, e.value, e.message])).toEqual([
			[4, 'ApplicationName', '', 'every row needs the application name'],
			[9, 'DeviceId', '(withheld: personal identifier)', 'every row needs the device ID']
		]);
		expect(await checksumTables(database.db)).toEqual(before);
	});
});

describe(`beacon import findings|apps on ${testBackend()}`, () => {
	let cli: CliDatabase;
	beforeAll(async () => {
		cli = await openCliDatabase('beacon-import-assurance-cli-');
		await createOrganisation({ db: cli.db, actor: SYSTEM }, { ods: ODS, name: 'CLI Borsetshire NHS Trust', kind: 'trust' });
	});
	afterAll(async () => {
		await cli?.close();
	});

	it('imports a findings tracker and an app inventory as JSON, and asks for --as-of for apps', async () => {
		// A usage error is found before the database opens, so it can run beside an import.
		const [findings, noDate] = await Promise.all([
			cli.run(['import', 'findings', fixture('findings-tracker-2025.csv'), '--org', ODS, '--json']),
			cli.run(['import', 'apps', fixture(RAW), '--org', ODS, '--json'])
		]);
		expect(findings.code, findings.stderr).toBe(0);
		expect(JSON.parse(findings.stdout)).toMatchObject({
			kind: 'findings',
			preset: 'findings-tracker',
			rowsImported: 8,
			errors: [],
			details: { added: 8, updated: 0 }
		});
		expect(noDate.code).toBe(1);
		expect(noDate.stderr).toMatch(/import apps needs --as-of YYYY-MM-DD/);

		const apps = await cli.run(['import', 'apps', fixture(RAW), '--org', ODS, '--as-of', '2025-09-30', '--json']);
		expect(apps.code, apps.stderr).toBe(0);
		expect(JSON.parse(apps.stdout)).toMatchObject({
			kind: 'apps',
			preset: 'intune-app-inventory',
			rowsImported: 19,
			details: { asOf: '2025-09-30', devicesTotal: 6, messagingDeviceApps: 4 }
		});
	}, 120_000);
});
