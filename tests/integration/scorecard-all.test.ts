import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { ConflictError, NotFoundError } from '../../src/lib/server/errors';
import { loadShippedFrameworks } from '../../src/lib/server/frameworks/service';
import { getManyOrganisationMetrics } from '../../src/lib/server/metrics/all-organisations';
import { getOrganisationMetrics } from '../../src/lib/server/metrics/service';
import { createOrganisation, setHeadcount } from '../../src/lib/server/organisations/service';
import { getAllScorecards } from '../../src/lib/server/scorecard/all-organisations';
import { getScorecard } from '../../src/lib/server/scorecard/service';
import { seedNational, type NationalSeedOutcome } from '../../src/lib/server/seed/national';
import { planNational } from '../../src/lib/server/seed/national-profile';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { recordedLongAgo } from './helpers/clock';

const SYSTEM = systemActor('test');
// Eight organisations at 2 % of their national size: about 800 staff and 900 devices in all.
const OPTIONS = { orgs: 8, scale: 0.02 };
const AS_OF = '2025-03-31';

let database: TestDatabase;
let outcome: NationalSeedOutcome;
let seeded: Awaited<ReturnType<typeof checksumTables>>;
const ctx = (actor: Actor = SYSTEM) => ({ db: database.db, actor, clock: recordedLongAgo });

async function seedInto(db: TestDatabase): Promise<NationalSeedOutcome> {
	await loadShippedFrameworks({ db: db.db, actor: SYSTEM });
	return seedNational({ db: db.db, actor: SYSTEM }, OPTIONS);
}

beforeAll(async () => {
	database = await openTestDatabase();
	outcome = await seedInto(database);
	seeded = await checksumTables(database.db);
	// Beside the national ones: an organisation with no data at all, and one with training records but no
	// headcount (staff counted from the records), so the missing-row paths are compared too.
	await createOrganisation(ctx(), { ods: 'ZX7', name: 'Empty Trust (test)', kind: 'trust' });
	await createOrganisation(ctx(), { ods: 'ZX8', name: 'Training Only Trust (test)', kind: 'trust', parentOds: 'ZNQ01' });
	await createTrainingRecords(ctx(), 'ZX8', [
		{ staffKey: 'zx8-000001', staffGroup: 'Nursing', department: 'Wards', course: 'IG', isRequired: true, completedOn: '2025-01-10' },
		{ staffKey: 'zx8-000002', staffGroup: 'Nursing', department: 'Wards', course: 'IG', isRequired: false }
	]);
	await setHeadcount(ctx(), 'ZX7', { financialYear: 2023, headcount: 10 });
}, 120_000);
afterAll(async () => {
	await database?.close();
});

describe(`all organisations' scorecards on ${testBackend()}`, () => {
	it('seeds the planned volumes through one transaction', () => {
		expect(outcome).toMatchObject({ created: true, organisations: 8, deviceSnapshots: 8, assessments: 8, headcounts: 40, assessmentResponses: 8 * 47 });
		// One training record per member of staff, the planned number of devices.
		const plan = planNational(OPTIONS.orgs, OPTIONS.scale);
		expect(outcome.trainingRecords).toBe(plan.reduce((sum, o) => sum + o.staff, 0));
		expect(outcome.devices).toBe(plan.reduce((sum, o) => sum + o.devices, 0));
		expect(outcome.incidents).toBeGreaterThan(50);
		expect(outcome.spendLines).toBe(8 * 400);
		expect(outcome.improvementActions).toBeGreaterThan(0);
		// An assurance history: yearly assessments, tests and audits with findings, quarterly phishing exercises
		// (12 each) and quarterly discovered-apps exports (8 each).
		expect(outcome.assuranceActivities).toBeGreaterThan(8 * (12 + 5 + 5));
		expect(outcome.findings).toBeGreaterThan(8 * 20);
		expect(outcome.phishingResults).toBeGreaterThanOrEqual(8 * 12);
		expect(outcome.appSnapshots).toBe(8 * 8);
		expect(outcome.discoveredApps).toBeGreaterThan(0);
	});

	it('gives every organisation exactly the scorecard getScorecard gives it, with a mix of statuses', async () => {
		for (const asOf of [AS_OF, '2024-09-30']) {
			const cards = await getAllScorecards(ctx(), '2024-25', asOf);
			expect(cards.map((c) => c.org)).toEqual(['ZNQ01', 'ZNR001', 'ZNR002', 'ZNR003', 'ZNR004', 'ZNR005', 'ZNR006', 'ZNR007', 'ZX7', 'ZX8']);
			for (const card of cards) expect(card, `${card.org} as of ${asOf}`).toEqual(await getScorecard(ctx(), card.org, '2024-25', asOf));
		}
		const statuses = new Set((await getAllScorecards(ctx(), '2024-25', AS_OF)).map((c) => c.statusCode));
		expect(statuses.size).toBeGreaterThanOrEqual(3);
	});

	it('gives every organisation exactly the metrics getOrganisationMetrics gives it', async () => {
		const orgs = await database.db.selectFrom('organisation').select(['id', 'ods_code', 'name']).orderBy('ods_code').execute();
		for (const asOf of [AS_OF, '2023-06-30']) {
			const many = await getManyOrganisationMetrics(ctx(), orgs, asOf, true);
			for (const [i, org] of orgs.entries()) expect(many[i], `${org.ods_code} as of ${asOf}`).toEqual(await getOrganisationMetrics(ctx(), org.ods_code, asOf));
			// The same figures when the organisations are named rather than all.
			expect(await getManyOrganisationMetrics(ctx(), orgs.slice(2, 4), asOf)).toEqual(many.slice(2, 4));
		}
	});

	it('shows a user only the organisations they may read', async () => {
		const icb = await database.db.selectFrom('organisation').select('id').where('ods_code', '=', 'ZNQ01').executeTakeFirstOrThrow();
		const board: Actor = {
			kind: 'user',
			userId: 1,
			email: 'board@example.nhs.uk',
			name: 'Board',
			grants: [{ role: 'board', organisationId: icb.id, ods: 'ZNQ01' }]
		};
		const cards = await getAllScorecards(ctx(board), '2024-25', AS_OF);
		// An ICB grant covers the ICB and its trusts: here every national trust and ZX8, not ZX7.
		expect(cards.map((c) => c.org)).toEqual(['ZNQ01', 'ZNR001', 'ZNR002', 'ZNR003', 'ZNR004', 'ZNR005', 'ZNR006', 'ZNR007', 'ZX8']);
		for (const card of cards) expect(card).toEqual(await getScorecard(ctx(board), card.org, '2024-25', AS_OF));
	});

	it('refuses an edition that is not loaded', async () => {
		await expect(getAllScorecards(ctx(), '1999-00', AS_OF)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('changes nothing when seeded again, and refuses a different national instance', async () => {
		const before = await checksumTables(database.db);
		expect((await seedNational(ctx(), OPTIONS)).created).toBe(false);
		await expect(seedNational(ctx(), { ...OPTIONS, orgs: 9 })).rejects.toBeInstanceOf(ConflictError);
		expect(await checksumTables(database.db)).toEqual(before);
	});

	it('produces the same data from the same seed in another database', async () => {
		const other = await openTestDatabase();
		try {
			await seedInto(other);
			expect(await checksumTables(other.db)).toEqual(seeded);
		} finally {
			await other.close();
		}
	}, 120_000);
});
