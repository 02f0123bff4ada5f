import { z } from 'zod';
import * as appQueries from '../../assurance/import-queries';
import { cell } from '../cell-values';
import { APP_FIELDS, APP_HEADERS, appName, appVersion } from './app-cells';
import { readCount } from './device-counts';
import type { ImportFormat, Preset } from './format';

const row = z.object({ appName, appVersion, deviceCount: cell(readCount) });

export interface AppCountRow {
	appName: string;
	appVersion: string;
	deviceCount: number;
}

/**
 * One row per app with the devices it is on (Intune's "Discovered apps" export, AppInvAggregate). No device
 * is named, so the snapshot has no device total and the devices with an unapproved messaging app can only
 * be bounded from above (the metrics say so).
 */
export const appCounts: ImportFormat<AppCountRow> = {
	kind: 'apps',
	name: 'app-counts',
	label: 'One row per app with its device count (MDM discovered apps)',
	fields: [
		...APP_FIELDS,
		{ name: 'deviceCount', label: 'Device count', required: true, hint: 'how many devices have this version of the app, a whole number' }
	],
	rowSchema() {
		return row.transform((r): AppCountRow => ({ appName: r.appName, appVersion: r.appVersion ?? '', deviceCount: r.deviceCount })) as unknown as z.ZodType<
			AppCountRow,
			Record<string, string>
		>;
	},
	async open(target) {
		const asOf = target.asOf;
		if (asOf === null) throw new Error('a discovered-apps import reached its loader without its date');
		// One entry per app and version, however long the file: a version listed once per platform is added up.
		const apps = new Map<string, AppCountRow>();
		return {
			add(a) {
				const key = `${a.appName}\u0000${a.appVersion}`;
				const known = apps.get(key);
				if (known) known.deviceCount += a.deviceCount;
				else apps.set(key, { ...a });
			},
			async finish() {
				const { snapshotId, replacedSnapshot } = await appQueries.replaceAppSnapshot(target.ctx.db, {
					organisationId: target.organisationId,
					asOf,
					devicesTotal: null,
					batchId: target.batchId
				});
				await appQueries.insertAppCounts(target.ctx.db, snapshotId, [...apps.values()]);
				return { asOf, snapshotId, replacedSnapshot, devicesTotal: null, apps: apps.size };
			}
		};
	},
	describe: (a) => ({ ...a })
};

export const INTUNE_DISCOVERED_APPS_PRESET: Preset = {
	name: 'intune-discovered-apps',
	label: 'Microsoft Intune discovered apps, one row per app with its device count (AppInvAggregate)',
	format: 'app-counts',
	headers: {
		...APP_HEADERS,
		deviceCount: ['DeviceCount', 'Device Count', 'Devices', 'Number of Devices', 'Install Count', 'Installs']
	}
};
