import { createHmac } from 'node:crypto';
import { addDays } from './dates';
import { NATIONAL_END, type NationalOrganisation } from './national-profile';
import type { Random } from './random';

export const DEVICE_COLUMNS = [
	'snapshot_id',
	'device_key',
	'device_type',
	'os',
	'os_version',
	'is_os_supported',
	'ownership',
	'compliance',
	'is_managed',
	'is_encrypted',
	'is_jailbroken',
	'enrolled_at',
	'last_check_in_at',
	'manufacturer',
	'model'
] as const;

type DeviceType = 'phone' | 'tablet' | 'laptop';

const MODELS: Record<DeviceType, readonly (readonly [string, string, string])[]> = {
	phone: [
		['iOS', 'Apple', 'iPhone 13'],
		['iOS', 'Apple', 'iPhone SE (3rd generation)'],
		['Android', 'Samsung', 'Galaxy A54'],
		['Android', 'Samsung', 'Galaxy XCover6 Pro']
	],
	tablet: [
		['iOS', 'Apple', 'iPad (9th generation)'],
		['Android', 'Samsung', 'Galaxy Tab Active4 Pro']
	],
	laptop: [
		['Windows', 'Dell', 'Latitude 5440'],
		['Windows', 'HP', 'EliteBook 840 G9'],
		['Windows', 'Lenovo', 'ThinkPad T14']
	]
};

/**
 * Each device rate's expected value at a maturity (0–1), chosen so the B2.b, B3.d and B4.d rules land on
 * either side of their thresholds across the instance: managed 0.72 → 0.99, stale 0.17 → 0.02,
 * supported OS 0.86 → 0.99, encrypted 0.78 → 0.99; compliant is of managed devices, before staleness.
 */
export function deviceShares(maturity: number) {
	return {
		managed: 0.72 + 0.27 * maturity,
		stale: 0.02 + 0.15 * (1 - maturity),
		supportedOs: 0.86 + 0.13 * maturity,
		encrypted: 0.78 + 0.21 * maturity,
		compliantIfManaged: 0.78 + 0.2 * maturity
	};
}

/** The organisation's MDM export on the as-of date, in device-key order (the table's primary key order). */
export function deviceRows(org: NationalOrganisation, snapshotId: number, random: Random): (string | number | boolean | null)[][] {
	const share = deviceShares(org.maturity);
	const rows: (string | number | boolean | null)[][] = [];
	for (let i = 0; i < org.devices; i++) {
		const type = random.weighted<DeviceType>([
			['phone', 55],
			['tablet', 15],
			['laptop', 30]
		]);
		const [os, manufacturer, model] = random.pick(MODELS[type]);
		const ownership = random.weighted([
			['corporate', 72],
			['personal', 24],
			['unknown', 4]
		] as const);
		const isManaged = random.chance(share.managed);
		const stale = random.chance(share.stale);
		const supported = random.chance(share.supportedOs);
		const checkIn = `${addDays(NATIONAL_END, -(stale ? random.int(31, 160) : random.int(0, 6)))}T${String(random.int(6, 21)).padStart(2, '0')}:15:00Z`;
		rows.push([
			snapshotId,
			createHmac('sha256', 'beacon-national-device').update(`${org.ods}:${i}`).digest('hex'),
			type,
			os,
			osVersion(os, supported, random),
			supported,
			ownership,
			isManaged ? (random.chance(share.compliantIfManaged) ? 'compliant' : 'noncompliant') : 'unknown',
			isManaged,
			random.chance(share.encrypted),
			ownership === 'personal' && random.chance(0.02),
			`${addDays(NATIONAL_END, -random.int(30, 1_500))}T09:00:00Z`,
			checkIn,
			manufacturer,
			model
		]);
	}
	return rows.sort((a, b) => ((a[1] as string) < (b[1] as string) ? -1 : 1));
}

function osVersion(os: string, supported: boolean, random: Random): string {
	if (os === 'iOS') return supported ? `${random.int(17, 18)}.${random.int(0, 6)}` : `${random.int(14, 15)}.${random.int(0, 7)}`;
	if (os === 'Android') return supported ? `${random.int(13, 15)}` : `${random.int(9, 11)}`;
	return supported ? random.pick(['10.0.22631.4460', '10.0.26100.2314']) : random.pick(['10.0.19045.5131', '10.0.19044.3086']);
}
