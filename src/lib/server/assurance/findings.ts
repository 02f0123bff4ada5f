import { findingInput, findingResolution, type FindingInput, type FindingResolution } from '../../schemas/assurance';
import { recordAudit } from '../audit/service';
import { changedAt, inTransaction, type ServiceContext } from '../context';
import { ConflictError, NotFoundError, parseInput, ValidationError } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import { defaultDueOn } from './finding-dates';
import { syncFindingHistory } from './finding-history-queries';
import * as q from './queries';

/** Record a finding; without a due date it gets its severity's default (finding-dates.ts). */
export async function recordFinding(ctx: ServiceContext, ods: string, input: FindingInput): Promise<{ id: number; dueOn: string }> {
	const value = parseInput(findingInput, 'finding', input);
	const dueOn = value.dueOn ?? defaultDueOn(value.severity, value.raisedOn);
	return inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		if (value.activityId !== null && !(await q.findActivity(tx.db, org.id, value.activityId))) {
			throw new ValidationError(`${org.ods_code} has no assurance activity ${value.activityId}`, [
				{ field: 'activityId', message: "choose one of the organisation's activities" }
			]);
		}
		if (await q.findFinding(tx.db, org.id, value.reference)) {
			throw new ConflictError(`${org.ods_code} already has a finding ${value.reference}: references are unique`);
		}
		const { id } = await q.insertFinding(tx.db, {
			organisation_id: org.id,
			activity_id: value.activityId,
			reference: value.reference,
			title: value.title,
			severity: value.severity,
			raised_on: value.raisedOn,
			due_on: dueOn,
			owner: value.owner
		});
		await syncFindingHistory(tx.db, [org.id], changedAt(tx));
		await recordAudit(tx, {
			action: 'assurance_finding.create',
			organisationId: org.id,
			entityType: 'assurance_finding',
			entityId: id,
			summary: { ...value, dueOn }
		});
		return { id, dueOn };
	});
}

/**
 * Remediate a finding, accept its risk (recording who accepted it, e.g. the SIRO, and why) or reopen it.
 * The date may be after the due date: a late remediation is recorded as late, not refused.
 */
export async function resolveFinding(ctx: ServiceContext, ods: string, reference: string, input: FindingResolution): Promise<void> {
	const value = parseInput(findingResolution, 'finding status', input);
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const before = await q.findFinding(tx.db, org.id, reference);
		if (!before) throw new NotFoundError(`${org.ods_code} has no finding ${reference}`);
		const on = value.status === 'remediated' ? value.remediatedOn : value.status === 'risk_accepted' ? value.acceptedOn : null;
		if (on !== null && on < before.raised_on) {
			const field = value.status === 'remediated' ? 'remediatedOn' : 'acceptedOn';
			throw new ValidationError(`finding ${reference}: ${on} is before it was raised (${before.raised_on})`, [
				{ field, message: `on or after ${before.raised_on}, when it was raised` }
			]);
		}
		await q.updateFinding(tx.db, before.id, {
			status: value.status,
			remediated_on: value.status === 'remediated' ? value.remediatedOn : null,
			accepted_on: value.status === 'risk_accepted' ? value.acceptedOn : null,
			accepted_by: value.status === 'risk_accepted' ? value.acceptedBy : null,
			accepted_reason: value.status === 'risk_accepted' ? value.acceptedReason : null
		});
		await syncFindingHistory(tx.db, [org.id], changedAt(tx));
		await recordAudit(tx, {
			action: 'assurance_finding.resolve',
			organisationId: org.id,
			entityType: 'assurance_finding',
			entityId: before.id,
			summary: { reference, before: { status: before.status, remediatedOn: before.remediated_on, acceptedOn: before.accepted_on }, after: value }
		});
	});
}
