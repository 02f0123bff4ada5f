import type { ServiceContext } from '../context';
import { refreshMonthlyRollup } from '../metrics/rollup';
import { gradingPeriods, type GradingPeriod } from './grading-periods';
import * as q from './queries';

/** The grading periods of the editions loaded now (grading-periods.ts says how rules are chosen by date). */
export async function loadGradingPeriods(ctx: ServiceContext): Promise<GradingPeriod[]> {
	return gradingPeriods(await q.selectGradingEditions(ctx.db));
}

/**
 * Grade the incidents an import batch wrote by the rules in force on each one's detection date. The rows
 * were graded by the default rules as they were read (the row checks run without the database, perhaps on
 * another thread); this settles them in the import's transaction. Returns how many changed.
 */
export async function gradeImportedIncidents(ctx: ServiceContext, batchId: number): Promise<number> {
	const changed = await q.regradeIncidents(ctx.db, await loadGradingPeriods(ctx), { batchId });
	return changed.reduce((sum, r) => sum + r.incidents, 0);
}

/**
 * Regrade every incident of every organisation by the rules now in force (after an edition's rules were
 * loaded or changed), in the caller's transaction, and rebuild the monthly rollups of the organisations
 * whose incidents changed grade. Returns how many changed per organisation (ODS code).
 */
export async function regradeAllIncidents(ctx: ServiceContext): Promise<{ ods: string; incidents: number }[]> {
	const changed = await q.regradeIncidents(ctx.db, await loadGradingPeriods(ctx), { all: true });
	for (const row of changed) await refreshMonthlyRollup(ctx, row.organisation_id);
	return changed.map((r) => ({ ods: r.ods_code, incidents: r.incidents }));
}
