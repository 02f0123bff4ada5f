import type { RegulatorAssurance } from './assurance-data';
import type { Freshness } from '../src/lib/server/freshness/sources';

/**
 * What a regulator pack is made from: plain JSON, frozen as a report snapshot and hashed (canonical JSON),
 * so it holds no Date, no undefined and no file contents. Dates are ISO strings, levels are the CAF words
 * as the scorecard prints them. Gathered by src/lib/server/reports/regulator-data.ts; re-exported by regulator-pack.ts.
 */
export interface RegulatorPackData {
	/** 2 added `assurance`; a frozen version 1 snapshot has none. */
	formatVersion: 2;
	organisation: { ods: string; name: string };
	period: { label: string; from: string; to: string; asOf: string };
	edition: {
		code: string;
		edition: string;
		name: string;
		/** 'period' when the edition's label is the period's; 'nearest' when that edition is not loaded. */
		chosenBy: 'period' | 'nearest';
	};
	/** The assessment's state (draft, submitted, locked), or null when nothing has been recorded. */
	assessmentStatus: string | null;
	/** When the assessment was submitted and by whom (packs made before submission existed have no such field). */
	submission?: { at: string; by: string | null } | null;
	status: {
		label: string;
		code: string;
		/** The local rule's wording when the status is one (Standards Exceeded), else null. */
		localRule: string | null;
		counts: RegulatorCounts;
		hardGates: { outcome: string; title: string; gate: string; held: boolean }[];
	};
	objectives: RegulatorObjective[];
	plan: { actions: RegulatorAction[] };
	/** freshness: how old each source was on the date (absent in bundles made before it was kept). */
	metrics: { asOf: string; items: RegulatorMetric[]; freshness?: Freshness };
	assurance: RegulatorAssurance;
}

export interface RegulatorCounts {
	outcomes: number;
	selfAssessed: number;
	meetingProfile: number;
	judgedAchieved: number;
	gaps: number;
	/** Gaps with no open or in-progress action that has an owner and a due date. */
	uncoveredGaps: number;
	disagreements: number;
	evidenceFiles: number;
	openActions: number;
	overdueActions: number;
}

export interface RegulatorObjective {
	code: string;
	title: string;
	principles: { code: string; title: string; outcomes: RegulatorOutcome[] }[];
}

/** A CAF level as the scorecard prints it: 'Not achieved', 'Partially achieved' or 'Achieved'. */
export type LevelWord = string;

export interface RegulatorOutcome {
	id: string;
	title: string;
	profile: LevelWord | null;
	self: LevelWord | null;
	data: LevelWord | null;
	judged: LevelWord | null;
	meetsProfile: boolean;
	gap: boolean;
	planned: boolean;
	disagreement: boolean;
	hardGate: string | null;
	hardGateHeld: boolean | null;
	/** The scorecard's explanation: the data rules' reading, then whatever else decided the outcome. */
	explanation: string;
	rationale: string | null;
	owner: string | null;
	reviewOn: string | null;
	evidence: RegulatorEvidence[];
	/** The newest assessor finding, or null. */
	finding: { verdict: string; verdictLabel: string; note: string; recordedBy: string; recordedAt: string } | null;
}

export interface RegulatorEvidence {
	fileName: string;
	mediaType: string;
	sizeBytes: number;
	sha256: string;
	uploadedAt: string;
}

export interface RegulatorAction {
	outcome: string;
	outcomeTitle: string;
	objective: string;
	title: string;
	owner: string | null;
	dueOn: string | null;
	status: string;
	statusLabel: string;
	progressNote: string | null;
	overdue: boolean;
}

export interface RegulatorMetric {
	name: string;
	label: string;
	definition: string;
	/** A fraction 0–1, or null when there was nothing to measure. */
	value: number | null;
	numerator: number;
	denominator: number;
	/** The outcomes whose data rules read this metric. */
	usedBy: string[];
}
