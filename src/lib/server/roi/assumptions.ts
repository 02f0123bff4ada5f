import type { IncidentCategory } from '../../schemas/incident';
import type { SpendCategory } from '../../schemas/spend';

/**
 * Every assumption the return-on-investment figures rest on, as data, each with where it comes from.
 * They are starting points for the modelled (ENISA) figure only: the page shows each beside the result
 * and lets a reader change it, and the observed before/after figures use none of them. Where the source
 * says "planning assumption" there is no published NHS figure behind the number: replace it with the
 * organisation's own (its incident costs, a supplier's tested claim) when it has one.
 */

export interface Assumption<T> {
	value: T;
	source: string;
}

const PLANNING = 'Beacon planning assumption (no published NHS figure); replace with your own';

/** The share of the targeted incidents' losses a control of each kind is assumed to prevent (0–1). */
export const MITIGATION_BY_INVESTMENT_CATEGORY: Record<SpendCategory, Assumption<number>> = {
	mdm: { value: 0.7, source: `${PLANNING}: remote wipe and enforced encryption turn most lost-device incidents into no breach` },
	secure_messaging: { value: 0.6, source: `${PLANNING}: an approved app removes consumer-app use but not every misdirected message` },
	training: { value: 0.4, source: `${PLANNING}: awareness training lowers, but does not remove, successful phishing` },
	assurance: { value: 0.2, source: PLANNING },
	penetration_testing: { value: 0.3, source: `${PLANNING}: only the weaknesses found and fixed are mitigated` },
	endpoint_protection: { value: 0.6, source: `${PLANNING}: detection and response stops most, not all, malware before harm` },
	network_security: { value: 0.4, source: PLANNING },
	identity_access: { value: 0.5, source: PLANNING },
	backup_recovery: { value: 0.5, source: `${PLANNING}: restores shorten an outage; they do not stop the attack` },
	monitoring: { value: 0.3, source: PLANNING },
	staff: { value: 0.3, source: PLANNING },
	other: { value: 0.3, source: PLANNING }
};

/**
 * The cost of one incident of each kind, whole pence, used as the single loss expectancy when the
 * organisation has too few costed incidents of its own (fewer than MIN_COSTED_INCIDENTS_FOR_SLE).
 */
export const DEFAULT_SLE_BY_INCIDENT_CATEGORY: Record<IncidentCategory, Assumption<number>> = {
	misdirected: { value: 250_000, source: `${PLANNING}: staff time to recall, inform and report` },
	lost_stolen_device: { value: 500_000, source: `${PLANNING}: device replacement plus investigation and reporting` },
	lost_stolen_paper: { value: 250_000, source: PLANNING },
	unauthorised_access: { value: 1_000_000, source: PLANNING },
	phishing: { value: 500_000, source: `${PLANNING}: account recovery, investigation and reporting` },
	malware_ransomware: {
		value: 100_000_000,
		source: 'WannaCry (2017) cost the NHS about £92m and disrupted at least 81 trusts (DOMAIN.md scale anchors): about £1.1m a trust, rounded down to £1m'
	},
	system_unavailability: { value: 2_000_000, source: PLANNING },
	insider_misuse: { value: 500_000, source: PLANNING },
	unapproved_messaging: { value: 250_000, source: PLANNING },
	other: { value: 250_000, source: PLANNING }
};

/** An organisation's own average incident cost is used as the SLE once it has this many costed incidents in the baseline window. */
export const MIN_COSTED_INCIDENTS_FOR_SLE = 5;

/** The observed comparison's windows before and after go-live, at most this many months each. */
export const OBSERVED_WINDOW_MONTHS = 12;

/** Fewer incidents than this in both windows together, and the comparison carries a caution. */
export const MIN_INCIDENTS_FOR_COMPARISON = 10;

/** An after window shorter than this many months carries a caution. */
export const MIN_AFTER_WINDOW_MONTHS = 3;
