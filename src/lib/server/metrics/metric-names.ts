/**
 * The metrics a framework's data rules may name. A framework file that names any other metric is rejected
 * on load, so a typo cannot silently turn into "no data" for every organisation. Each metric is a rate:
 * numerator ÷ denominator as of a date, and the definitions below are what the metric functions compute.
 */
export type MetricUnit = 'rate';

export interface MetricDefinition {
	/** Lower-case noun phrase for explanations: "training completion 91.2 % (4,562 of 5,003)". */
	label: string;
	unit: MetricUnit;
	/** What is counted, in words, for the screen and the methodology notes. */
	definition: string;
}

export const METRICS = {
	'training.completionRate': {
		label: 'training completion',
		unit: 'rate',
		definition: 'staff required to train with a completion in the 12 months before the date ÷ staff required to train'
	},
	'devices.managedRate': {
		label: 'devices under management',
		unit: 'rate',
		definition: 'devices in the latest snapshot that are managed (MDM) ÷ devices in the snapshot'
	},
	'devices.compliantRate': {
		label: 'compliant devices',
		unit: 'rate',
		definition: 'devices reported compliant and not stale ÷ devices in the snapshot (a stale device keeps its last verdict, so it counts as non-compliant)'
	},
	'devices.encryptedRate': {
		label: 'encrypted devices',
		unit: 'rate',
		definition: 'devices reported encrypted ÷ devices in the snapshot'
	},
	'devices.supportedOsRate': {
		label: 'devices on a supported operating system',
		unit: 'rate',
		definition: 'devices whose operating system version is still supported by its vendor ÷ devices in the snapshot'
	},
	'devices.staleRate': {
		label: 'stale devices',
		unit: 'rate',
		definition: 'devices with no check-in for 30 days before the snapshot ÷ devices in the snapshot'
	},
	'devices.jailbrokenRate': {
		label: 'jailbroken or rooted devices',
		unit: 'rate',
		definition: 'devices reported jailbroken or rooted ÷ devices in the snapshot'
	},
	'incidents.notifiedWithin72hRate': {
		label: 'reportable incidents notified within 72 hours',
		unit: 'rate',
		definition: 'ICO-reportable incidents in the 12 months before the date notified within 72 hours of detection ÷ ICO-reportable incidents in that period'
	},
	'assurance.coverageRate': {
		label: 'yearly independent assurance',
		unit: 'rate',
		definition:
			'of the activities expected every year (a DSPT independent assessment and a penetration test), those finished in the 12 months before the date ÷ 2'
	},
	'findings.remediatedWithin14dRate': {
		label: 'critical and high findings dealt with within 14 days',
		unit: 'rate',
		definition:
			'critical and high findings raised in the 12 months before the date remediated or risk-accepted within 14 days of being raised ÷ those findings (leaving out those still open inside their 14 days)'
	},
	'phishing.reportShare': {
		label: 'phishing reports against clicks',
		unit: 'rate',
		definition:
			'in the latest phishing exercise of the 12 months before the date, staff who reported the email ÷ staff who reported it or clicked it (at least 50 % when reports outnumber clicks)'
	},
	'messaging.unapprovedDeviceRate': {
		label: 'managed devices with an unapproved messaging app',
		unit: 'rate',
		definition:
			'managed devices holding a consumer messaging app the organisation has not approved, in the latest discovered-apps export ÷ the devices it covers'
	},
	'incidents.rcaCompletedRate': {
		label: 'closed incidents with a root cause analysed',
		unit: 'rate',
		definition: 'incidents closed in the 12 months before the date with a root cause recorded ÷ incidents closed in that period'
	}
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;

export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export function isMetricName(name: string): name is MetricName {
	return Object.hasOwn(METRICS, name);
}
