import type { CoverSheetValue } from '../src/lib/schemas/report';

/**
 * What board packs of version 3 add to their frozen data (board-pack-data.ts): the cover sheet and
 * commentary entered before generation, each investment's returns, and what the scorecard assumes.
 */

export type CoverSheet = CoverSheetValue;

export interface PackReturnWindow {
	from: string;
	through: string;
	incidents: number;
	costPence: number;
	costedIncidents: number;
}

export interface PackInvestmentReturn {
	name: string;
	category: string;
	goLiveOn: string | null;
	live: boolean;
	annualCostPence: number;
	targetedCategories: string[];
	/** The ENISA model from Beacon's default inputs; null when it cannot be worked out (`modelledProblem` says why). */
	modelled: {
		slePence: number;
		aro: number;
		mitigation: number;
		alePence: number;
		avoidedPence: number;
		netBenefitPence: number;
		rosi: number;
		/** Where each input came from, in words; `assumed` marks Beacon's assumptions. */
		sources: { input: 'sle' | 'aro' | 'mitigation' | 'annualCost'; text: string; assumed: boolean }[];
	} | null;
	modelledProblem: string | null;
	/** Incidents of the targeted kinds before and after go-live; null when there is nothing to compare (`observedNote` says why). */
	observed: {
		before: PackReturnWindow;
		after: PackReturnWindow;
		/** After minus before as a fraction of before, per year (rates; null when before is 0). */
		incidentsChange: number | null;
		costChange: number | null;
		windowNote: string | null;
		caution: string | null;
	} | null;
	observedNote: string | null;
}

export interface PackReturns {
	asOf: string;
	investments: PackInvestmentReturn[];
}

export interface PackAssumptions {
	/** Outcomes whose profile level is Beacon's assumption (not published for the edition), by id. */
	assumedProfiles: string[];
	/** Outcomes whose profile level is published for the edition. */
	publishedProfiles: string[];
	/** Data-rule thresholds that are Beacon's assumptions, one line per rule. */
	assumedThresholds: { outcome: string; metric: string; thresholds: string }[];
	/** Outcomes with no evidence file held on the pack's date. */
	noEvidence: string[];
	/** Outcomes in the edition (so "none" and "all" can be said). */
	outcomes: number;
}
