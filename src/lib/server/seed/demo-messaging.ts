import { daysBetween } from './dates';
import type { DemoAssuranceStory } from './demo-assurance-profile';
import type { Random } from './random';

/** A managed device in one of the demo's MDM snapshots: its key is the one the device table holds. */
export interface ManagedDevice {
	key: string;
	type: 'phone' | 'tablet' | 'laptop';
	os: string;
}

/** A discovered-apps export as the seed stores it. */
export interface AppSnapshot {
	asOf: string;
	/** Managed devices the export covers when it lists devices; null for a count-per-app export. */
	devicesTotal: number | null;
	apps: { name: string; version: string; devices: number }[];
	/** Each listed device's messaging apps (null for a count-per-app export). */
	devices: { key: string; app: string }[] | null;
}

/** Consumer messaging apps as MDM exports name them, with how common each is; Android shows some by package. */
const CONSUMER_APPS: readonly (readonly [string, number, string])[] = [
	['WhatsApp', 60, '2.25'],
	['WhatsApp Business', 8, '2.25'],
	['Telegram', 9, '11.4'],
	['Signal - Private Messenger', 8, '7.36'],
	['Messenger', 7, '489.0'],
	['Snapchat', 4, '13.31'],
	['Viber', 4, '25.2']
];
const DESKTOP_APPS: readonly (readonly [string, number, string])[] = [
	['WhatsApp Desktop', 7, '2.2450'],
	['Telegram Desktop', 3, '5.9']
];
const ANDROID_PACKAGES: Record<string, string> = { WhatsApp: 'com.whatsapp', 'WhatsApp Business': 'com.whatsapp.w4b', Telegram: 'org.telegram.messenger' };

/** Apps almost every managed device carries: counted in the export, not messaging. */
const EVERYDAY_APPS: readonly (readonly [string, number, string])[] = [
	['Company Portal', 0.97, '5.0.6'],
	['Microsoft Outlook', 0.9, '4.2439'],
	['Microsoft Authenticator', 0.86, '6.8.21']
];

/** The version each app is reported at (one per app keeps the demo's exports short). */
const VERSIONS = new Map<string, string>([
	...[...CONSUMER_APPS, ...DESKTOP_APPS, ...EVERYDAY_APPS].map(([name, , version]) => [name, version] as const),
	...Object.entries(ANDROID_PACKAGES).map(([app, pkg]) => [pkg, CONSUMER_APPS.find(([name]) => name === app)?.[2] ?? '1.0'] as const),
	['Microsoft Teams', '25163.3611'],
	['Siilo', '5.12.0']
]);

/** A value on a date from (date, value) points: straight lines between them, flat beyond the ends. */
export function along(points: readonly (readonly [string, number])[], on: string): number {
	const first = points[0];
	if (!first) return 0;
	if (on <= first[0]) return first[1];
	for (let i = 1; i < points.length; i++) {
		const [d1, v1] = points[i] as readonly [string, number];
		const [d0, v0] = points[i - 1] as readonly [string, number];
		if (on <= d1) return v0 + ((v1 - v0) * daysBetween(d0, on)) / Math.max(1, daysBetween(d0, d1));
	}
	return (points.at(-1) as readonly [string, number])[1];
}

interface Habits {
	/** Lower: likelier to carry a consumer app (phones far more than laptops). */
	consumerRank: number;
	consumer: string[];
	approved: Map<string, number>;
}

/** Approved apps that are collaboration suites rather than clinical messaging apps. */
const SUITES = new Set(['Microsoft Teams']);

const TYPE_WEIGHT = { phone: 1.45, tablet: 0.6, laptop: 0.4 } as const;

/**
 * The quarterly discovered-apps exports of one organisation, from the managed devices of its MDM snapshot
 * on each date. Each device keeps its habits from one export to the next (which consumer apps its user
 * installs, how early they give them up), so the devices with a consumer app on a later date are mostly
 * those that had one before: the share of devices with one is exactly the story's share on that date.
 */
export function generateAppSnapshots(
	story: NonNullable<DemoAssuranceStory['messaging']>,
	snapshots: readonly { asOf: string; managed: readonly ManagedDevice[] }[],
	random: Random
): AppSnapshot[] {
	const habits = new Map<string, Habits>();
	const habitsOf = (d: ManagedDevice): Habits => {
		let h = habits.get(d.key);
		if (!h) {
			const pool = d.type === 'laptop' ? DESKTOP_APPS : CONSUMER_APPS;
			const name = (app: string) => (d.os === 'Android' && random.chance(0.35) ? (ANDROID_PACKAGES[app] ?? app) : app);
			const consumer = [name(random.weighted(pool.map(([app, w]) => [app, w] as const)))];
			if (random.chance(0.15)) consumer.push(name(random.weighted(pool.map(([app, w]) => [app, w] as const))));
			h = {
				consumerRank: random.float() / TYPE_WEIGHT[d.type],
				consumer: [...new Set(consumer)],
				approved: new Map(story.approved.map((a) => [a.name, random.float()]))
			};
			habits.set(d.key, h);
		}
		return h;
	};
	return snapshots.map(({ asOf, managed }) => {
		const ranked = managed.map((d) => ({ d, h: habitsOf(d) })).sort((a, b) => a.h.consumerRank - b.h.consumerRank);
		const withConsumer = Math.round(along(story.consumerShare, asOf) * managed.length);
		const approvedShare = story.approved.map((a) => ({ name: a.name, share: along(a.onDevices, asOf), suite: SUITES.has(a.name) }));
		const held: { key: string; app: string }[] = [];
		const perApp = new Map<string, number>();
		ranked.forEach(({ d, h }, i) => {
			if (i < withConsumer) for (const app of h.consumer) held.push({ key: d.key, app });
			for (const a of approvedShare) {
				// Clinical messaging apps are for phones and tablets; a collaboration suite is on nearly every
				// device, so it is counted rather than listed device by device.
				if ((a.suite || d.type !== 'laptop') && (h.approved.get(a.name) ?? 1) < a.share) {
					if (a.suite) perApp.set(a.name, (perApp.get(a.name) ?? 0) + 1);
					else held.push({ key: d.key, app: a.name });
				}
			}
		});
		for (const { app } of held) perApp.set(app, (perApp.get(app) ?? 0) + 1);
		const apps = [...perApp].map(([name, devices]) => ({ name, version: VERSIONS.get(name) ?? '1.0', devices }));
		for (const [name, share, v] of EVERYDAY_APPS) apps.push({ name, version: v, devices: Math.round(managed.length * share * (0.98 + 0.04 * random.float())) });
		apps.sort((a, b) => (a.name < b.name ? -1 : 1));
		return story.form === 'devices' ? { asOf, devicesTotal: managed.length, apps, devices: held } : { asOf, devicesTotal: null, apps, devices: null };
	});
}
