import type { MetricName } from './metric-names';
import type { Rate } from './rate';
import type { OrganisationMetrics } from './service';

/**
 * The metrics framework data rules may name (metric-names.ts), read from one organisation's computed
 * metrics. null means the data cannot say (an aggregate device export without that count); a Rate whose
 * value is null means there was nothing to measure (no denominator). Typed against every MetricName, so a
 * name added there does not compile until it is mapped here.
 */
export function metricsByName(metrics: OrganisationMetrics): Record<MetricName, Rate | null> {
	const { training, devices, incidents, assurance } = metrics;
	return {
		'training.completionRate': training.completionRate,
		'devices.managedRate': devices.managedRate,
		'devices.compliantRate': devices.compliantRate,
		'devices.encryptedRate': devices.encryptedRate,
		'devices.supportedOsRate': devices.supportedOsRate,
		'devices.staleRate': devices.staleRate,
		'devices.jailbrokenRate': devices.jailbrokenRate,
		'incidents.notifiedWithin72hRate': incidents.notifiedWithin72hRate,
		'incidents.rcaCompletedRate': incidents.rcaCompletedRate,
		'assurance.coverageRate': assurance.assuranceCoverageRate,
		'findings.remediatedWithin14dRate': assurance.remediatedWithin14dRate,
		'phishing.reportShare': assurance.phishingReportShare,
		'messaging.unapprovedDeviceRate': assurance.unapprovedMessagingRate
	};
}
