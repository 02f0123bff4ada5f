import { z } from 'zod';
import * as appQueries from '../../assurance/import-queries';
import { approvedAppMatcher, matchConsumerApp } from '../../assurance/messaging-apps';
import { CopyWriter, copyField } from '../../db/copy';
import { cell, readText } from '../cell-values';
import { identifierHasher } from '../identifiers';
import { APP_FIELDS, APP_HEADERS, appName, appVersion } from './app-cells';
import type { ImportFormat, Preset } from './format';

const row = z.object({
	appName,
	appVersion,
	deviceId: cell(readText(200, { required: 'every row needs the device ID' }))
});

export interface AppDeviceRow {
	deviceKey: string;
	appName: string;
	appVersion: string;
}

/**
 * One row per app per device (Intune's AppInvRawData report). Only the device ID is read, and stored as the
 * same keyed hash a device export gives it; the device's name and its user's name and email are not read.
 */
export const appDevices: ImportFormat<AppDeviceRow> = {
	kind: 'apps',
	name: 'app-device-rows',
	label: 'One row per app per device (MDM app inventory)',
	fields: [
		...APP_FIELDS,
		{
			name: 'deviceId',
			label: 'Device ID',
			required: true,
			personal: true,
			hint: 'the MDM device identifier; stored only as a keyed hash, and only for messaging apps'
		}
	],
	rowSchema(key) {
		const hash = identifierHasher(key, 'device');
		return row.transform((r): AppDeviceRow => ({ deviceKey: hash(r.deviceId), appName: r.appName, appVersion: r.appVersion ?? '' })) as unknown as z.ZodType<
			AppDeviceRow,
			Record<string, string>
		>;
	},
	copyFields: (a) => [a.deviceKey, copyField(a.appName), copyField(a.appVersion)],
	async open(target) {
		const { db } = target.ctx;
		const asOf = target.asOf;
		if (asOf === null) throw new Error('a discovered-apps import reached its loader without its date');
		// An inventory has a row per app per device (200,000 for a few thousand devices): the rows are
		// staged in the database and counted there, so the import's memory does not grow with the file.
		await appQueries.createAppStaging(db);
		const writer = await CopyWriter.open(db, appQueries.APP_STAGING_TABLE, ['device_key', 'app_name', 'app_version']);
		return {
			copy: { writer, constants: {} },
			async finish() {
				await writer.end();
				const devicesTotal = await appQueries.countStagedDevices(db);
				const { snapshotId, replacedSnapshot } = await appQueries.replaceAppSnapshot(db, {
					organisationId: target.organisationId,
					asOf,
					devicesTotal,
					batchId: target.batchId
				});
				const apps = await appQueries.insertStagedApps(db, snapshotId);
				// Devices are kept for messaging apps only: consumer ones, and the ones the organisation has
				// approved today (matched again when the metrics are computed, against the list of that day).
				const approved = approvedAppMatcher(await appQueries.selectApprovedAppNames(db, target.organisationId));
				const messaging = (await appQueries.selectStagedAppNames(db)).filter((name) => matchConsumerApp(name) !== null || approved(name) !== null).sort();
				const messagingDevices = await appQueries.insertStagedAppDevices(db, snapshotId, messaging);
				return { asOf, snapshotId, replacedSnapshot, devicesTotal, apps, messagingApps: messaging, messagingDeviceApps: messagingDevices };
			}
		};
	},
	describe: (a) => ({ ...a })
};

export const INTUNE_APP_INVENTORY_PRESET: Preset = {
	name: 'intune-app-inventory',
	label: 'Microsoft Intune app inventory, one row per app per device (AppInvRawData)',
	format: 'app-device-rows',
	headers: {
		...APP_HEADERS,
		deviceId: ['DeviceId', 'Device ID', 'Intune Device ID', 'Managed Device ID']
	}
};
