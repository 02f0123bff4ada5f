import type { ServiceContext } from '../context';
import { createDeviceSnapshot } from '../devices/service';
import { createIncidents } from '../incidents/service';
import { deferRollupRefresh } from '../metrics/rollup';
import { createOrganisation, findOrganisation, setHeadcount } from '../organisations/service';
import { createInvestment, createSpendLines } from '../spend/service';
import { createTrainingRecords } from '../training/service';
import { financialYearOf, quarterEnds } from './dates';
import { generateFleet, snapshotDevices } from './demo-devices';
import { generateIncidents } from './demo-incidents';
import { DEMO_END, DEMO_ORGANISATIONS, DEMO_SEED, DEMO_START, type DemoOrganisation } from './demo-profile';
import { generateSpendLines } from './demo-spend';
import { generateTrainingRecords } from './demo-training';
import { createRandom } from './random';

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
}

/**
 * Load the demo organisations and their data, all in one transaction, the same on every run. Each
 * organisation's monthly rollup is refreshed once, at the end.
 */
export async function seedDemo(ctx: ServiceContext, onProgress: (message: string) => void = () => {}): Promise<SeedOutcome> {
	return deferRollupRefresh(ctx, async (tx) => {
		const outcome: SeedOutcome = {
			created: false, organisations: 0, investments: 0, spendLines: 0, trainingRecords: 0, deviceSnapshots: 0, devices: 0, incidents: 0
		};
		const present = await Promise.all(DEMO_ORGANISATIONS.map((o) => findOrganisation(tx, o.ods)));
		if (present.some(Boolean)) {
			const missing = DEMO_ORGANISATIONS.filter((_, i) => !present[i]).map((o) => o.ods);
			if (missing.length > 0) {
				throw new Error(`the demo is partly present (missing ${missing.join(', ')}); it was changed by hand, so it is left alone`);
			}
			return outcome;
		}
		for (const [index, org] of DEMO_ORGANISATIONS.entries()) {
			onProgress(`seeding ${org.ods} ${org.name}`);
			await seedOrganisation(tx, org, index, outcome);
		}
		outcome.created = true;
		return outcome;
	});
}

async function seedOrganisation(ctx: ServiceContext, org: DemoOrganisation, index: number, outcome: SeedOutcome): Promise<void> {
	// One random stream per organisation and data kind, so changing one generator leaves the rest as they were.
	const stream = (kind: number) => createRandom(DEMO_SEED + index * 100 + kind);
	await createOrganisation(ctx, { ods: org.ods, name: org.name, kind: org.kind, parentOds: org.parentOds });
	outcome.organisations += 1;
	for (let year = financialYearOf(DEMO_START); year <= financialYearOf(DEMO_END); year++) {
		const growth = 1 + 0.02 * (year - financialYearOf(DEMO_START));
		await setHeadcount(ctx, org.ods, { financialYear: year, headcount: Math.round(org.staff * growth) });
	}
	for (const inv of org.investments) {
		await createInvestment(ctx, org.ods, {
			name: inv.name, description: inv.description, category: inv.category, goLiveOn: inv.goLiveOn,
			annualCostPence: inv.annualCostPence, targetedCategories: inv.targets
		});
		outcome.investments += 1;
	}
	outcome.spendLines += await createSpendLines(ctx, org.ods, generateSpendLines(org, stream(1)));
	outcome.trainingRecords += await createTrainingRecords(ctx, org.ods, generateTrainingRecords(org, stream(2)));
	const fleetRandom = stream(3);
	const fleet = generateFleet(org, fleetRandom);
	for (const asOf of quarterEnds(DEMO_START, DEMO_END)) {
		const devices = snapshotDevices(org, fleet, asOf, fleetRandom);
		await createDeviceSnapshot(ctx, org.ods, { asOf, source: 'demo', devices });
		outcome.deviceSnapshots += 1;
		outcome.devices += devices.length;
	}
	outcome.incidents += await createIncidents(ctx, org.ods, generateIncidents(org, stream(4)));
}
