import { recordAudit } from '../audit/service';
import type { ServiceContext } from '../context';
import type { GradingRules } from '../incidents/grading';
import { regradeAllIncidents } from '../incidents/regrade';

/** The grading rules as the framework row's columns (all null when the edition states none). */
export function gradingColumns(rules: GradingRules | null) {
	return {
		ico_min_likelihood: rules?.icoMinLikelihood ?? null,
		ico_min_severity: rules?.icoMinSeverity ?? null,
		dhsc_min_severity: rules?.dhscMinSeverity ?? null
	};
}

export function gradingOf(row: { ico_min_likelihood: number | null; ico_min_severity: number | null; dhsc_min_severity: number | null }): GradingRules | null {
	const { ico_min_likelihood: l, ico_min_severity: s, dhsc_min_severity: d } = row;
	return l === null || s === null || d === null ? null : { icoMinLikelihood: l, icoMinSeverity: s, dhscMinSeverity: d };
}

export function sameGrading(a: GradingRules | null, b: GradingRules | null): boolean {
	if (a === null || b === null) return a === b;
	return a.icoMinLikelihood === b.icoMinLikelihood && a.icoMinSeverity === b.icoMinSeverity && a.dhscMinSeverity === b.dhscMinSeverity;
}

/**
 * An edition's grading rules were loaded, changed or removed (its framework row already says so): every
 * incident is regraded by the rules now in force on its detection date, in the load's transaction, the
 * rollups of organisations whose incidents changed grade are rebuilt, and the change is audited with how
 * many incidents of which organisations changed.
 */
export async function applyEditionGrading(
	ctx: ServiceContext,
	change: { frameworkId: number; code: string; edition: string; before: GradingRules | null; after: GradingRules | null }
): Promise<void> {
	const changed = await regradeAllIncidents(ctx);
	await recordAudit(ctx, {
		action: 'incidents.regrade',
		entityType: 'framework',
		entityId: change.frameworkId,
		summary: {
			code: change.code,
			edition: change.edition,
			before: change.before,
			after: change.after,
			incidents: changed.reduce((sum, c) => sum + c.incidents, 0),
			organisations: Object.fromEntries(changed.map((c) => [c.ods, c.incidents]))
		}
	});
}
