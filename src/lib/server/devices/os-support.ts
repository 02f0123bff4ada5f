import { z } from 'zod';
import rulesFile from '../../../../data/devices/os-support.json';
import { DEVICE_TYPES, type DeviceType } from '../../schemas/device';

/**
 * Which operating system versions still get security updates, and which OS family each name an MDM export
 * writes belongs to ("iOS/iPadOS", "Android (Fully Managed)" …), as data (data/devices/os-support.json, with
 * its review date) so they can change without code as vendors end support or Intune adds a platform.
 */
const family = z.strictObject({
	label: z.string().min(1),
	minimum: z
		.string()
		.regex(/^\d+(\.\d+)*$/)
		.nullable(),
	minimumLabel: z.string().optional(),
	/** The whole family is out of support (Windows Mobile): never supported, whatever its version. */
	unsupported: z.boolean().optional(),
	deviceType: z.enum(DEVICE_TYPES)
});
const rulesSchema = z
	.strictObject({
		description: z.string(),
		reviewed: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'a review date is written YYYY-MM or YYYY-MM-DD'),
		source: z.string(),
		families: z.record(z.string(), family),
		osNames: z.record(z.string(), z.union([z.string(), z.strictObject({ family: z.string(), deviceType: z.enum(DEVICE_TYPES).optional() })]))
	})
	.superRefine((rules, ctx) => {
		for (const [name, target] of Object.entries(rules.osNames)) {
			const f = typeof target === 'string' ? target : target.family;
			if (!rules.families[f]) ctx.addIssue({ code: 'custom', path: ['osNames', name], message: `no family "${f}"` });
		}
	});

export type OsSupportRules = z.infer<typeof rulesSchema>;
export type OsFamily = z.infer<typeof family>;

export const OS_SUPPORT_RULES: OsSupportRules = rulesSchema.parse(rulesFile);

const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '');

export interface OsClass {
	/** The family's key (windows, ios, android …), or null for an OS name the rules have never seen. */
	family: string | null;
	rule: OsFamily | null;
	deviceType: DeviceType;
}

/** A classifier of OS names by the rules, cached per name (an export repeats a handful of names). */
export function osClassifier(rules: OsSupportRules = OS_SUPPORT_RULES): (os: string) => OsClass {
	const names = new Map(
		Object.entries(rules.osNames).map(([name, target]) => {
			const t = typeof target === 'string' ? { family: target } : target;
			const rule = rules.families[t.family] as OsFamily;
			return [key(name), { family: t.family, rule, deviceType: t.deviceType ?? rule.deviceType }];
		})
	);
	const unknown: OsClass = { family: null, rule: null, deviceType: 'unknown' };
	return (os) => names.get(key(os)) ?? unknown;
}

const classifyDefault = osClassifier();

/** Whether a version is supported; null when the OS has no rule, or its version cannot be read. */
export function isOsSupported(os: string, version: string | null, classify = classifyDefault): boolean | null {
	const { rule } = classify(os);
	if (rule?.unsupported) return false;
	if (!rule?.minimum || !version || !/^\d+(\.\d+)*/.test(version.trim())) return null;
	return compareVersions(version.trim(), rule.minimum) >= 0;
}

/** Phone, tablet or laptop: the OS family's type, refined by the model (an iPad or an Android tablet). */
export function deviceTypeOf(os: string, model: string | null, classify = classifyDefault): DeviceType {
	const { family: name, deviceType } = classify(os);
	const m = (model ?? '').toLowerCase();
	if ((name === 'ios' || name === 'ipados' || name === 'android') && (m.includes('ipad') || /\btab\b|sm-[tx]\d/.test(m))) return 'tablet';
	return deviceType;
}

/** Compare dotted version numbers part by part (17.5.1 > 17, 10.0.22631 > 10.0.19045). */
export function compareVersions(a: string, b: string): number {
	const pa = (/^\d+(\.\d+)*/.exec(a)?.[0] ?? '0').split('.').map(Number);
	const pb = (/^\d+(\.\d+)*/.exec(b)?.[0] ?? '0').split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d !== 0) return Math.sign(d);
	}
	return 0;
}
