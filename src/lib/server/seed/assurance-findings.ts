import type { ActivityType, FindingStatus, Opinion, Severity, VeracityConfidence } from '../../schemas/assurance';
import { CRITICAL_HIGH_WINDOW_DAYS, DEFAULT_DAYS_TO_REMEDIATE } from '../assurance/finding-dates';
import { addDays } from './dates';
import type { Random } from './random';

/** An assurance activity as the seeds plan it; `title` is unique within its organisation and names it. */
export interface SeedActivity {
	type: ActivityType;
	title: string;
	provider: string;
	startedOn: string;
	/** Null while still under way (no opinion or findings yet). */
	completedOn: string | null;
	scope: string | null;
	opinion: Opinion | null;
	confidence: VeracityConfidence | null;
	note: string | null;
}

/** A finding as the seeds plan it, with its state on the seed's last day. */
export interface SeedFinding {
	/** The title of the activity that raised it. */
	activityTitle: string;
	reference: string;
	title: string;
	severity: Severity;
	raisedOn: string;
	dueOn: string;
	owner: string;
	status: FindingStatus;
	remediatedOn: string | null;
	acceptedBy: string | null;
	acceptedReason: string | null;
	acceptedOn: string | null;
}

export interface SeedPhishingResult {
	activityTitle: string;
	/** Empty for a whole-exercise row. */
	staffGroup: string;
	emailsSent: number;
	clicked: number;
	credentialsEntered: number | null;
	reported: number;
}

type FindingKind = 'penetration_test' | 'internal_audit' | 'dspt_independent_assessment' | 'cyber_essentials_plus';

/** What each kind of activity typically finds, by severity. */
const TITLES: Record<FindingKind, Partial<Record<Severity, readonly string[]>>> = {
	penetration_test: {
		critical: [
			'Domain administrator credentials recoverable from a readable file share',
			'Unauthenticated remote code execution on an internet-facing server',
			'Default credentials on a medical device management interface',
			'Unsupported Windows Server hosting a clinical application'
		],
		high: [
			'SMB signing not enforced on servers',
			'LLMNR and NBT-NS poisoning possible on the clinical network',
			'Critical security updates missing on workstations',
			'Local administrator password reused across workstations',
			'VPN appliance firmware out of date',
			'Service accounts with weak passwords open to Kerberoasting',
			'Weak TLS configuration on the patient portal'
		],
		medium: [
			'Self-signed certificates on internal web services',
			'Verbose error pages disclose software versions',
			'SNMP community string left at its default',
			'File shares readable by every member of staff',
			'Account lockout not enforced on a web application'
		],
		low: ['Clickjacking protection missing on the intranet', 'Session cookies without the Secure flag', 'Server banner discloses version information']
	},
	internal_audit: {
		high: [
			"Leavers' accounts not disabled within the agreed five days",
			'No tested restore of clinical system backups in the year',
			'Mobile devices in use without device management',
			'Privileged access not reviewed in the year'
		],
		medium: [
			'Information asset register incomplete',
			'Data protection impact assessments past their review date',
			'Supplier contracts without data security clauses',
			'Policies past their review date'
		],
		low: ['Committee minutes do not record the SIRO review of risks', 'Training records not reconciled with ESR']
	},
	dspt_independent_assessment: {
		high: [
			'Multi-factor authentication not enforced on all remote access',
			'Evidence for the asset management outcome not available',
			'Unsupported systems missing from the risk register'
		],
		medium: ['Data flow mapping incomplete', 'Incident response plan not exercised in the year', 'Training needs analysis not approved by the board'],
		low: ['Evidence documents not under version control', 'Self-assessment rationale does not cite its evidence']
	},
	cyber_essentials_plus: {
		critical: ['Sampled laptop with malware protection disabled'],
		high: ['Unsupported operating system on sampled devices', 'Critical update older than 14 days on a sampled device'],
		medium: ['Firewall rules not reviewed in the year', 'Staff accounts with administrative rights for daily use'],
		low: ['Screen lock longer than the policy allows on sampled tablets']
	}
};

const PREFIX: Record<FindingKind, string> = { penetration_test: 'PT', internal_audit: 'IA', dspt_independent_assessment: 'DSPT', cyber_essentials_plus: 'CEP' };

const OWNERS: Record<FindingKind, readonly string[]> = {
	penetration_test: ['Head of IT Infrastructure', 'Cyber Security Lead', 'Network Manager'],
	internal_audit: ['Head of Information Governance', 'Head of Digital Services', 'Cyber Security Lead'],
	dspt_independent_assessment: ['Head of Information Governance', 'Data Protection Officer', 'Cyber Security Lead'],
	cyber_essentials_plus: ['Head of IT Infrastructure', 'End User Computing Manager']
};

/** Why a SIRO accepts a risk rather than fixing it now: legacy clinical systems, mostly. */
const ACCEPTANCE_REASONS = [
	"The legacy PACS server cannot be patched until the supplier's upgrade next financial year; it sits on its own network segment with monitored access.",
	'The pathology analyser runs an embedded system only its manufacturer may change; it has no internet access and application allow-listing is on.',
	'The telephony system that needs this protocol is funded for replacement next year; the service is restricted to the voice network.',
	'The fix needs downtime of a 24/7 clinical system; accepted until the planned maintenance window, with the host under enhanced monitoring.'
] as const;

/** Finding counts by severity for an activity, fewer the more mature the organisation (m, 0–1). */
function severityCounts(kind: FindingKind, opinion: Opinion | null, m: number, random: Random): Record<Severity, number> {
	const weak = 1 - m;
	switch (kind) {
		case 'penetration_test':
			return {
				critical: Math.round(3 * weak + random.float() * 0.8),
				high: 2 + Math.round(6 * weak) + random.int(0, 1),
				medium: random.int(3, 6) + Math.round(3 * weak),
				low: random.int(2, 5)
			};
		case 'cyber_essentials_plus':
			return opinion === 'fail'
				? { critical: 1, high: 2, medium: random.int(1, 2), low: 1 }
				: { critical: 0, high: random.int(0, 1), medium: random.int(1, 2), low: random.int(0, 1) };
		default: {
			const high = opinion === 'limited' || opinion === 'unsatisfactory' ? random.int(2, 3) : opinion === 'moderate' ? random.int(1, 2) : random.int(0, 1);
			return { critical: 0, high, medium: random.int(2, 4), low: random.int(1, 3) };
		}
	}
}

/** The share of critical and high findings dealt with inside 14 days at a maturity (0–1): 0.33 at 0.45, 0.96 at 0.9. */
export function onTimeShare(m: number): number {
	return Math.min(0.97, Math.max(0.05, 1.4 * m - 0.3));
}

export interface FindingContext {
	/** Maturity (0–1) on a date: how well findings raised then are handled. */
	maturityOn: (isoDate: string) => number;
	/** The seed's last day: nothing is remediated after it, so later fixes are still open. */
	end: string;
	/** Who accepts risks, e.g. "SIRO (Chief Finance Officer)". */
	siro: string;
}

/**
 * The findings an activity raised and what became of them by the seed's last day. Critical and high ones
 * are dealt with inside 14 days in the share onTimeShare gives (counted, not drawn, so small activities
 * still tell the story); some of those are risk-accepted by the SIRO with a reason. The rest are fixed
 * late: within months, or, the less mature the organisation the likelier, a year or more later or not at
 * all (lingering), so some are still open and overdue at the end. Medium and low ones have their default terms (finding-dates.ts)
 * and are mostly met.
 */
export function planFindings(activity: SeedActivity, ctx: FindingContext, random: Random): SeedFinding[] {
	if (!(activity.type in PREFIX)) return [];
	const kind = activity.type as FindingKind;
	const raisedOn = activity.completedOn;
	if (raisedOn === null || raisedOn > ctx.end) return [];
	const m = ctx.maturityOn(raisedOn);
	const counts = severityCounts(kind, activity.opinion, m, random);
	const findings: SeedFinding[] = [];
	const urgent = counts.critical + counts.high;
	const onTime = Math.round(urgent * onTimeShare(m));
	const onTimeSlots = new Set<number>();
	while (onTimeSlots.size < onTime) onTimeSlots.add(random.int(0, urgent - 1));
	for (const severity of ['critical', 'high', 'medium', 'low'] as const) {
		const titles = TITLES[kind][severity] ?? TITLES[kind].medium ?? [];
		const first = random.int(0, titles.length - 1);
		for (let k = 0; k < counts[severity]; k++) {
			const slot = findings.length;
			const base = {
				activityTitle: activity.title,
				reference: `${PREFIX[kind]}-${raisedOn.slice(0, 7)}-${String(slot + 1).padStart(2, '0')}`,
				title: titles[(first + k) % titles.length] ?? 'Finding',
				severity,
				raisedOn,
				dueOn: addDays(raisedOn, DEFAULT_DAYS_TO_REMEDIATE[severity]),
				owner: random.pick(OWNERS[kind])
			};
			const urgentFinding = severity === 'critical' || severity === 'high';
			findings.push({ ...base, ...resolve(urgentFinding, onTimeSlots.has(slot), DEFAULT_DAYS_TO_REMEDIATE[severity], raisedOn, m, ctx, random) });
		}
	}
	return findings;
}

type Resolution = Pick<SeedFinding, 'status' | 'remediatedOn' | 'acceptedBy' | 'acceptedReason' | 'acceptedOn'>;

const OPEN: Resolution = { status: 'open', remediatedOn: null, acceptedBy: null, acceptedReason: null, acceptedOn: null };

function resolve(urgent: boolean, onTime: boolean, days: number, raisedOn: string, m: number, ctx: FindingContext, random: Random): Resolution {
	if (urgent) {
		if (onTime) {
			return random.chance(0.15)
				? accepted(addDays(raisedOn, random.int(5, CRITICAL_HIGH_WINDOW_DAYS)), ctx, random)
				: remediated(addDays(raisedOn, random.int(2, CRITICAL_HIGH_WINDOW_DAYS)), ctx);
		}
		if (!random.chance(0.6 * (1 - m))) {
			const on = addDays(raisedOn, random.int(CRITICAL_HIGH_WINDOW_DAYS + 2, 120));
			return random.chance(0.1) ? accepted(on, ctx, random) : remediated(on, ctx);
		}
		return lingering(raisedOn, 150, ctx, random);
	}
	if (random.chance(0.04)) return accepted(addDays(raisedOn, random.int(20, 80)), ctx, random);
	if (random.chance(0.45 + 0.5 * m)) return remediated(addDays(raisedOn, random.int(10, days)), ctx);
	if (!random.chance(0.5 * (1 - m))) return remediated(addDays(raisedOn, days + random.int(5, 120)), ctx);
	return lingering(raisedOn, days + 120, ctx, random);
}

/** Remediated on the date, or still open when that is after the seed's last day. */
function remediated(on: string, ctx: FindingContext): Resolution {
	return on > ctx.end ? OPEN : { ...OPEN, status: 'remediated', remediatedOn: on };
}

function accepted(on: string, ctx: FindingContext, random: Random): Resolution {
	if (on > ctx.end) return OPEN;
	return { ...OPEN, status: 'risk_accepted', acceptedOn: on, acceptedBy: ctx.siro, acceptedReason: random.pick(ACCEPTANCE_REASONS) };
}

/**
 * A finding that lingers: fixed a year or so later, or never, the likelier the less mature the
 * organisation is by the end (so an organisation that improved clears its backlog, one that did not
 * keeps it open and overdue).
 */
function lingering(raisedOn: string, after: number, ctx: FindingContext, random: Random): Resolution {
	if (random.chance(1 - ctx.maturityOn(ctx.end))) return OPEN;
	return remediated(addDays(raisedOn, random.int(after, after + 350)), ctx);
}
