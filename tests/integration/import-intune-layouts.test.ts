import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { listDeviceSnapshots } from '../../src/lib/server/devices/service';
import { importFile } from '../../src/lib/server/imports/import-file';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { INTUNE_COLUMNS } from '../fixtures/intune-export';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

/*
 * Sixty devices as Intune writes them, with every OS name its export uses (DOMAIN.md §4), in the admin
 * centre's 53-column layout and in Microsoft Graph's DevicesWithInventory layout. The expected figures are
 * counted by hand from the groups below (support rules of data/devices/os-support.json, reviewed 2026-11:
 * Windows 11 = 10.0.22000, macOS 14, iOS 17, Android 13; Windows Mobile never; Linux no rule).
 */
type Group = [count: number, os: string, version: string, manufacturer: string, model: string];
const GROUPS: Group[] = [
	[10, 'Windows', '10.0.26100.4349', 'Dell Inc.', 'Latitude 5450'], // supported, laptop
	[6, 'Windows', '10.0.19045.5854', 'LENOVO', '20XW0026UK'], // Windows 10: unsupported, laptop
	[4, 'macOS', '15.5', 'Apple', 'MacBook Air (M2, 2022)'], // supported, laptop
	[2, 'macOS', '13.7.6', 'Apple', 'MacBook Pro (13-inch, 2020)'], // unsupported, laptop
	[8, 'iOS/iPadOS', '18.5', 'Apple', 'iPhone 15'], // supported, phone
	[3, 'iOS/iPadOS', '16.7.11', 'Apple', 'iPhone X'], // unsupported, phone
	[3, 'iOS/iPadOS', '17.7', 'Apple', 'iPad (9th generation)'], // supported, tablet
	[5, 'Android (Fully Managed)', '14', 'samsung', 'SM-S911B'], // supported, phone
	[3, 'Android (Corporate-Owned Work Profile)', '13', 'Google', 'Pixel 7'], // supported, phone
	[2, 'Android (Personally-Owned Work Profile)', '12', 'samsung', 'SM-G991B'], // unsupported, phone
	[2, 'Android (Corporate-Owned Dedicated)', '14', 'samsung', 'SM-X200'], // supported, tablet (Galaxy Tab A8)
	[2, 'Android device administrator', '11', 'samsung', 'SM-A125F'], // unsupported, phone
	[1, 'Android (AOSP)', '12', 'RealWear', 'Navigator 520'], // unsupported, type unknown (a headset)
	[2, 'Linux', '22.04', 'Dell Inc.', 'OptiPlex 7010'], // no rule, laptop
	[1, 'Windows Mobile', '10.0.15254.603', 'Microsoft', 'Lumia 950'], // unsupported, phone
	[2, 'ChromeOS', '126', 'Google', 'Chromebook'], // a name no rule knows: reported, type unknown
	[4, 'Windows', '10.0.22631.5472', 'HP', 'EliteBook 840 G10'] // supported, laptop
];
const EXPECTED = {
	total: 60,
	supportedOs: 39, // 10 + 4 + 8 + 3 + 5 + 3 + 2 + 4
	unsupported: 17, // 6 + 2 + 3 + 2 + 2 + 1 + 1
	noRule: 4, // Linux 2 + ChromeOS 2
	encrypted: 48, // every fifth device is not
	types: { laptop: 28, phone: 24, tablet: 5, unknown: 3 }
};
const devices = GROUPS.flatMap(([count, os, version, manufacturer, model]) => Array.from({ length: count }, () => ({ os, version, manufacturer, model })));

const ADMIN_CENTRE_COLUMNS = [
	...INTUNE_COLUMNS,
	'SystemManagementBIOSVersion',
	'TPMManufacturerId',
	'TPMManufacturerVersion',
	'ProductName',
	'Management certificate expiration date'
];
const GRAPH_COLUMNS = [
	'DeviceId',
	'DeviceName',
	'CreatedDate',
	'LastContact',
	'OSVersion',
	'CompliantState',
	'ManagedBy',
	'Ownership',
	'EncryptionStatusString',
	'OS',
	'JailBroken',
	'UPN',
	'SerialNumber',
	'Manufacturer',
	'Model'
];

const guid = (i: number) => `6a1c${String(i).padStart(4, '0')}-0b2d-4e5f-9a8b-${String(i * 7919).padStart(12, '0')}`;
const checkIn = (i: number) => `2026-11-${String(10 + (i % 20)).padStart(2, '0')} 0${i % 10}:15:02.0000000`;

function adminCentreFile(): string {
	const rows = devices.map((d, i) => {
		const cells: Record<string, string> = {
			'Device ID': guid(i),
			'Device name': `DEVICE-${i}`,
			'Enrollment date': '2025-01-06 09:00:00.0000000',
			'Last check-in': checkIn(i),
			'OS version': d.version,
			Manufacturer: d.manufacturer,
			Model: d.model,
			Compliance: 'Compliant',
			'Managed by': 'Intune',
			Ownership: i % 6 === 0 ? 'Personal' : 'Corporate',
			Encrypted: i % 5 === 0 ? 'False' : 'True',
			OS: d.os,
			Jailbroken: 'False',
			'Last EAS sync time': '0001-01-01 00:00:00.0000000',
			'Management certificate expiration date': '9999-12-31 23:59:59.9999999'
		};
		return ADMIN_CENTRE_COLUMNS.map((c) => cells[c] ?? '');
	});
	const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
	return `\ufeff${[ADMIN_CENTRE_COLUMNS, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

function graphFile(): string {
	const rows = devices.map((d, i) => [
		guid(i),
		`DEVICE-${i}`,
		'2025-01-06T09:00:00Z',
		checkIn(i).replace(' ', 'T').replace('.0000000', 'Z'),
		d.version,
		'Compliant',
		'Intune',
		i % 6 === 0 ? 'Personal' : 'Corporate',
		i % 5 === 0 ? 'Not encrypted' : 'Encrypted',
		d.os,
		'False',
		`user${i}@example.nhs.uk`,
		`SN${i}`,
		d.manufacturer,
		d.model
	]);
	return [GRAPH_COLUMNS, ...rows].map((r) => r.map((v) => (/[,"]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',')).join('\n') + '\n';
}

const SYSTEM = systemActor('test');
let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-intune-layouts-'));
	await createOrganisation(ctx(), { ods: 'RI1', name: 'Intune Layout Trust', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'RI2', name: 'Graph Layout Trust', kind: 'trust' });
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

const typesOf = async (snapshotId: number) => {
	const { rows } = await sql<{ device_type: string; n: number }>`
		select device_type, count(*)::int as n from device where snapshot_id = ${snapshotId} group by device_type order by device_type`.execute(database.db);
	return Object.fromEntries(rows.map((r) => [r.device_type, r.n]));
};

describe(`Intune exports as Intune writes them, on ${testBackend()}`, () => {
	for (const [layout, ods, preset, content] of [
		['the admin centre export (53 columns)', 'RI1', 'intune', adminCentreFile],
		['the Graph DevicesWithInventory export', 'RI2', 'intune-graph', graphFile]
	] as const) {
		it(`${layout}: every OS name in its family, the supported-OS count and device types right, an unknown name reported`, async () => {
			const file = path.join(dir, `${preset}.csv`);
			writeFileSync(file, content());
			const report = await importFile(ctx(), { kind: 'devices', ods, path: file });
			expect(report).toMatchObject({ preset, rowsTotal: 60, rowsImported: 60, errors: [], details: { asOf: '2026-11-29', unknownOs: { ChromeOS: 2 } } });
			const [snapshot] = await listDeviceSnapshots(ctx(), ods);
			expect(snapshot).toMatchObject({ source: 'intune', total: EXPECTED.total, supportedOs: EXPECTED.supportedOs, encrypted: EXPECTED.encrypted });
			const support = await sql<{ supported: boolean | null; n: number }>`
				select d.is_os_supported as supported, count(*)::int as n from device d join device_snapshot s on s.id = d.snapshot_id
				join organisation o on o.id = s.organisation_id where o.ods_code = ${ods} group by 1`.execute(database.db);
			expect(Object.fromEntries(support.rows.map((r) => [String(r.supported), r.n]))).toEqual({
				true: EXPECTED.supportedOs,
				false: EXPECTED.unsupported,
				null: EXPECTED.noRule
			});
			expect(await typesOf(snapshot?.id as number)).toEqual(EXPECTED.types);
		});
	}

	it('the device compliance report: its layout recognised, its words for owner and state read', async () => {
		const header = 'DeviceId,DeviceName,DeviceType,OSDescription,OSVersion,OwnerType,LastContact,ComplianceState,OS,UPN';
		const rows = [
			['Windows', '10.0.26100.4349', 'Company', 'Compliant', 'Windows 11 Enterprise'],
			['Windows', '10.0.19045.5854', 'Company', 'Not compliant', 'Windows 10 Enterprise'],
			['iOS/iPadOS', '18.5', 'Personal', 'Compliant', 'iOS 18.5'],
			['Android (Fully Managed)', '14', 'Company', 'In grace period', 'Android 14'],
			['Android (Personally-Owned Work Profile)', '12', 'Personal', 'Not compliant', 'Android 12'],
			['macOS', '15.5', 'Company', 'Compliant', 'macOS 15.5']
		].map(([os, version, owner, state, description], i) =>
			[guid(100 + i), `DEVICE-${i}`, 'Desktop', description, version, owner, `2026-11-2${i} 10:00:00`, state, os, `u${i}@example.nhs.uk`].join(',')
		);
		const file = path.join(dir, 'compliance.csv');
		writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
		await createOrganisation(ctx(), { ods: 'RI3', name: 'Compliance Layout Trust', kind: 'trust' });
		const report = await importFile(ctx(), { kind: 'devices', ods: 'RI3', path: file });
		expect(report).toMatchObject({ preset: 'intune-compliance', rowsImported: 6, errors: [], details: { asOf: '2026-11-25', unknownOs: {} } });
		const [snapshot] = await listDeviceSnapshots(ctx(), 'RI3');
		// Compliant: rows 1, 3, 6; supported: Windows 11, iOS 18.5, Android 14, macOS 15.5; corporate: the four "Company".
		expect(snapshot).toMatchObject({ total: 6, compliant: 3, supportedOs: 4 });
		const owners = await sql<{ ownership: string; n: number }>`
			select ownership, count(*)::int as n from device where snapshot_id = ${snapshot?.id} group by ownership order by ownership`.execute(database.db);
		expect(owners.rows).toEqual([
			{ ownership: 'corporate', n: 4 },
			{ ownership: 'personal', n: 2 }
		]);
	});
});
