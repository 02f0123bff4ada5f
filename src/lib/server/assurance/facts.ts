import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { groupByOrganisation } from '../group-by-organisation';
import type { AssuranceFacts } from './assurance-metrics';
import * as q from './queries';

export type OrganisationFacts = Omit<AssuranceFacts, 'staffCount' | 'managedDevices'>;

/**
 * What the assurance metrics of each organisation are computed from, in six statements whatever the number
 * of organisations: findings, activities, phishing results, approved apps and the latest discovered-apps
 * snapshot (its apps and, where the export listed devices, their messaging apps).
 */
export async function loadAssuranceFacts(db: Kysely<DB>, organisationIds: readonly number[], asOf: string): Promise<Map<number, OrganisationFacts>> {
	const result = new Map<number, OrganisationFacts>();
	if (organisationIds.length === 0) return result;
	const [findingRows, activityRows, phishingRows, approvedRows, snapshots] = await Promise.all([
		q.selectFindingDatesAsOf(db, organisationIds, asOf),
		q.selectActivities(db, organisationIds),
		q.selectPhishingResults(db, organisationIds),
		q.selectApprovedAppsAsOf(db, organisationIds, asOf),
		q.selectLatestAppSnapshots(db, organisationIds, asOf)
	]);
	const snapshotIds = snapshots.map((s) => s.id);
	const [appRows, deviceRows] =
		snapshotIds.length === 0 ? [[], []] : await Promise.all([q.selectSnapshotApps(db, snapshotIds), q.selectSnapshotAppDevices(db, snapshotIds)]);
	const appsOf = new Map<number, { appName: string; deviceCount: number }[]>();
	for (const r of appRows) appsOf.set(r.snapshot_id, [...(appsOf.get(r.snapshot_id) ?? []), { appName: r.app_name, deviceCount: r.device_count }]);
	const devicesOf = new Map<number, { deviceKey: string; appName: string }[]>();
	for (const r of deviceRows) {
		const list = devicesOf.get(r.snapshot_id);
		if (list) list.push({ deviceKey: r.device_key, appName: r.app_name });
		else devicesOf.set(r.snapshot_id, [{ deviceKey: r.device_key, appName: r.app_name }]);
	}
	const findings = groupByOrganisation(findingRows);
	const activities = groupByOrganisation(activityRows);
	const phishing = groupByOrganisation(phishingRows);
	const approved = groupByOrganisation(approvedRows);
	const snapshotOf = new Map(snapshots.map((s) => [s.organisation_id, s]));
	for (const id of organisationIds) {
		const snapshot = snapshotOf.get(id);
		result.set(id, {
			findings: (findings.get(id) ?? []).map((f) => ({
				severity: f.severity,
				status: f.status,
				raisedOn: f.raised_on,
				dueOn: f.due_on,
				remediatedOn: f.remediated_on,
				acceptedOn: f.accepted_on
			})),
			activities: (activities.get(id) ?? []).map((a) => ({
				type: a.activity_type,
				provider: a.provider,
				startedOn: a.started_on,
				completedOn: a.completed_on,
				opinion: a.overall_opinion,
				veracityConfidence: a.veracity_confidence
			})),
			phishing: (phishing.get(id) ?? []).map((p) => ({
				activityId: p.activity_id,
				startedOn: p.started_on,
				emailsSent: p.emails_sent,
				clicked: p.clicked,
				reported: p.reported
			})),
			approvedApps: (approved.get(id) ?? []).map((a) => ({ name: a.name, activeUsers: a.active_users, activeUsersOn: a.active_users_on })),
			appSnapshot: snapshot
				? {
						asOf: snapshot.as_of,
						devicesTotal: snapshot.devices_total,
						apps: appsOf.get(snapshot.id) ?? [],
						devices: snapshot.devices_total === null ? null : (devicesOf.get(snapshot.id) ?? [])
					}
				: null
		});
	}
	return result;
}
