import { recordMissingHistory } from '../assessment/history-queries';
import { syncFindingHistory } from '../assurance/finding-history-queries';
import { recordMissingApprovedAppHistory } from '../assurance/queries';
import { recordAudit } from '../audit/service';
import { isAdmin } from '../auth/actor';
import { inTransaction, type ServiceContext } from '../context';
import { abortCopies } from '../db/copy';
import { refreshSnapshotCounts } from '../devices/queries';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { refreshMonthlyRollup } from '../metrics/rollup';
import { DSPT_CAF_CODE } from '../scorecard/service';
import * as scorecardQueries from '../scorecard/queries';
import { ACTION_COLUMNS, actionRow, NATIONAL_ASSESSED_AT, planAssessment, RESPONSE_COLUMNS, responseRow, type OutcomeRef } from './national-assessment';
import { copyRows, type CopyValue } from './national-copy';
import { DEVICE_COLUMNS, deviceRows } from './national-devices';
import { INCIDENT_COLUMNS, incidentRows } from './national-incidents';
import {
	ACTIVITY_COLUMNS,
	activityRow,
	APP_COLUMNS,
	APPROVED_APP_COLUMNS,
	approvedAppRow,
	FINDING_COLUMNS,
	findingRow,
	PHISHING_COLUMNS,
	phishingRow,
	planNationalAssurance,
	type NationalAssurance
} from './national-assurance';
import * as assuranceQueries from './assurance-queries';
import {
	NATIONAL_EDITION,
	NATIONAL_END,
	NATIONAL_ODS_PREFIX,
	NATIONAL_ORGS,
	nationalRandom,
	planNational,
	type NationalOrganisation
} from './national-profile';
import * as q from './national-queries';
import { HEADCOUNT_COLUMNS, headcountRows, SPEND_COLUMNS, spendRows } from './national-spend';
import { TRAINING_COLUMNS, trainingRows } from './national-training';
import type { Random } from './random';

export interface NationalSeedOptions {
	/** Organisations (default 260: every NHS trust and ICB). */
	orgs?: number;
	/** Fraction of each organisation's national size (staff, devices and everything that follows): tests use 0.01. */
	scale?: number;
	onProgress?: (message: string) => void;
}

export interface NationalSeedOutcome {
	/** False when the instance was already there: a second seed changes nothing. */
	created: boolean;
	organisations: number;
	headcounts: number;
	spendLines: number;
	trainingRecords: number;
	deviceSnapshots: number;
	devices: number;
	incidents: number;
	assessments: number;
	assessmentResponses: number;
	improvementActions: number;
	assuranceActivities: number;
	findings: number;
	phishingResults: number;
	approvedMessagingApps: number;
	appSnapshots: number;
	discoveredApps: number;
}

// Each organisation has one random stream per kind of data, so one generator's change leaves the rest alone.
const STREAM = { spend: 1, training: 2, devices: 3, incidents: 4, assessment: 5, assurance: 6 } as const;
const stream = (org: NationalOrganisation, kind: keyof typeof STREAM): Random => nationalRandom(org.index, STREAM[kind]);

/**
 * Build a national-scale instance (seed/national-profile.ts) in one transaction, every bulk row through
 * the imports' COPY path. Needs the CAF-aligned DSPT edition loaded (loadShippedFrameworks). Idempotent:
 * when the same organisations are present nothing changes; a different national instance is refused.
 */
export async function seedNational(ctx: ServiceContext, options: NationalSeedOptions = {}): Promise<NationalSeedOutcome> {
	if (!isAdmin(ctx.actor)) throw new ForbiddenError('only an administrator may seed a national instance');
	const plan = planNational(options.orgs ?? NATIONAL_ORGS, options.scale ?? 1);
	const say = options.onProgress ?? (() => {});
	const outcome: NationalSeedOutcome = {
		created: false,
		organisations: 0,
		headcounts: 0,
		spendLines: 0,
		trainingRecords: 0,
		deviceSnapshots: 0,
		devices: 0,
		incidents: 0,
		assessments: 0,
		assessmentResponses: 0,
		improvementActions: 0,
		assuranceActivities: 0,
		findings: 0,
		phishingResults: 0,
		approvedMessagingApps: 0,
		appSnapshots: 0,
		discoveredApps: 0
	};
	const done = await inTransaction(ctx, async (tx) => {
		const present = await q.selectOdsCodesLike(tx.db, NATIONAL_ODS_PREFIX);
		if (present.length > 0) {
			const wanted = plan.map((o) => o.ods).sort();
			if (present.length === wanted.length && present.every((code, i) => code === wanted[i])) return false;
			throw new ConflictError(`a national instance of ${present.length} organisations (${NATIONAL_ODS_PREFIX}…) is already present; it is left alone`);
		}
		try {
			await load(tx, plan, outcome, say);
		} catch (error) {
			// A connection still in COPY mode would never answer the ROLLBACK.
			await abortCopies(tx.db);
			throw error;
		}
		return true;
	});
	if (!done) return outcome;
	say('updating planner statistics');
	await q.analyzeLoadedTables(ctx.db);
	return { ...outcome, created: true };
}

async function load(tx: ServiceContext, plan: NationalOrganisation[], outcome: NationalSeedOutcome, say: (message: string) => void): Promise<void> {
	const framework = await scorecardQueries.findFramework(tx.db, DSPT_CAF_CODE, NATIONAL_EDITION);
	if (!framework) throw new NotFoundError(`the DSPT edition ${NATIONAL_EDITION} (framework ${DSPT_CAF_CODE}) is not loaded: load the shipped frameworks first`);
	const outcomes: OutcomeRef[] = (await scorecardQueries.selectOutcomes(tx.db, framework.id)).map((o) => ({
		id: Number(o.id),
		code: o.code,
		hardGate: o.hard_gate,
		hasDataRules: Array.isArray(o.data_rules) && o.data_rules.length > 0
	}));

	say(`creating ${plan.length} organisations`);
	const ids = new Map<string, number>();
	const organisationRow = (o: NationalOrganisation) => ({
		ods_code: o.ods,
		name: o.name,
		kind: o.kind,
		parent_id: o.parentOds ? (ids.get(o.parentOds) ?? null) : null
	});
	for (const group of [plan.filter((o) => o.kind === 'icb'), plan.filter((o) => o.kind !== 'icb')]) {
		if (group.length === 0) continue;
		for (const row of await q.insertOrganisations(tx.db, group.map(organisationRow))) ids.set(row.ods_code, Number(row.id));
	}
	outcome.organisations = ids.size;
	const idOf = (o: NationalOrganisation) => ids.get(o.ods) as number;

	const snapshots = new Map(
		(
			await q.insertSnapshots(
				tx.db,
				plan.map((o) => ({ organisation_id: idOf(o), as_of: NATIONAL_END, source: 'demo' }))
			)
		).map((s) => [Number(s.organisation_id), Number(s.id)])
	);
	outcome.deviceSnapshots = snapshots.size;
	const assessments = new Map(
		(
			await q.insertAssessments(
				tx.db,
				plan.map((o) => ({ organisation_id: idOf(o), framework_id: framework.id }))
			)
		).map((a) => [Number(a.organisation_id), Number(a.id)])
	);
	outcome.assessments = assessments.size;

	const copy = async (label: string, table: string, columns: readonly string[], rows: (o: NationalOrganisation) => Iterable<readonly CopyValue[]>) => {
		const started = performance.now();
		const written = await copyRows(
			tx.db,
			table,
			columns,
			(function* () {
				for (const o of plan) yield* rows(o);
			})()
		);
		say(`${label}: ${written.toLocaleString('en-GB')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
		return written;
	};
	outcome.headcounts = await copy('headcounts', 'organisation_headcount', HEADCOUNT_COLUMNS, (o) => headcountRows(o, idOf(o)));
	outcome.spendLines = await copy('spend lines', 'spend_line', SPEND_COLUMNS, (o) => spendRows(o, idOf(o), stream(o, 'spend')));
	outcome.incidents = await copy('incidents', 'incident', INCIDENT_COLUMNS, (o) => incidentRows(o, idOf(o), stream(o, 'incidents')));
	outcome.trainingRecords = await copy('training records', 'training_record', TRAINING_COLUMNS, (o) => trainingRows(o, idOf(o), stream(o, 'training')));
	outcome.devices = await copy('devices', 'device', DEVICE_COLUMNS, (o) => deviceRows(o, snapshots.get(idOf(o)) as number, stream(o, 'devices')));

	const planned = plan.map((o) => ({ o, assessmentId: assessments.get(idOf(o)) as number, ...planAssessment(o, outcomes, stream(o, 'assessment')) }));
	outcome.assessmentResponses = await copy('self-assessment responses', 'assessment_response', RESPONSE_COLUMNS, function* (o) {
		const p = planned[o.index];
		if (p) for (const r of p.responses) yield responseRow(p.assessmentId, r);
	});
	outcome.improvementActions = await copy('improvement actions', 'improvement_action', ACTION_COLUMNS, function* (o) {
		const p = planned[o.index];
		if (p) for (const a of p.actions) yield actionRow(idOf(o), p.assessmentId, a);
	});

	const assuranceStarted = performance.now();
	await loadAssurance(tx, plan, idOf, copy, outcome, say);
	// The plan's history: self-assessed, and each action opened, when the 2024-25 edition came out; approvals from the day they were given.
	await recordMissingHistory(tx.db, [...ids.values()], NATIONAL_ASSESSED_AT);
	await recordMissingApprovedAppHistory(tx.db, [...ids.values()]);
	await syncFindingHistory(tx.db, [...ids.values()], new Date());
	say(`assurance history: ${((performance.now() - assuranceStarted) / 1000).toFixed(1)} s in all`);

	say('counting each device snapshot');
	for (const snapshotId of snapshots.values()) await refreshSnapshotCounts(tx.db, snapshotId);
	// Dashboards read the monthly rollups, which every import refreshes; so must the seed.
	const started = performance.now();
	for (const id of ids.values()) await refreshMonthlyRollup(tx, id);
	say(`monthly rollups: ${ids.size} organisations in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	await recordAudit(tx, { action: 'seed.national', entityType: 'organisation', summary: { ...outcome, created: true } });
}

type Copy = (label: string, table: string, columns: readonly string[], rows: (o: NationalOrganisation) => Iterable<readonly CopyValue[]>) => Promise<number>;

/**
 * Each organisation's assurance history (national-assurance.ts) through COPY; the activities' ids are read
 * back (by organisation and title) to link findings and phishing results, the few snapshots are inserted.
 */
async function loadAssurance(
	tx: ServiceContext,
	plan: NationalOrganisation[],
	idOf: (o: NationalOrganisation) => number,
	copy: Copy,
	outcome: NationalSeedOutcome,
	say: (message: string) => void
): Promise<void> {
	const started = performance.now();
	const planned = plan.map((o) => planNationalAssurance(o, stream(o, 'assurance')));
	const of = (o: NationalOrganisation) => planned[o.index] as NationalAssurance;
	say(`assurance history planned in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	outcome.assuranceActivities = await copy('assurance activities', 'assurance_activity', ACTIVITY_COLUMNS, function* (o) {
		for (const a of of(o).activities) yield activityRow(idOf(o), a);
	});
	const activities = await assuranceQueries.selectActivityIds(tx.db, plan.map(idOf));
	const activityIds = new Map(activities.map((a) => [`${a.organisation_id}\t${a.title}`, a.id]));
	const activityOf = (o: NationalOrganisation, title: string) => activityIds.get(`${idOf(o)}\t${title}`) as number;
	outcome.findings = await copy('findings', 'assurance_finding', FINDING_COLUMNS, function* (o) {
		for (const f of of(o).findings) yield findingRow(idOf(o), activityOf(o, f.activityTitle), f);
	});
	outcome.phishingResults = await copy('phishing results', 'phishing_result', PHISHING_COLUMNS, function* (o) {
		for (const r of of(o).phishing) yield phishingRow(activityOf(o, r.activityTitle), r);
	});
	outcome.approvedMessagingApps = await copy('approved messaging apps', 'approved_messaging_app', APPROVED_APP_COLUMNS, function* (o) {
		for (const a of of(o).approvedApps) yield approvedAppRow(idOf(o), a);
	});
	const snapshots = await assuranceQueries.insertAppSnapshots(
		tx.db,
		plan.flatMap((o) => of(o).appSnapshots.map((s) => ({ organisation_id: idOf(o), as_of: s.asOf, devices_total: null })))
	);
	const snapshotIds = new Map(snapshots.map((s) => [`${s.organisation_id}\t${s.as_of}`, s.id]));
	outcome.appSnapshots = snapshots.length;
	outcome.discoveredApps = await copy('discovered apps', 'discovered_app', APP_COLUMNS, function* (o) {
		for (const s of of(o).appSnapshots) for (const a of s.apps) yield [snapshotIds.get(`${idOf(o)}\t${s.asOf}`), a.name, '', a.devices];
	});
}
