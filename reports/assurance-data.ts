/**
 * What the board and regulator packs print about assurance (audits, independent assessments, penetration
 * tests, findings, phishing exercises, consumer messaging apps), as plain JSON: frozen with the pack's data
 * and hashed, so no Dates and nothing computed at print time. Gathered from the assurance register
 * (src/lib/server/reports/assurance-data.ts), so every figure is the one the Assurance page shows for the
 * same organisation and date. Enum codes travel with their labels, so a reader of the JSON need not know
 * Beacon's code lists. Dates 'YYYY-MM-DD', rates fractions 0–1 with what they are made of.
 */
export interface AssuranceRate {
	value: number | null;
	numerator: number;
	denominator: number;
}

export interface AssuranceActivityRow {
	type: string;
	typeLabel: string;
	title: string;
	provider: string | null;
	startedOn: string;
	/** Null while it was still under way on the as-of date. */
	completedOn: string | null;
	scope: string | null;
	/** The overall opinion as words ("Moderate assurance", "Pass"), null when none was given (yet). */
	opinion: string | null;
	/** The DSPT independent assessor's confidence in the self-assessment, as words. */
	confidence: string | null;
	opinionNote: string | null;
	reportFileName: string | null;
	/** Findings it raised by the as-of date, and how many of those were critical or high. */
	findings: number;
	findingsCriticalHigh: number;
	/** Of those, still open on the as-of date. */
	findingsOpen: number;
}

export interface AssuranceFindingRow {
	reference: string;
	title: string;
	severity: string;
	severityLabel: string;
	raisedOn: string;
	dueOn: string;
	owner: string | null;
	/** The status on the as-of date. */
	status: string;
	statusLabel: string;
	/** The day it was remediated or its risk accepted, by the as-of date. */
	closedOn: string | null;
	acceptedBy: string | null;
	acceptedReason: string | null;
	/** The activity that raised it, by title. */
	activity: string | null;
	overdue: boolean;
	daysOverdue: number;
	/** Days from raised to closed, or to the as-of date while open. */
	ageDays: number;
	/** Critical or high and dealt with (remediated or risk accepted) no later than 14 days after being raised. */
	within14Days: boolean | null;
}

export interface PhishingExerciseRow {
	title: string;
	startedOn: string;
	emailsSent: number;
	clicked: number;
	/** Null when the results do not say. */
	credentialsEntered: number | null;
	reported: number;
	groups: { staffGroup: string; emailsSent: number; clicked: number; credentialsEntered: number | null; reported: number }[];
}

export interface MessagingAppRow {
	/** The name as the MDM export gives it ("WhatsApp Business"). */
	appName: string;
	/** The listed app it is ("WhatsApp"). */
	matched: string;
	approved: boolean;
	devices: number;
}

/** The figures both packs state, as the assurance metrics compute them. */
export interface AssuranceSummary {
	asOf: string;
	/** The 12 months the metrics look back over: after `after`, through `through`. */
	window: { after: string; through: string };
	/** What is recorded by the as-of date at all, to tell "nothing recorded" from "nothing this year". */
	recorded: { activities: number; findings: number; phishingExercises: number; appExport: boolean };
	/** A2.b: of the activities expected every year, those completed in the 12 months. */
	coverage: { rate: AssuranceRate; dsptIndependentAssessment: boolean; penetrationTest: boolean };
	lastIndependentAssessment: { title: string | null; completedOn: string; provider: string | null; opinion: string | null; confidence: string | null } | null;
	latestPenetrationTest: AssuranceActivityRow | null;
	findings: {
		open: number;
		openBySeverity: { critical: number; high: number; medium: number; low: number };
		openCriticalHigh: number;
		overdue: number;
		overdueCriticalHigh: number;
		riskAccepted: number;
		riskAcceptedCriticalHigh: number;
		/** DSPT 9.2.3: critical and high findings of the 12 months dealt with within 14 days. */
		remediatedWithin14dRate: AssuranceRate;
		meanDaysToRemediate: { value: number | null; findings: number };
	};
	phishing: { latestOn: string | null; clickRate: AssuranceRate; reportRate: AssuranceRate; reportShare: AssuranceRate };
	messaging: {
		/** The discovered-apps export the figures come from; null when none was imported by the date. */
		snapshotOn: string | null;
		devicesWithUnapproved: number | null;
		unapprovedRate: AssuranceRate | null;
		/** True when the export listed devices (exact); false for per-app counts (an upper bound). */
		exact: boolean | null;
		unapprovedApps: { name: string; devices: number }[];
		approvedApps: { name: string; devices: number }[];
		approvedStaffRate: AssuranceRate | null;
	};
}

/** The board pack's assurance: the summary and the few rows it prints. */
export interface PackAssurance extends AssuranceSummary {
	/** Activities other than phishing exercises, completed in the 12 months or under way, latest first. */
	activities: AssuranceActivityRow[];
	/** Critical and high findings whose risk stood accepted on the date: who accepted it and why. */
	acceptedCriticalHigh: AssuranceFindingRow[];
	/** Overdue findings, critical and high first, then longest overdue (at most a few). */
	overdue: AssuranceFindingRow[];
	/** Phishing exercises of the two years to the date, oldest first, for the trend (all staff: no groups). */
	phishingExercises: Omit<PhishingExerciseRow, 'groups'>[];
}

/** The regulator pack's assurance: the summary and every row of the registers for the period. */
export interface RegulatorAssurance extends AssuranceSummary {
	/** Activities other than phishing exercises, completed in the 12 months or under way, latest first. */
	activities: AssuranceActivityRow[];
	/** The findings register: findings open on the date, or raised or closed in the 12 months; overdue first, then open, then closed. */
	register: AssuranceFindingRow[];
	phishingExercises: PhishingExerciseRow[];
	messagingApps: MessagingAppRow[];
}
