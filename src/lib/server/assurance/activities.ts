import { createHash } from 'node:crypto';
import { activityInput, phishingResultInput, type ActivityInput, type PhishingResultInput } from '../../schemas/assurance';
import { checkEvidenceFile } from '../assessment/evidence-rules';
import { recordAudit } from '../audit/service';
import { actorUserId } from '../auth/actor';
import { changedAt, inTransaction, type ServiceContext } from '../context';
import { NotFoundError, parseInput, ValidationError } from '../errors';
import { requireOrganisation } from '../auth/organisation-access';
import type { StoredFile } from '../web/file-download';
import { syncFindingHistory } from './finding-history-queries';
import * as q from './queries';

export interface ReportUpload {
	name: string;
	bytes: Uint8Array;
}

/**
 * Record an assurance activity, with its phishing results when it is a phishing exercise (one row for all
 * staff, or one per staff group) and its report as an evidence file.
 */
export async function recordActivity(
	ctx: ServiceContext,
	ods: string,
	input: ActivityInput,
	extra: { phishing?: PhishingResultInput[]; report?: ReportUpload } = {}
): Promise<{ id: number }> {
	const value = parseInput(activityInput, 'assurance activity', input);
	const phishing = (extra.phishing ?? []).map((r, i) => parseInput(phishingResultInput, `phishing results, row ${i + 1}`, r));
	if (phishing.length > 0 && value.type !== 'phishing_exercise') {
		throw new ValidationError('only a phishing exercise has phishing results', [
			{ field: 'type', message: 'choose Phishing exercise to record emails sent, clicked and reported' }
		]);
	}
	checkGroups(phishing.map((r) => r.staffGroup));
	const report = extra.report ? checkedReport(extra.report) : null;
	return inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const { id } = await q.insertActivity(tx.db, {
			organisation_id: org.id,
			activity_type: value.type,
			title: value.title,
			provider: value.provider,
			started_on: value.startedOn,
			completed_on: value.completedOn,
			scope: value.scope,
			overall_opinion: value.opinion,
			veracity_confidence: value.veracityConfidence,
			opinion_note: value.opinionNote,
			created_by: actorUserId(tx.actor)
		});
		await q.replacePhishingResults(
			tx.db,
			id,
			phishing.map((r) => ({
				activity_id: id,
				staff_group: r.staffGroup,
				emails_sent: r.emailsSent,
				clicked: r.clicked,
				credentials_entered: r.credentialsEntered,
				reported: r.reported
			}))
		);
		if (report) {
			const file = await q.insertReportFile(tx.db, { organisation_id: org.id, ...report, uploaded_by: actorUserId(tx.actor) });
			await q.setActivityReportFile(tx.db, id, file.id);
		}
		await recordAudit(tx, {
			action: 'assurance_activity.create',
			organisationId: org.id,
			entityType: 'assurance_activity',
			entityId: id,
			summary: { ...value, phishingRows: phishing.length, report: report ? { fileName: report.file_name, sha256: report.sha256 } : null }
		});
		return { id };
	});
}

/** A staff group appears once; "all staff" (no group) stands alone or not at all. */
function checkGroups(groups: string[]): void {
	const seen = new Set<string>();
	for (const [i, g] of groups.entries()) {
		const key = g.toLowerCase();
		if (seen.has(key))
			throw new ValidationError(`phishing results, row ${i + 1}: the staff group "${g || 'all staff'}" is given twice`, [
				{ field: 'staffGroup', message: 'each staff group once' }
			]);
		seen.add(key);
	}
	if (seen.has('') && seen.size > 1) {
		throw new ValidationError('phishing results: give either one row for all staff or one row per staff group, not both', [
			{ field: 'staffGroup', message: 'name every staff group, or give a single row for all staff' }
		]);
	}
}

function checkedReport(upload: ReportUpload) {
	const check = checkEvidenceFile(upload.name, upload.bytes);
	if (!check.ok) throw new ValidationError(`invalid report file: ${check.message}`, [{ field: 'report', message: check.message }]);
	return {
		file_name: check.fileName,
		media_type: check.mediaType,
		size_bytes: upload.bytes.length,
		sha256: createHash('sha256').update(upload.bytes).digest('hex'),
		content: Buffer.from(upload.bytes.buffer, upload.bytes.byteOffset, upload.bytes.byteLength)
	};
}

/** Remove an activity recorded in error, with its report file; its findings stay, no longer linked to it. */
export async function removeActivity(ctx: ServiceContext, ods: string, id: number): Promise<void> {
	await inTransaction(ctx, async (tx) => {
		const org = await requireOrganisation(tx, ods, 'edit');
		const before = await q.findActivity(tx.db, org.id, id);
		if (!before) throw new NotFoundError(`${org.ods_code} has no assurance activity ${id}`);
		await q.deleteActivity(tx.db, id);
		// Its findings are no longer linked to it: a new version of each, so earlier dates keep the link.
		await syncFindingHistory(tx.db, [org.id], changedAt(tx));
		if (before.report_file_id !== null) await q.deleteReportFile(tx.db, org.id, before.report_file_id);
		await recordAudit(tx, {
			action: 'assurance_activity.remove',
			organisationId: org.id,
			entityType: 'assurance_activity',
			entityId: id,
			summary: { type: before.activity_type, title: before.title, startedOn: before.started_on, reportFileId: before.report_file_id }
		});
	});
}

/** An activity's report file, for anyone who may read the organisation. */
export async function getActivityReport(ctx: ServiceContext, ods: string, activityId: number): Promise<StoredFile> {
	const org = await requireOrganisation(ctx, ods, 'read');
	const row = await q.findReportFile(ctx.db, org.id, activityId);
	if (!row || !row.content) throw new NotFoundError(`${org.ods_code} has no report file for assurance activity ${activityId}`);
	return { fileName: row.file_name, mediaType: row.media_type, sha256: row.sha256, content: row.content };
}
