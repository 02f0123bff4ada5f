import type { Kysely } from 'kysely';
import { syncFindingHistory } from '../assurance/finding-history-queries';
import { recordMissingApprovedAppHistory } from '../assurance/queries';
import type { DB } from '../db/schema';
import { addMonths, financialYearLabel, financialYearOf } from '../metrics/periods';
import { planFindings, type SeedActivity, type SeedFinding, type SeedPhishingResult } from './assurance-findings';
import * as q from './assurance-queries';
import { addDays, monthAndYear } from './dates';
import { LOXLEY_ASSURANCE } from './demo-assurance-loxley';
import { DEMO_ASSURANCE, type ApprovedAppStory, type DemoAssuranceStory, type StoryActivity } from './demo-assurance-profile';
import { generateAppSnapshots, type AppSnapshot, type ManagedDevice } from './demo-messaging';
import { maturityOn } from './demo-maturity';
import { generatePhishing } from './demo-phishing';
import { DEMO_END, type DemoOrganisation } from './demo-profile';
import type { Random } from './random';

export interface DemoAssurancePlan {
	activities: SeedActivity[];
	findings: SeedFinding[];
	phishing: SeedPhishingResult[];
	approvedApps: readonly ApprovedAppStory[];
	appSnapshots: AppSnapshot[];
}

/** An activity of the story as it is recorded: named, with its start date and scope. */
function toActivity(a: StoryActivity): SeedActivity {
	const month = monthAndYear(a.completedOn);
	// An independent assessment in spring reviews the submission due that June: the year just ended.
	const edition = financialYearLabel(financialYearOf(addMonths(a.completedOn, -3)));
	const named = {
		dspt_independent_assessment: { title: `DSPT ${edition} independent assessment`, scope: `The ${edition} DSPT self-assessment and its evidence` },
		penetration_test: { title: `Penetration test, ${month}`, scope: `Penetration test of the ${a.subject}` },
		internal_audit: { title: `Internal audit: ${a.subject}, ${month}`, scope: a.subject },
		cyber_essentials_plus: { title: `Cyber Essentials Plus, ${month}`, scope: `Cyber Essentials Plus assessment of the ${a.subject}` }
	}[a.type];
	return {
		type: a.type,
		title: named.title,
		provider: a.provider,
		startedOn: addDays(a.completedOn, -a.days),
		completedOn: a.completedOn,
		scope: named.scope,
		opinion: a.opinion ?? null,
		confidence: a.confidence ?? null,
		note: a.note ?? null
	};
}

/** Each demo organisation's assurance story, by ODS code. */
export const DEMO_STORIES: Readonly<Record<string, DemoAssuranceStory>> = { ...DEMO_ASSURANCE, ZB5: LOXLEY_ASSURANCE };

/**
 * A demo organisation's assurance history (demo-assurance-profile.ts): its activities and the findings
 * they raised, its phishing exercises, its approved messaging apps and its quarterly discovered-apps
 * exports, made from the managed devices of its MDM snapshots so both tell the same story.
 */
export function planDemoAssurance(
	org: DemoOrganisation,
	snapshots: readonly { asOf: string; managed: readonly ManagedDevice[] }[],
	random: Random
): DemoAssurancePlan {
	const story = DEMO_STORIES[org.ods];
	if (!story) return { activities: [], findings: [], phishing: [], approvedApps: [], appSnapshots: [] };
	const activities = story.activities.map(toActivity);
	const context = { maturityOn: (d: string) => maturityOn(org, d), end: DEMO_END, siro: story.siro };
	const findings = activities.flatMap((a) => planFindings(a, context, random));
	const phishing = generatePhishing(org, story.phishing, random);
	return {
		activities: [...activities, ...phishing.activities].sort((a, b) =>
			a.startedOn === b.startedOn ? (a.title < b.title ? -1 : 1) : a.startedOn < b.startedOn ? -1 : 1
		),
		findings,
		phishing: phishing.results,
		approvedApps: story.messaging?.approved ?? [],
		appSnapshots: story.messaging ? generateAppSnapshots(story.messaging, snapshots, random) : []
	};
}

export interface DemoAssuranceCounts {
	activities: number;
	findings: number;
	phishingResults: number;
	approvedApps: number;
	appSnapshots: number;
}

/** Store a planned assurance history for one organisation, in bulk. */
export async function insertDemoAssurance(db: Kysely<DB>, organisationId: number, plan: DemoAssurancePlan): Promise<DemoAssuranceCounts> {
	const ids = new Map(
		(
			await q.insertActivities(
				db,
				plan.activities.map((a) => ({
					organisation_id: organisationId,
					activity_type: a.type,
					title: a.title,
					provider: a.provider,
					started_on: a.startedOn,
					completed_on: a.completedOn,
					scope: a.scope,
					overall_opinion: a.opinion,
					veracity_confidence: a.confidence,
					opinion_note: a.note
				}))
			)
		).map((r) => [r.title, r.id])
	);
	const idOf = (title: string) => {
		const id = ids.get(title);
		if (id === undefined) throw new Error(`no demo activity named ${title}`);
		return id;
	};
	await q.insertFindings(
		db,
		plan.findings.map((f) => ({
			organisation_id: organisationId,
			activity_id: idOf(f.activityTitle),
			reference: f.reference,
			title: f.title,
			severity: f.severity,
			raised_on: f.raisedOn,
			due_on: f.dueOn,
			owner: f.owner,
			status: f.status,
			remediated_on: f.remediatedOn,
			accepted_by: f.acceptedBy,
			accepted_reason: f.acceptedReason,
			accepted_on: f.acceptedOn
		}))
	);
	await q.insertPhishingResults(
		db,
		plan.phishing.map((r) => ({
			activity_id: idOf(r.activityTitle),
			staff_group: r.staffGroup,
			emails_sent: r.emailsSent,
			clicked: r.clicked,
			credentials_entered: r.credentialsEntered,
			reported: r.reported
		}))
	);
	// Dated by when each app was approved, so two seeds of the demo hold the same rows.
	await q.insertApprovedApps(
		db,
		plan.approvedApps.map((a) => ({
			organisation_id: organisationId,
			name: a.name,
			active_users: a.activeUsers,
			active_users_on: a.activeUsersOn,
			added_at: new Date(`${a.approvedOn}T09:00:00Z`)
		}))
	);
	await recordMissingApprovedAppHistory(db, [organisationId]);
	// Each finding's first version, valid from the day it was raised.
	await syncFindingHistory(db, [organisationId], new Date());
	const snapshotIds = await q.insertAppSnapshots(
		db,
		plan.appSnapshots.map((s) => ({ organisation_id: organisationId, as_of: s.asOf, devices_total: s.devicesTotal }))
	);
	const snapshotOf = new Map(snapshotIds.map((s) => [s.as_of, s.id]));
	const snapshotId = (asOf: string) => snapshotOf.get(asOf) as number;
	await q.insertDiscoveredApps(
		db,
		plan.appSnapshots.flatMap((s) =>
			s.apps.map((a) => ({ snapshot_id: snapshotId(s.asOf), app_name: a.name, app_version: a.version, device_count: a.devices }))
		)
	);
	await q.insertDiscoveredAppDevices(
		db,
		plan.appSnapshots.flatMap((s) => (s.devices ?? []).map((d) => ({ snapshot_id: snapshotId(s.asOf), device_key: d.key, app_name: d.app })))
	);
	return {
		activities: ids.size,
		findings: plan.findings.length,
		phishingResults: plan.phishing.length,
		approvedApps: plan.approvedApps.length,
		appSnapshots: plan.appSnapshots.length
	};
}
