import type { ScorecardOutcome } from '../scorecard/build';

/**
 * The outcome heat map: objectives A–E down, their outcomes across, each cell the outcome's judged level
 * against its profile. Pure. The state is spelled out (and drawn with a symbol), never colour alone.
 */
export type CellState = 'exceeds' | 'meets' | 'gap' | 'not_assessed';

export interface HeatMapCell {
	id: string;
	title: string;
	state: CellState;
	/** Judged level, e.g. "Partially achieved", or null when not self-assessed. */
	judged: string | null;
	profile: string | null;
	/** Self-assessed above the data: the veracity flag. */
	flagged: boolean;
}

export interface HeatMapRow {
	objective: string;
	cells: HeatMapCell[];
}

const RANK: Record<string, number> = { 'Not achieved': 0, 'Partially achieved': 1, Achieved: 2 };

export function cellState(o: Pick<ScorecardOutcome, 'self' | 'judged' | 'profile' | 'meetsProfile' | 'gap'>): CellState {
	if (o.self === null) return 'not_assessed';
	if (o.gap) return 'gap';
	if (o.judged !== null && o.profile !== null && (RANK[o.judged] ?? 0) > (RANK[o.profile] ?? 0)) return 'exceeds';
	return 'meets';
}

/** Group outcomes by objective (the letter their code starts with), keeping the scorecard's order. */
export function heatMap(outcomes: readonly ScorecardOutcome[]): HeatMapRow[] {
	const rows: HeatMapRow[] = [];
	for (const o of outcomes) {
		const objective = o.id.slice(0, 1);
		let row = rows.find((r) => r.objective === objective);
		if (!row) rows.push((row = { objective, cells: [] }));
		row.cells.push({ id: o.id, title: o.title, state: cellState(o), judged: o.judged, profile: o.profile, flagged: o.disagreement });
	}
	return rows;
}
