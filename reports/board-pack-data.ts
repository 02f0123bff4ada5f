import type { PackAssurance } from './assurance-data';
import type { CoverSheet, PackAssumptions, PackReturns } from './board-pack-extras';
import type { Freshness } from '../src/lib/server/freshness/sources';

/**
 * What a board pack prints, as plain JSON: frozen with the snapshot and hashed, so no Dates, Buffers or
 * functions, and only the rows and figures the pack shows (and the series its charts draw). Gathered from
 * the dashboard's read models (src/lib/server/reports/board-data.ts), so every figure is the dashboard's.
 * Dates are 'YYYY-MM-DD', months 'YYYY-MM', money whole pence, rates fractions 0–1 with what they are made of.
 */
export interface PackRate {
	value: number | null;
	numerator: number;
	denominator: number;
}

export type CellState = 'exceeds' | 'meets' | 'gap' | 'not_assessed';

export interface PackOutcome {
	id: string;
	title: string;
	/** Levels as words ("Partially achieved"), null when there is none. */
	profile: string | null;
	self: string | null;
	data: string | null;
	judged: string | null;
	state: CellState;
	gap: boolean;
	/** A gap covered by an open action with an owner and a due date. */
	planned: boolean;
	/** Self-assessed above what the data shows. */
	flagged: boolean;
	/** The hard gate's text when the outcome has one, and whether it is confirmed as met. */
	hardGate: string | null;
	hardGateHeld: boolean | null;
}

export interface PackFigureChange {
	id: string;
	label: string;
	unit: 'rate' | 'count' | 'pence';
	before: number | null;
	after: number | null;
	change: number | null;
	higherIsBetter: boolean;
}

export interface PackGroupCompletion {
	name: string;
	requiredStaff: number;
	completed12m: number;
	completionRate: PackRate;
}

export interface BoardPackData {
	/**
	 * The shape of this data, so a frozen snapshot can always be read back (2 added `assurance`; 3 the cover
	 * sheet and commentary, the investments' returns, and what is assumed or has no evidence held).
	 */
	version: 2 | 3;
	/** The cover sheet and the IT lead's commentary, entered before generation (absent before version 3; null when none was entered). */
	coverSheet?: CoverSheet | null;
	/** Each investment's modelled and observed return as of the pack's date (absent before version 3). */
	returns?: PackReturns;
	/** Profile levels and thresholds that are Beacon's assumptions, and outcomes with no evidence held (absent before version 3). */
	assumptions?: PackAssumptions | null;
	/** How old each source's data was on the pack's date (absent in packs made before it was kept). */
	freshness?: Freshness;
	org: { ods: string; name: string; kind: string };
	period: { label: string; from: string; to: string; asOf: string };
	/** The DSPT edition the scorecard is for; null when none is loaded (no status, no heat map). */
	edition: string | null;
	status: { label: string; localRule: string | null; outcomes: number; meeting: number; gaps: number; unplanned: number } | null;
	outcomes: PackOutcome[];
	changes: {
		since: string;
		/** The last board pack the comparison starts from; null when none (then three months before). */
		reportId: string | null;
		scorecard: {
			statusBefore: string;
			statusAfter: string;
			meetingBefore: number;
			meetingAfter: number;
			changes: { id: string; from: string | null; to: string | null; direction: string }[];
		} | null;
		figures: PackFigureChange[];
	};
	risks: {
		gaps: { id: string; title: string; judged: string | null; profile: string | null; shortfall: number; planned: boolean; hardGateFailed: boolean }[];
		veracity: { id: string; title: string; self: string | null; data: string | null }[];
	};
	people: {
		target: number;
		window: { after: string; through: string };
		requiredStaff: number;
		completed12m: number;
		completionRate: PackRate;
		boardMembers: PackGroupCompletion;
		byStaffGroup: PackGroupCompletion[];
		/** toDate: the last month is drawn to this date, not its end (absent in packs made before it was kept). */
		trend: { months: string[]; completionRate: (number | null)[]; toDate?: string | null };
	};
	devices: {
		snapshot: { asOf: string; source: string; isAggregate: boolean } | null;
		total: number;
		managed: number | null;
		compliantRate: PackRate | null;
		encryptedRate: PackRate | null;
		supportedOsRate: PackRate | null;
		staleRate: PackRate | null;
		trend: {
			months: string[];
			toDate?: string | null;
			total: (number | null)[];
			compliant: (number | null)[];
			encrypted: (number | null)[];
			supportedOs: (number | null)[];
			stale: (number | null)[];
		};
	};
	incidents: {
		window: { after: string; through: string };
		/** Incidents the organisation has recorded at all, to tell "none imported" from "none this year". */
		recorded: number;
		total: number;
		icoReportable: number;
		dhscReportable: number;
		notifiedWithin72h: number;
		notifiedLate: number;
		notNotifiedOverdue: number;
		notNotifiedPending: number;
		notifiedWithin72hRate: PackRate;
		medianHoursToContain: { value: number | null; incidents: number };
		rcaCompletedRate: PackRate;
		per1000Staff: PackRate;
		byCategory: { category: string; total: number }[];
		months: { month: string; total: number; icoReportable: number; byBreachType: { confidentiality: number; integrity: number; availability: number } }[];
		lessons: { text: string; category: string; incidents: number; lastClosedOn: string }[];
	};
	spend: {
		financialYear: string;
		totalPence: number;
		perStaffPence: PackRate;
		perManagedDevicePence: PackRate;
		years: { year: number; label: string; totalPence: number; byCategory: Record<string, number>; byExpenseType: { capex: number; opex: number } }[];
		investments: {
			name: string;
			category: string;
			goLiveOn: string | null;
			live: boolean;
			annualCostPence: number;
			targetedCategories: string[];
			spentThisYearPence: number;
			spentToDatePence: number;
		}[];
	};
	assurance: PackAssurance;
	plan: {
		rollUp: { objective: string; title: string; total: number; open: number; inProgress: number; completed: number; cancelled: number; overdue: number }[];
		/** Open and in-progress actions past their due date, longest overdue first. */
		overdue: { outcome: string; title: string; owner: string | null; dueOn: string; daysOverdue: number; status: string }[];
		/** Open or in-progress actions with no owner or no due date. */
		unassigned: number;
	};
	/** A recorded board sign-off, when the snapshot carries one; null prints blank lines to sign. */
	signOff: { name: string; role: string; date: string; comment: string | null } | null;
}
