import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toAssuranceMetrics, type AssuranceFacts } from '../../src/lib/server/assurance/assurance-metrics';
import type { FindingDates } from '../../src/lib/server/assurance/finding-dates';
import { evaluateRules, type MetricValue } from '../../src/lib/server/frameworks/data-rules';
import { parseFrameworkFile } from '../../src/lib/server/frameworks/framework-file';

const AS_OF = '2025-03-31';
const none: AssuranceFacts = { findings: [], activities: [], phishing: [], appSnapshot: null, managedDevices: null, approvedApps: [], staffCount: 0 };
const high = (raisedOn: string, over: Partial<FindingDates> = {}): FindingDates => ({
	severity: 'high',
	status: 'open',
	raisedOn,
	dueOn: raisedOn,
	remediatedOn: null,
	acceptedOn: null,
	...over
});

describe('assurance metrics', () => {
	it('has no data, not zero, when nothing is recorded', () => {
		const m = toAssuranceMetrics(none, AS_OF);
		expect(m.remediatedWithin14dRate).toEqual({ value: null, numerator: 0, denominator: 0 });
		expect(m.phishingClickRate.value).toBeNull();
		expect(m.devicesWithUnapprovedMessaging).toBeNull();
		expect(m.unapprovedMessagingRate).toBeNull();
		expect(m.meanDaysToRemediate).toBeNull();
		expect(m.assuranceCoverageRate).toEqual({ value: null, numerator: 0, denominator: 0 });
	});

	it('judges critical and high findings on the 14-day rule, leaving out those still inside their 14 days', () => {
		const findings = [
			high('2025-01-01', { status: 'remediated', remediatedOn: '2025-01-15' }), // day 14: on time
			high('2025-01-01', { status: 'remediated', remediatedOn: '2025-01-16' }), // day 15: late
			high('2025-02-01', { status: 'risk_accepted', acceptedOn: '2025-02-10' }), // accepted in time
			high('2025-02-01'), // open past 14 days: late
			high('2025-03-17'), // raised 14 days before the date: not judged yet
			high('2025-03-20', { status: 'remediated', remediatedOn: '2025-03-25' }), // dealt with already: judged, on time
			high('2024-03-31', { status: 'remediated', remediatedOn: '2024-04-02' }), // outside the 12 months
			{ ...high('2025-01-01'), severity: 'medium' as const } // not critical or high
		];
		const m = toAssuranceMetrics({ ...none, findings }, AS_OF);
		expect(m.remediatedWithin14dRate).toEqual({ value: 3 / 5, numerator: 3, denominator: 5 });
		expect(m.openCriticalHigh).toBe(2);
		expect(m.riskAccepted).toBe(1);
		// Remediated in the window: 14, 15 and 5 days; the one remediated 2024-04-02 is inside it too (2 days).
		expect(m.meanDaysToRemediate).toBeCloseTo((14 + 15 + 5 + 2) / 4);
		// Overdue: open after their due date (the medium one and the two open highs due on their raised date).
		expect(m.overdueFindings).toBe(3);
	});

	it('counts a finding remediated after the date as open and late on the date', () => {
		const findings = [high('2025-01-01', { status: 'remediated', remediatedOn: '2025-05-01' })];
		const m = toAssuranceMetrics({ ...none, findings }, AS_OF);
		expect(m.openCriticalHigh).toBe(1);
		expect(m.remediatedWithin14dRate).toMatchObject({ numerator: 0, denominator: 1 });
	});

	it('measures coverage from the activities finished in the 12 months', () => {
		const activity = (type: 'dspt_independent_assessment' | 'penetration_test', completedOn: string | null) => ({
			type,
			provider: null,
			startedOn: '2024-01-01',
			completedOn,
			opinion: null,
			veracityConfidence: null
		});
		expect(toAssuranceMetrics({ ...none, activities: [activity('penetration_test', '2024-06-01')] }, AS_OF).assuranceCoverageRate.value).toBe(0.5);
		expect(toAssuranceMetrics({ ...none, activities: [activity('penetration_test', '2024-03-31')] }, AS_OF).assuranceCoverageRate.value).toBe(0);
		expect(toAssuranceMetrics({ ...none, activities: [activity('penetration_test', null)] }, AS_OF).assuranceCoverageRate.value).toBe(0);
		// Only an activity recorded by the date makes the data speak.
		expect(
			toAssuranceMetrics({ ...none, activities: [{ ...activity('penetration_test', null), startedOn: '2025-04-01' }] }, AS_OF).assuranceCoverageRate.value
		).toBeNull();
		const both = toAssuranceMetrics(
			{ ...none, activities: [activity('penetration_test', '2024-06-01'), activity('dspt_independent_assessment', '2024-06-30')] },
			AS_OF
		);
		expect(both.assuranceCoverageRate.value).toBe(1);
		expect(both.lastIndependentAssessment).toMatchObject({ completedOn: '2024-06-30' });
	});

	it('takes the latest phishing exercise, adding up its staff groups', () => {
		const phishing = [
			{ activityId: 1, startedOn: '2024-09-01', emailsSent: 1000, clicked: 200, reported: 100 },
			{ activityId: 2, startedOn: '2025-01-10', emailsSent: 600, clicked: 30, reported: 200 },
			{ activityId: 2, startedOn: '2025-01-10', emailsSent: 400, clicked: 20, reported: 100 },
			{ activityId: 3, startedOn: '2025-04-01', emailsSent: 1000, clicked: 1, reported: 999 } // after the date
		];
		const m = toAssuranceMetrics({ ...none, phishing }, AS_OF);
		expect(m.latestPhishingOn).toBe('2025-01-10');
		expect(m.phishingClickRate).toEqual({ value: 0.05, numerator: 50, denominator: 1000 });
		expect(m.phishingReportRate).toEqual({ value: 0.3, numerator: 300, denominator: 1000 });
		expect(m.phishingReportShare).toEqual({ value: 300 / 350, numerator: 300, denominator: 350 });
	});

	it('counts each listed device once however many unapproved apps it holds, and leaves approved apps out', () => {
		const appSnapshot = {
			asOf: '2025-03-01',
			devicesTotal: 10,
			apps: [
				{ appName: 'WhatsApp', deviceCount: 2 },
				{ appName: 'WhatsApp Business', deviceCount: 1 },
				{ appName: 'Telegram', deviceCount: 1 },
				{ appName: 'Microsoft Teams', deviceCount: 8 }
			],
			devices: [
				{ deviceKey: 'a', appName: 'WhatsApp' },
				{ deviceKey: 'a', appName: 'Telegram' },
				{ deviceKey: 'b', appName: 'WhatsApp' },
				{ deviceKey: 'c', appName: 'WhatsApp Business' },
				{ deviceKey: 'd', appName: 'Microsoft Teams' }
			]
		};
		const m = toAssuranceMetrics({ ...none, appSnapshot, approvedApps: [{ name: 'Microsoft Teams', activeUsers: 450 }], staffCount: 900 }, AS_OF);
		expect(m.devicesWithUnapprovedMessaging).toBe(3);
		expect(m.unapprovedMessagingRate).toEqual({ value: 0.3, numerator: 3, denominator: 10 });
		expect(m.unapprovedMessagingExact).toBe(true);
		expect(m.unapprovedApps).toEqual([
			{ name: 'WhatsApp', devices: 3 },
			{ name: 'Telegram', devices: 1 }
		]);
		expect(m.approvedMessagingStaffRate).toEqual({ value: 0.5, numerator: 450, denominator: 900 });
		// Active users counted after the date are not known on it.
		const counted = (activeUsersOn: string) =>
			toAssuranceMetrics({ ...none, approvedApps: [{ name: 'Siilo', activeUsers: 450, activeUsersOn }], staffCount: 900 }, AS_OF);
		expect(counted('2025-03-31').approvedMessagingStaffRate?.value).toBe(0.5);
		expect(counted('2025-04-01').approvedMessagingStaffRate).toBeNull();
	});

	it('gives an upper bound from a per-app count export, against the managed devices', () => {
		const appSnapshot = {
			asOf: '2025-03-01',
			devicesTotal: null,
			apps: [
				{ appName: 'whatsapp', deviceCount: 40 },
				{ appName: 'Signal', deviceCount: 15 }
			],
			devices: null
		};
		const m = toAssuranceMetrics({ ...none, appSnapshot, managedDevices: 500 }, AS_OF);
		expect(m.devicesWithUnapprovedMessaging).toBe(55);
		expect(m.unapprovedMessagingExact).toBe(false);
		expect(m.unapprovedMessagingRate?.value).toBe(0.11);
		const capped = toAssuranceMetrics({ ...none, appSnapshot, managedDevices: 50 }, AS_OF);
		expect(capped.devicesWithUnapprovedMessaging).toBe(50);
	});
});

describe('the shipped assurance data rules at their boundaries', () => {
	const read = (name: string) => readFileSync(fileURLToPath(new URL(`../../data/frameworks/${name}`, import.meta.url)), 'utf8');
	const caf = parseFrameworkFile('dspt-caf-2024-25.json', read('dspt-caf-2024-25.json'));
	const ndg = parseFrameworkFile('dspt-ndg-2023-24.json', read('dspt-ndg-2023-24.json'));
	const rulesOf = (code: string, metric: string, from = caf) => (from.items.find((i) => i.code === code)?.dataRules ?? []).filter((r) => r.metric === metric);
	const at = (numerator: number, denominator: number): MetricValue => ({ value: numerator / denominator, numerator, denominator });
	const level = (code: string, metric: string, value: MetricValue, from = caf) => evaluateRules(rulesOf(code, metric, from), { [metric]: value }).level;

	it('A2.b: both yearly activities Achieved, one Partially, none Not achieved', () => {
		expect(level('A2.b', 'assurance.coverageRate', at(2, 2))).toBe('achieved');
		expect(level('A2.b', 'assurance.coverageRate', at(1, 2))).toBe('partially_achieved');
		expect(level('A2.b', 'assurance.coverageRate', at(0, 2))).toBe('not_achieved');
	});

	it('B4.d: 90 % within 14 days Achieved, 70 % Partially, just under each a level lower', () => {
		expect(level('B4.d', 'findings.remediatedWithin14dRate', at(9, 10))).toBe('achieved');
		expect(level('B4.d', 'findings.remediatedWithin14dRate', at(899, 1000))).toBe('partially_achieved');
		expect(level('B4.d', 'findings.remediatedWithin14dRate', at(7, 10))).toBe('partially_achieved');
		expect(level('B4.d', 'findings.remediatedWithin14dRate', at(699, 1000))).toBe('not_achieved');
		expect(evaluateRules(rulesOf('B4.d', 'findings.remediatedWithin14dRate'), {}).level).toBeNull();
	});

	it('NDG 9.2.3: met only when every critical or high finding was dealt with in 14 days', () => {
		expect(level('9.2.3', 'findings.remediatedWithin14dRate', at(12, 12), ndg)).toBe('achieved');
		expect(level('9.2.3', 'findings.remediatedWithin14dRate', at(11, 12), ndg)).toBe('not_achieved');
	});

	it('B6.a: reports two to one against clicks Achieved, at least equal Partially', () => {
		expect(level('B6.a', 'phishing.reportShare', at(67, 100))).toBe('achieved');
		expect(level('B6.a', 'phishing.reportShare', at(66, 100))).toBe('partially_achieved');
		expect(level('B6.a', 'phishing.reportShare', at(50, 100))).toBe('partially_achieved');
		expect(level('B6.a', 'phishing.reportShare', at(49, 100))).toBe('not_achieved');
	});

	it('B3.b and B3.d: at most 1 % of devices with an unapproved app Achieved, at most 5 % Partially', () => {
		for (const code of ['B3.b', 'B3.d']) {
			expect(level(code, 'messaging.unapprovedDeviceRate', at(10, 1000))).toBe('achieved');
			expect(level(code, 'messaging.unapprovedDeviceRate', at(11, 1000))).toBe('partially_achieved');
			expect(level(code, 'messaging.unapprovedDeviceRate', at(50, 1000))).toBe('partially_achieved');
			expect(level(code, 'messaging.unapprovedDeviceRate', at(51, 1000))).toBe('not_achieved');
		}
		expect(evaluateRules(rulesOf('B3.b', 'messaging.unapprovedDeviceRate'), { 'messaging.unapprovedDeviceRate': at(3, 1000) }).explanation).toBe(
			'managed devices with an unapproved messaging app 0.3 % (3 of 1,000) → Achieved (≤ 1 %)'
		);
	});
});
