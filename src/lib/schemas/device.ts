import { z } from 'zod';
import { instant, isoDate, optionalText } from './common';

export const DEVICE_TYPES = ['phone', 'tablet', 'laptop', 'desktop', 'other', 'unknown'] as const;
export const OWNERSHIPS = ['corporate', 'personal', 'unknown'] as const;
export const COMPLIANCE_STATES = ['compliant', 'noncompliant', 'in_grace_period', 'config_manager', 'unknown'] as const;
export const SNAPSHOT_SOURCES = ['intune', 'aggregate', 'demo', 'other'] as const;

/** A snapshot's source in words, for pages and packs (never the code name). */
export function snapshotSourceLabel(source: string): string {
	const labels: Record<string, string> = {
		intune: 'Microsoft Intune',
		aggregate: 'device counts',
		demo: 'demonstration data',
		other: 'device management'
	};
	return labels[source] ?? 'device management';
}
export type DeviceType = (typeof DEVICE_TYPES)[number];
export type Ownership = (typeof OWNERSHIPS)[number];
export type ComplianceState = (typeof COMPLIANCE_STATES)[number];
export type SnapshotSource = (typeof SNAPSHOT_SOURCES)[number];

export const deviceInput = z.object({
	/** Keyed hash of the MDM device id. */
	deviceKey: z.string().min(8).max(128),
	deviceType: z.enum(DEVICE_TYPES).default('unknown'),
	os: z.string().trim().min(1).max(50),
	osVersion: optionalText(100),
	isOsSupported: z.boolean().optional(),
	ownership: z.enum(OWNERSHIPS).default('unknown'),
	compliance: z.enum(COMPLIANCE_STATES).default('unknown'),
	isManaged: z.boolean().default(true),
	isEncrypted: z.boolean().optional(),
	isJailbroken: z.boolean().optional(),
	enrolledAt: instant.optional(),
	lastCheckInAt: instant.optional(),
	manufacturer: optionalText(100),
	model: optionalText(100)
});
export type DeviceInput = z.input<typeof deviceInput>;

const count = z.number().int().nonnegative();

export const deviceSnapshotInput = z
	.object({
		asOf: isoDate,
		source: z.enum(SNAPSHOT_SOURCES),
		devices: z.array(deviceInput).optional(),
		counts: z.object({ total: count, managed: count, compliant: count, encrypted: count, supportedOs: count }).optional()
	})
	.refine((s) => (s.devices === undefined) !== (s.counts === undefined), {
		message: 'a snapshot holds either device rows or aggregate counts'
	})
	.refine((s) => !s.counts || Math.max(s.counts.managed, s.counts.compliant, s.counts.encrypted, s.counts.supportedOs) <= s.counts.total, {
		message: 'no count can exceed the total',
		path: ['counts']
	});
export type DeviceSnapshotInput = z.input<typeof deviceSnapshotInput>;
