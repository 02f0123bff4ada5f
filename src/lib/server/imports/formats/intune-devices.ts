import { z } from 'zod';
import { CopyWriter, copyField } from '../../db/copy';
import type { DeviceType } from '../../../schemas/device';
import { deviceTypeOf, isOsSupported, osClassifier } from '../../devices/os-support';
import * as deviceQueries from '../../devices/queries';
import { cell, choice, optional, readBoolean, readInstant, readText, remember } from '../cell-values';
import { DuplicateKeyError, duplicatedKey } from '../duplicate-rows';
import { identifierHasher, identifierKey } from '../identifiers';
import * as q from '../queries';
import type { ImportFormat, Preset } from './format';

const COMPLIANCE = {
	compliant: 'compliant',
	noncompliant: 'noncompliant',
	'not compliant': 'noncompliant',
	ingraceperiod: 'in_grace_period',
	'in grace period': 'in_grace_period',
	configmanager: 'config_manager',
	'config manager': 'config_manager',
	unknown: 'unknown',
	'not evaluated': 'unknown',
	error: 'unknown',
	conflict: 'noncompliant'
} as const;
const OWNERSHIP = { corporate: 'corporate', company: 'corporate', personal: 'personal', unknown: 'unknown' } as const;
const TRI_STATE: Record<string, boolean | null> = { true: true, false: false, yes: true, no: false, unknown: null };

const row = z.object({
	deviceId: cell(readText(200, { required: 'every device needs its ID' })),
	lastCheckIn: cell(readInstant),
	os: cell(remember(readText(50, { required: 'the operating system is required' }))),
	osVersion: optional(remember(readText(100))),
	compliance: cell(choice(COMPLIANCE, 'Compliant, Noncompliant, InGracePeriod, ConfigManager or Unknown')),
	ownership: optional(choice(OWNERSHIP, 'Corporate, Personal or Unknown')),
	encrypted: optional(readBoolean),
	jailbroken: optional(choice(TRI_STATE, 'True, False or Unknown')),
	enrolledAt: optional(readInstant),
	managedBy: optional(remember(readText(100))),
	manufacturer: optional(remember(readText(200))),
	model: optional(remember(readText(200)))
});

export interface DeviceRow {
	deviceKey: string;
	deviceType: DeviceType;
	os: string;
	osVersion: string | null;
	isOsSupported: boolean | null;
	ownership: string;
	compliance: string;
	isManaged: boolean;
	isEncrypted: boolean | null;
	isJailbroken: boolean | null;
	enrolledAt: string | null;
	lastCheckInAt: string;
	manufacturer: string | null;
	model: string | null;
}

const COLUMNS = [
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

export const intuneDevices: ImportFormat<DeviceRow> = {
	kind: 'devices',
	name: 'device-rows',
	label: 'One row per device (MDM export)',
	fields: [
		{ name: 'deviceId', label: 'Device ID', required: true, personal: true, hint: 'the MDM device identifier; stored only as a keyed hash' },
		{ name: 'lastCheckIn', label: 'Last check-in', required: true, hint: 'date and time, e.g. 2025-03-14 08:15:02' },
		{ name: 'os', label: 'Operating system', required: true, hint: 'as Intune names it: Windows, macOS, iOS/iPadOS, Android (Fully Managed)…' },
		{ name: 'osVersion', label: 'OS version', required: false, hint: 'e.g. 17.5.1 or 10.0.22631.3880' },
		{ name: 'compliance', label: 'Compliance', required: true, hint: 'Compliant, Noncompliant, InGracePeriod, ConfigManager or Unknown' },
		{ name: 'ownership', label: 'Ownership', required: false, hint: 'Corporate, Personal or Unknown' },
		{ name: 'encrypted', label: 'Encrypted', required: false, hint: 'True or False (Encrypted / Not encrypted in Graph exports)' },
		{ name: 'jailbroken', label: 'Jailbroken', required: false, hint: 'True, False or Unknown' },
		{ name: 'enrolledAt', label: 'Enrollment date', required: false, hint: 'date and time' },
		{ name: 'managedBy', label: 'Managed by', required: false, hint: 'Intune, Co-managed…; EAS alone is not MDM management' },
		{ name: 'manufacturer', label: 'Manufacturer', required: false, hint: 'e.g. Apple' },
		{ name: 'model', label: 'Model', required: false, hint: 'e.g. iPhone 13' }
	],
	rowSchema(key) {
		const hash = identifierHasher(key, 'device');
		const supported = new Map<string, boolean | null>();
		const types = new Map<string, DeviceType>();
		const memo = <T>(cache: Map<string, T>, k: string, make: () => T): T => {
			if (!cache.has(k)) cache.set(k, make());
			return cache.get(k) as T;
		};
		return row.transform((r): DeviceRow => ({
			deviceKey: hash(r.deviceId),
			deviceType: memo(types, `${r.os}\u0000${r.model}`, () => deviceTypeOf(r.os, r.model)),
			os: r.os,
			osVersion: r.osVersion,
			isOsSupported: memo(supported, `${r.os}\u0000${r.osVersion}`, () => isOsSupported(r.os, r.osVersion)),
			ownership: r.ownership ?? 'unknown',
			compliance: r.compliance,
			isManaged: r.managedBy === null || !/^(eas|none|unknown)$/i.test(r.managedBy),
			isEncrypted: r.encrypted,
			isJailbroken: r.jailbroken,
			enrolledAt: r.enrolledAt,
			lastCheckInAt: r.lastCheckIn,
			manufacturer: r.manufacturer,
			model: r.model
		})) as unknown as z.ZodType<DeviceRow, Record<string, string>>;
	},
	copyFields: (d, constants) => [
		constants.snapshot as string,
		d.deviceKey,
		d.deviceType,
		copyField(d.os),
		copyField(d.osVersion),
		copyField(d.isOsSupported),
		d.ownership,
		d.compliance,
		copyField(d.isManaged),
		copyField(d.isEncrypted),
		copyField(d.isJailbroken),
		copyField(d.enrolledAt),
		d.lastCheckInAt,
		copyField(d.manufacturer),
		copyField(d.model)
	],
	async open(target) {
		// The snapshot's date is known only at the end (by default the latest check-in), so rows load
		// under a placeholder date that no real snapshot has, and the snapshot takes its date last.
		const source = target.preset?.startsWith('intune') ? 'intune' : 'other';
		const snapshot = await q.insertPlaceholderSnapshot(target.ctx.db, target.organisationId, target.batchId, source);
		// Two rows of one device in the file: the database finds them (device_pk), the import names the rows.
		const explain = (error: unknown) => {
			const key = duplicatedKey(error, 'device_pk')?.device_key;
			if (key === undefined) return error;
			const hash = identifierHasher(identifierKey(), 'device');
			return new DuplicateKeyError('deviceId', (cell) => hash(cell) === key, 'device IDs are compared ignoring case');
		};
		const writer = await CopyWriter.open(target.ctx.db, 'device', COLUMNS, { explain });
		return {
			copy: { writer, constants: { snapshot: String(snapshot.id) } },
			async finish() {
				await writer.end();
				const devices = await deviceQueries.importedDeviceFacts(target.ctx.db, snapshot.id);
				const asOf = target.asOf ?? devices.latestDay;
				const replaced = await q.settleSnapshot(target.ctx.db, snapshot.id, target.organisationId, asOf);
				await deviceQueries.refreshSnapshotCounts(target.ctx.db, snapshot.id);
				// An OS name no rule knows is named, never quietly counted as unsupported.
				const classify = osClassifier();
				const unknownOs = devices.withoutOsRule.filter((r) => classify(r.os).family === null);
				return { asOf, snapshotId: snapshot.id, replacedSnapshot: replaced, unknownOs: Object.fromEntries(unknownOs.map((r) => [r.os, r.n])) };
			}
		};
	},
	describe: (d) => ({ ...d })
};

export const INTUNE_PRESET: Preset = {
	name: 'intune',
	label: 'Microsoft Intune "All devices" export',
	format: 'device-rows',
	headers: {
		deviceId: ['Device ID'],
		lastCheckIn: ['Last check-in'],
		os: ['OS'],
		osVersion: ['OS version'],
		compliance: ['Compliance'],
		ownership: ['Ownership'],
		encrypted: ['Encrypted'],
		jailbroken: ['Jailbroken'],
		enrolledAt: ['Enrollment date'],
		managedBy: ['Managed by'],
		manufacturer: ['Manufacturer'],
		model: ['Model']
	}
};

// Intune's words where the admin centre writes True/False: EncryptionStatusString and similar.
const ENCRYPTION_WORDS = {
	encrypted: 'True',
	'not encrypted': 'False',
	notencrypted: 'False',
	unencrypted: 'False',
	'encryption in progress': 'False',
	unknown: '',
	'not applicable': ''
};
const OWNER_WORDS = { company: 'Corporate', corporate: 'Corporate', personal: 'Personal', unknown: 'Unknown' };

/** Microsoft Graph's export of the DevicesWithInventory report (what automation pulls): API names for columns. */
export const INTUNE_GRAPH_PRESET: Preset = {
	name: 'intune-graph',
	label: 'Microsoft Intune devices through Microsoft Graph (DevicesWithInventory)',
	format: 'device-rows',
	headers: {
		deviceId: ['DeviceId'],
		lastCheckIn: ['LastContact'],
		os: ['OS'],
		osVersion: ['OSVersion'],
		compliance: ['CompliantState'],
		ownership: ['Ownership'],
		encrypted: ['EncryptionStatusString'],
		jailbroken: ['JailBroken'],
		enrolledAt: ['CreatedDate'],
		managedBy: ['ManagedBy'],
		manufacturer: ['Manufacturer'],
		model: ['Model']
	},
	values: { encrypted: ENCRYPTION_WORDS, ownership: OWNER_WORDS }
};

/** Intune's device compliance report (DeviceCompliance): no encryption column, the owner as OwnerType. */
export const INTUNE_COMPLIANCE_PRESET: Preset = {
	name: 'intune-compliance',
	label: 'Microsoft Intune device compliance report',
	format: 'device-rows',
	headers: {
		deviceId: ['DeviceId'],
		lastCheckIn: ['LastContact'],
		os: ['OS'],
		osVersion: ['OSVersion'],
		compliance: ['ComplianceState'],
		ownership: ['OwnerType'],
		jailbroken: ['JailBroken'],
		manufacturer: ['Manufacturer'],
		model: ['Model']
	},
	values: { ownership: OWNER_WORDS }
};
