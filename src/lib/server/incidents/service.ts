import { incidentInput, type IncidentInput } from '../../schemas/incident';
import { recordAudit } from '../audit/service';
import { inTransaction, type ServiceContext } from '../context';
import { ConflictError, parseInput, ValidationError } from '../errors';
import { refreshMonthlyRollup } from '../metrics/rollup';
import { requireOrganisation } from '../auth/organisation-access';
import { gradeIncident } from './grading';
import { gradingPeriodOn } from './grading-periods';
import * as q from './queries';
import { loadGradingPeriods } from './regrade';

/**
 * Add incidents, all or none, graded for ICO and DHSC reportability by the rules in force on each one's
 * detection date (grading-periods.ts). References are unique per organisation.
 */
export async function createIncidents(ctx: ServiceContext, ods: string, inputs: IncidentInput[]): Promise<number> {
	const incidents = inputs.map((input, i) => parseInput(incidentInput, `incident ${i + 1}`, input));
	const seen = new Set<string>();
	for (const [i, inc] of incidents.entries()) {
		if (seen.has(inc.reference)) {
			throw new ValidationError(`incident ${i + 1}: reference ${inc.reference} appears twice`, [{ field: 'reference', message: 'duplicate reference' }]);
		}
		seen.add(inc.reference);
	}
	return inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const existing = await q.selectExistingReferences(tx.db, org.id, [...seen]);
		if (existing.length > 0) {
			throw new ConflictError(`${org.ods_code} already has incidents ${existing.map((e) => e.reference).join(', ')}`);
		}
		const periods = await loadGradingPeriods(tx);
		await q.insertIncidents(
			tx.db,
			incidents.map((inc) => {
				const grade = gradeIncident(inc.likelihood, inc.severity, gradingPeriodOn(periods, inc.detectedAt).rules);
				return {
					organisation_id: org.id,
					reference: inc.reference,
					occurred_at: inc.occurredAt ?? null,
					detected_at: inc.detectedAt,
					notified_at: inc.notifiedAt ?? null,
					contained_at: inc.containedAt ?? null,
					closed_at: inc.closedAt ?? null,
					breach_type: inc.breachType,
					category: inc.category,
					likelihood: inc.likelihood,
					severity: inc.severity,
					is_ico_reportable: grade.icoReportable,
					is_dhsc_reportable: grade.dhscReportable,
					status: inc.status,
					records_affected: inc.recordsAffected ?? null,
					cost_pence: inc.costPence ?? null,
					description: inc.description ?? null,
					root_cause: inc.rootCause ?? null,
					is_rca_completed: inc.isRcaCompleted,
					lessons: inc.lessons ?? null,
					actions: inc.actions ?? null
				};
			})
		);
		await refreshMonthlyRollup(tx, org.id);
		await recordAudit(tx, { action: 'incidents.create', organisationId: org.id, entityType: 'incident', summary: { incidents: incidents.length } });
		return incidents.length;
	});
}
