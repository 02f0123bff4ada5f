/**
 * Which operating system versions still get security updates, as data so they can be revised as vendors
 * end support. Versions below the minimum are unsupported. Reviewed November 2026: Windows 10 left
 * mainstream support on 14 October 2025, so Windows 11 (build 22000 and later) is the minimum; Apple
 * patches the current and two previous majors; Android patches reach about four majors back.
 */
export const MINIMUM_SUPPORTED_OS: Readonly<Record<string, { minimum: string; label: string }>> = Object.freeze({
	windows: { minimum: '10.0.22000', label: 'Windows 11' },
	ios: { minimum: '17', label: 'iOS 17' },
	ipados: { minimum: '17', label: 'iPadOS 17' },
	macos: { minimum: '14', label: 'macOS 14' },
	android: { minimum: '13', label: 'Android 13' }
});

/** Whether a version is supported; null when the OS or version is not one the rules know. */
export function isOsSupported(os: string, version: string | null, rules = MINIMUM_SUPPORTED_OS): boolean | null {
	const rule = rules[os.trim().toLowerCase().replace(/\s+/g, '')];
	if (!rule || !version || !/^\d+(\.\d+)*/.test(version.trim())) return null;
	return compareVersions(version.trim(), rule.minimum) >= 0;
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
