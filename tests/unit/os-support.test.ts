import { describe, expect, it } from 'vitest';
import { deviceTypeOf, isOsSupported, osClassifier, OS_SUPPORT_RULES } from '../../src/lib/server/devices/os-support';

// Every platform name Intune's export writes (DOMAIN.md §4).
const INTUNE_NAMES = [
	'Windows',
	'macOS',
	'iOS/iPadOS',
	'Android (Fully Managed)',
	'Android (Corporate-Owned Work Profile)',
	'Android (Personally-Owned Work Profile)',
	'Android (Corporate-Owned Dedicated)',
	'Android device administrator',
	'Android (AOSP)',
	'Linux',
	'Windows Mobile'
];

describe('OS support rules (data/devices/os-support.json)', () => {
	it('carry a review date and put every name Intune writes in a family', () => {
		expect(OS_SUPPORT_RULES.reviewed).toMatch(/^\d{4}-\d{2}/);
		const classify = osClassifier();
		for (const name of INTUNE_NAMES) expect(classify(name).family, name).not.toBeNull();
		expect(classify('ANDROID (fully managed)').family).toBe('android');
		expect(classify('ChromeOS').family).toBeNull();
	});

	it('judge versions by family, never a name they do not know', () => {
		expect(isOsSupported('iOS/iPadOS', '18.5')).toBe(true);
		expect(isOsSupported('Android (Personally-Owned Work Profile)', '12')).toBe(false);
		expect(isOsSupported('Android (Corporate-Owned Dedicated)', '13')).toBe(true);
		expect(isOsSupported('Windows Mobile', '10.0.15254.603')).toBe(false);
		expect(isOsSupported('ChromeOS', '126')).toBeNull();
		expect(isOsSupported('Linux', '22.04')).toBeNull();
	});

	it('give device types from the family and the model', () => {
		expect(deviceTypeOf('iOS/iPadOS', 'iPhone 15')).toBe('phone');
		expect(deviceTypeOf('iOS/iPadOS', 'iPad Air (5th generation)')).toBe('tablet');
		expect(deviceTypeOf('Android (Corporate-Owned Dedicated)', 'SM-X200')).toBe('tablet');
		expect(deviceTypeOf('Android (Fully Managed)', 'Pixel 8')).toBe('phone');
		expect(deviceTypeOf('Android (AOSP)', 'Navigator 520')).toBe('unknown');
		expect(deviceTypeOf('macOS', 'MacBook Air')).toBe('laptop');
		expect(deviceTypeOf('ChromeOS', 'Chromebook')).toBe('unknown');
	});

	it('can be replaced by other rules without code', () => {
		const rules = {
			...OS_SUPPORT_RULES,
			families: { ...OS_SUPPORT_RULES.families, linux: { label: 'Linux', minimum: '22.04', deviceType: 'laptop' as const } }
		};
		expect(isOsSupported('Linux', '24.04', osClassifier(rules))).toBe(true);
		expect(isOsSupported('Linux', '20.04', osClassifier(rules))).toBe(false);
	});
});
