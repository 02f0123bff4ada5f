import type { ServiceContext } from '../context';
import { createDeviceSnapshot } from '../devices/service';
import { createIncidents } from '../incidents/service';
import { deferRollupRefresh } from '../metrics/rollup';
import { createOrganisation, setHeadcount } from '../organisations/service';
import { findOrganisation } from '../auth/organisation-access';
import { createInvestment, createSpendLines } from '../spend/service';
import { createTrainingRecords } from '../training/service';
import { financialYearOf, quarterEnds } from './dates';
import {
	DEMO_EDITION,
	DEMO_REVIEW_AT,
	insertDemoAssessment,
	insertDemoActions,
	planDemoAssessment,
	selectDemoOutcomes,
	type DemoOutcome
} from './demo-assessment';
import { getScorecard } from '../scorecard/service';
import { addDays } from './dates';
import type { Random } from './random';
import { insertDemoAssurance, planDemoAssurance } from './demo-assurance';
import { generateFleet, snapshotDevices } from './demo-devices';
import type { ManagedDevice } from './demo-messaging';
import { generateIncidents } from './demo-incidents';
import { DEMO_END, DEMO_ORGANISATIONS, DEMO_SEED, DEMO_START, type DemoOrganisation } from './demo-profile';
import { generateSpendLines } from './demo-spend';
import { generateTrainingRecords } from './demo-training';
import { createRandom } from './random';
import { seedDemoReview } from './demo-review';
import { importDsptStatus } from '../imports/dspt-status-import';
import path from 'node:path';

/**
 * The real public DSPT status snapshot the demo's benchmarks show (data/public/README.md says where it comes
 * from), imported as the snapshot of 16 November 2023 it is, through the same importer as any export.
 */
export const DEMO_PUBLIC_STATUS = { path: path.resolve('data', 'public', 'dspt-trusts-2022-23.csv'), asOf: '2023-11-16' } as const;

export interface SeedOutcome {
	/** False when the demo was already there: a second seed changes nothing. */
	created: boolean;
	organisations: number;
	investments: number;
	spendLines: number;
	trainingRecords: number;
	deviceSnapshots: number;
	devices: number;
	incidents: number;
	/** Audits, assessments, penetration tests, Cyber Essentials Plus and phishing exercises. */
	assuranceActivities: number;
	findings: number;
	phishingResults: number;
	approvedMessagingApps: number;
	appSnapshots: number;
	/** Outcomes self-assessed against the DSPT 2024-25 (none when that edition is not loaded). */
	assessmentResponses: number;
	improvementActions: number;
	/** Evidence files and assessor findings on the demo IT lead's trust (demo-review.ts). */
	evidenceFiles: number;
	veracityFindings: number;
	/** Rows of the real public DSPT status snapshot imported with the demo (data/public/). */
	publicStatuses: number;
}

/**
 * Load the demo organisations and their data, all in one transaction, the same on every run. Each
 * organisation's monthly rollup is refreshed once, at the end.
 */
export async function seedDemo(ctx: ServiceContext, onProgress: (message: string) => void = () => {}): Promise<SeedOutcome> {
	return deferRollupRefresh(ctx, async (tx) => {
		const outcome: SeedOutcome = {
			created: false,
			organisations: 0,
			investments: 0,
			spendLines: 0,
			trainingRecords: 0,
			deviceSnapshots: 0,
			devices: 0,
			incidents: 0,
			assuranceActivities: 0,
			findings: 0,
			phishingResults: 0,
			approvedMessagingApps: 0,
			appSnapshots: 0,
			assessmentResponses: 0,
			improvementActions: 0,
			evidenceFiles: 0,
			veracityFindings: 0,
			publicStatuses: 0
		};
		const present = await Promise.all(DEMO_ORGANISATIONS.map((o) => findOrganisation(tx, o.ods)));
		if (present.some(Boolean)) {
			const missing = DEMO_ORGANISATIONS.filter((_, i) => !present[i]).map((o) => o.ods);
			if (missing.length > 0) {
				throw new Error(
					`the demo is partly present (missing ${missing.join(', ')}); it was changed by hand or loaded by an earlier Beacon, so it is left alone`
				);
			}
			return outcome;
		}
		for (const [index, org] of DEMO_ORGANISATIONS.entries()) {
			onProgress(`seeding ${org.ods} ${org.name}`);
			await seedOrganisation(tx, org, index, outcome);
		}
		if (await selectDemoOutcomes(tx.db)) {
			const review = await seedDemoReview(tx);
			outcome.evidenceFiles += review.evidence;
			outcome.veracityFindings += review.findings;
			outcome.improvementActions += review.actions;
		}
		onProgress(`importing the public DSPT status snapshot ${path.basename(DEMO_PUBLIC_STATUS.path)}`);
		const statuses = await importDsptStatus(tx, DEMO_PUBLIC_STATUS);
		if (statuses.batchId === null) throw new Error(`the demo's public DSPT status snapshot was not imported: ${statuses.errors[0]?.message ?? 'no rows'}`);
		outcome.publicStatuses = statuses.rowsImported;
		outcome.created = true;
		return outcome;
	});
}

async function seedOrganisation(ctx: ServiceContext, org: DemoOrganisation, index: number, outcome: SeedOutcome): Promise<void> {
	// One random stream per organisation and data kind, so changing one generator leaves the rest as they were.
	const stream = (kind: number) => createRandom(DEMO_SEED + index * 100 + kind);
	await createOrganisation(ctx, { ods: org.ods, name: org.name, kind: org.kind, parentOds: org.parentOds });
	// The demo's data ends on DEMO_END: its overview opens there, not at a today the data never reaches.
	await ctx.db.updateTable('organisation').set({ data_ends_on: DEMO_END }).where('ods_code', '=', org.ods).execute();
	outcome.organisations += 1;
	for (let year = financialYearOf(DEMO_START); year <= financialYearOf(DEMO_END); year++) {
		const growth = 1 + 0.02 * (year - financialYearOf(DEMO_START));
		await setHeadcount(ctx, org.ods, { financialYear: year, headcount: Math.round(org.staff * growth) });
	}
	for (const inv of org.investments) {
		await createInvestment(ctx, org.ods, {
			name: inv.name,
			description: inv.description,
			category: inv.category,
			goLiveOn: inv.goLiveOn,
			annualCostPence: inv.annualCostPence,
			targetedCategories: inv.targets
		});
		outcome.investments += 1;
	}
	outcome.spendLines += await createSpendLines(ctx, org.ods, generateSpendLines(org, stream(1)));
	outcome.trainingRecords += await createTrainingRecords(ctx, org.ods, generateTrainingRecords(org, stream(2)));
	const fleetRandom = stream(3);
	const fleet = generateFleet(org, fleetRandom);
	// The managed devices of each snapshot: the discovered-apps exports are of the same devices.
	const managed: { asOf: string; managed: ManagedDevice[] }[] = [];
	for (const asOf of quarterEnds(DEMO_START, DEMO_END)) {
		const devices = snapshotDevices(org, fleet, asOf, fleetRandom);
		await createDeviceSnapshot(ctx, org.ods, { asOf, source: 'demo', devices });
		managed.push({
			asOf,
			managed: devices.filter((d) => d.isManaged).map((d) => ({ key: d.deviceKey, type: d.deviceType as ManagedDevice['type'], os: d.os }))
		});
		outcome.deviceSnapshots += 1;
		outcome.devices += devices.length;
	}
	outcome.incidents += await createIncidents(ctx, org.ods, generateIncidents(org, stream(4)));
	const row = await findOrganisation(ctx, org.ods);
	const assurance = await insertDemoAssurance(ctx.db, row!.id, planDemoAssurance(org, managed, stream(6)));
	outcome.assuranceActivities += assurance.activities;
	outcome.findings += assurance.findings;
	outcome.phishingResults += assurance.phishingResults;
	outcome.approvedMessagingApps += assurance.approvedApps;
	outcome.appSnapshots += assurance.appSnapshots;
	const edition = org.kind === 'trust' ? await selectDemoOutcomes(ctx.db) : null;
	if (edition) {
		const random = stream(5);
		const plan = withOverdueActions(planDemoAssessment(org, edition.outcomes, random), org.overdueActions ?? 0);
		const assessmentId = await insertDemoAssessment(ctx.db, row!.id, edition.frameworkId, plan);
		// An organisation that manages its plan also plans for the gaps its data shows.
		const planned = org.maturity[1] >= 0.6 ? await planDataGaps(ctx, org, row!.id, assessmentId, edition.outcomes, random) : 0;
		outcome.assessmentResponses += plan.responses.length;
		outcome.improvementActions += plan.actions.length + planned;
	}
}

/**
 * An organisation that lets its plan slip: the first `count` of its actions still to do fell due before the
 * demo's end (one 20 days before, the next 45, …), so they are overdue as of it.
 */
function withOverdueActions(plan: ReturnType<typeof planDemoAssessment>, count: number): ReturnType<typeof planDemoAssessment> {
	let slipped = 0;
	const actions = plan.actions.map((a) => {
		if (slipped >= count || a.status === 'completed' || a.dueOn === null) return a;
		slipped += 1;
		return { ...a, dueOn: addDays(DEMO_END, -(20 + 25 * (slipped - 1))) };
	});
	return { ...plan, actions };
}

/** Actions for the gaps the scorecard finds as of the demo's last day that no action covers yet. */
async function planDataGaps(
	ctx: ServiceContext,
	org: DemoOrganisation,
	organisationId: number,
	assessmentId: number,
	outcomes: readonly DemoOutcome[],
	random: Random
): Promise<number> {
	const card = await getScorecard(ctx, org.ods, DEMO_EDITION, DEMO_END);
	const uncovered = card.outcomes.filter((o) => o.gap && !o.planned);
	await insertDemoActions(
		ctx.db,
		organisationId,
		assessmentId,
		uncovered.map((o) => ({
			outcome: outcomes.find((x) => x.code === o.id)!,
			title: `Raise ${o.id} to what the data needs: ${o.explanation.split(';')[0]}`.slice(0, 500),
			owner: 'Cyber Security Lead',
			dueOn: addDays(DEMO_END, random.int(60, 240)),
			status: 'open',
			completedOn: null
		})),
		DEMO_REVIEW_AT
	);
	return uncovered.length;
}
