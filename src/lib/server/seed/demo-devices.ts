import { createHmac } from 'node:crypto';
import type { DeviceInput } from '../../schemas/device';
import { addDays, daysBetween } from './dates';
import { isLive, maturityOn } from './demo-maturity';
import { DEMO_END, DEMO_START, type DemoOrganisation } from './demo-profile';
import type { Random } from './random';

type DeviceType = 'phone' | 'tablet' | 'laptop';

interface FleetDevice {
	key: string;
	type: DeviceType;
	os: string;
	ownership: 'corporate' | 'personal' | 'unknown';
	enrolledOn: string;
	retiredOn: string;
	manufacturer: string;
	model: string;
}

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

/** The organisation's fleet over the whole demo period: devices join and leave, so snapshots differ. */
export function generateFleet(org: DemoOrganisation, random: Random): FleetDevice[] {
	const size = Math.round(org.staff * org.devicesPerStaff);
	const span = daysBetween(DEMO_START, DEMO_END);
	const fleet: FleetDevice[] = [];
	// About a fifth of devices are replaced over the period: size × 1.2 devices in all.
	for (let i = 0; i < Math.round(size * 1.2); i++) {
		const type = random.weighted<DeviceType>([
			['phone', 55],
			['tablet', 15],
			['laptop', 30]
		]);
		const [os, manufacturer, model] = random.pick(MODELS[type]);
		const existing = i < size;
		const enrolledOn = existing ? addDays(DEMO_START, -random.int(30, 900)) : addDays(DEMO_START, random.int(0, span));
		const retiredOn = existing && random.chance(0.17) ? addDays(DEMO_START, random.int(30, span)) : '9999-12-31';
		fleet.push({
			key: createHmac('sha256', 'beacon-demo-device').update(`${org.ods}:${i}`).digest('hex'),
			type,
			os,
			ownership: random.weighted([
				['corporate', 72],
				['personal', 24],
				['unknown', 4]
			] as const),
			enrolledOn,
			retiredOn,
			manufacturer,
			model
		});
	}
	return fleet;
}

/** The fleet as an MDM export would show it on a date, with every attribute driven by maturity then. */
export function snapshotDevices(org: DemoOrganisation, fleet: FleetDevice[], asOf: string, random: Random): DeviceInput[] {
	const m = maturityOn(org, asOf);
	const mdmLive = isLive(org, 'mdm', asOf);
	const devices: DeviceInput[] = [];
	for (const d of fleet) {
		if (d.enrolledOn > asOf || d.retiredOn <= asOf) continue;
		// After an MDM rollout personal devices are enrolled too; before it many are not managed at all.
		const isManaged = d.ownership === 'corporate' ? random.chance(0.9 + 0.1 * m) : random.chance(mdmLive ? 0.85 : 0.35 * m);
		const stale = random.chance(0.16 * (1 - m) + 0.01);
		const lastCheckInDays = stale ? random.int(31, 160) : random.int(0, 6);
		const supported = random.chance(0.6 + 0.38 * m);
		devices.push({
			deviceKey: d.key,
			deviceType: d.type,
			os: d.os,
			osVersion: osVersion(d.os, supported, random),
			isOsSupported: supported,
			ownership: d.ownership,
			compliance: isManaged
				? random.weighted([
						['compliant', 0.35 + 0.62 * m],
						['noncompliant', 0.9 - 0.85 * m],
						['in_grace_period', 0.04]
					] as const)
				: 'unknown',
			isManaged,
			isEncrypted: random.chance(d.type === 'laptop' ? 0.55 + 0.45 * m : 0.75 + 0.25 * m),
			isJailbroken: d.ownership === 'personal' && random.chance(0.01 * (1 - m) + 0.001),
			enrolledAt: new Date(`${d.enrolledOn}T09:00:00Z`),
			lastCheckInAt: new Date(`${addDays(asOf, -lastCheckInDays)}T${String(random.int(6, 21)).padStart(2, '0')}:15:00Z`),
			manufacturer: d.manufacturer,
			model: d.model
		});
	}
	return devices;
}

function osVersion(os: string, supported: boolean, random: Random): string {
	if (os === 'iOS') return supported ? `${random.int(17, 18)}.${random.int(0, 6)}` : `${random.int(14, 15)}.${random.int(0, 7)}`;
	if (os === 'Android') return supported ? `${random.int(13, 15)}` : `${random.int(9, 11)}`;
	// Windows 11 builds are supported; Windows 10 left support in October 2025.
	return supported ? random.pick(['10.0.22631.4460', '10.0.26100.2314']) : random.pick(['10.0.19045.5131', '10.0.19044.3086']);
}
