import type { ScorecardComparison } from '../assessment/compare';

/**
 * "What changed since the last board pack": the headline figures then and now, pure. Each change is the
 * two values and their difference in the figure's own unit; a figure missing at either end has no change.
 */
export interface FigureChange {
	id: string;
	label: string;
	unit: 'rate' | 'count' | 'pence';
	before: number | null;
	after: number | null;
	change: number | null;
	/** Whether a rise is good news (training up) or bad (incidents up), for the words, not a colour. */
	higherIsBetter: boolean;
}

export interface ChangesSince {
	since: string;
	/** The board pack the comparison starts from, or null when there is none (then: three months earlier). */
	reportId: string | null;
	scorecard: ScorecardComparison | null;
	figures: FigureChange[];
}

export interface HeadlineFigures {
	trainingRate: number | null;
	compliantRate: number | null;
	encryptedRate: number | null;
	staleDevices: number | null;
	incidents: number;
	icoReportable: number;
}

const FIGURES: { id: keyof HeadlineFigures; label: string; unit: FigureChange['unit']; higherIsBetter: boolean }[] = [
	{ id: 'trainingRate', label: 'Training completion', unit: 'rate', higherIsBetter: true },
	{ id: 'compliantRate', label: 'Compliant devices', unit: 'rate', higherIsBetter: true },
	{ id: 'encryptedRate', label: 'Encrypted devices', unit: 'rate', higherIsBetter: true },
	{ id: 'staleDevices', label: 'Stale devices', unit: 'count', higherIsBetter: false },
	{ id: 'incidents', label: 'Incidents in the last 12 months', unit: 'count', higherIsBetter: false },
	{ id: 'icoReportable', label: 'ICO-reportable incidents in the last 12 months', unit: 'count', higherIsBetter: false }
];

export function figureChanges(before: HeadlineFigures, after: HeadlineFigures): FigureChange[] {
	return FIGURES.map((f) => {
		const b = before[f.id];
		const a = after[f.id];
		return { ...f, before: b, after: a, change: a === null || b === null ? null : a - b };
	});
}
