import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { loadActor } from '../../src/lib/server/auth/sign-in';
import { createDeviceSnapshot, listDeviceSnapshots } from '../../src/lib/server/devices/service';
import { ForbiddenError, NotFoundError } from '../../src/lib/server/errors';
import { getIncidentsPage } from '../../src/lib/server/incidents/page';
import { createIncidents } from '../../src/lib/server/incidents/service';
import { createOrganisation, getOrganisationSummary, listOrganisations, setHeadcount } from '../../src/lib/server/organisations/service';
import { getSpendPage } from '../../src/lib/server/spend/page';
import { createSpendLines } from '../../src/lib/server/spend/service';
import { getPeoplePage } from '../../src/lib/server/training/page';
import { createTrainingRecords } from '../../src/lib/server/training/service';
import { createUser } from '../../src/lib/server/users/service';
import type { Role } from '../../src/lib/schemas/user';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const SYSTEM = systemActor('test');
let database: TestDatabase;
const actors = new Map<string, Actor>();

// Two ICBs, each with a trust: QB1 ⊃ RB1, QB2 ⊃ RB2.
beforeAll(async () => {
	database = await openTestDatabase();
	const ctx = { db: database.db, actor: SYSTEM };
	for (const [ods, kind, parentOds] of [
		['QB1', 'icb'],
		['RB1', 'trust', 'QB1'],
		['QB2', 'icb'],
		['RB2', 'trust', 'QB2']
	] as const) {
		await createOrganisation(ctx, { ods, name: `Org ${ods}`, kind, parentOds });
	}
	const roles: Role[] = ['it_lead', 'board', 'assessor', 'regulator'];
	for (const role of roles) {
		for (const ods of ['RB1', 'QB1']) {
			const u = await createUser(ctx, { email: `${role}.${ods}@x.nhs.uk`.toLowerCase(), name: `${role} ${ods}`, grant: { role, ods } });
			const actor = await loadActor({ db: database.db }, u.id, 0);
			if (!actor) throw new Error('no actor');
			actors.set(`${role}@${ods}`, actor);
		}
	}
});
afterAll(async () => {
	await database?.close();
});

const as = (key: string) => ({ db: database.db, actor: actors.get(key) as Actor });

/** Every organisation-scoped write, each a call a service must refuse or allow. */
const writes: Record<string, (ctx: ReturnType<typeof as>, ods: string) => Promise<unknown>> = {
	spend: (ctx, ods) => createSpendLines(ctx, ods, [{ spentOn: '2025-05-01', category: 'mdm', expenseType: 'opex', amountPence: 100 }]),
	training: (ctx, ods) => createTrainingRecords(ctx, ods, [{ staffKey: 'k000000000000001', staffGroup: 'A', department: 'B', course: 'IG', isRequired: true }]),
	// Each write succeeds at most once per organisation in these tests, so fixed dates and references do.
	devices: (ctx, ods) =>
		createDeviceSnapshot(ctx, ods, { asOf: '2025-03-31', source: 'aggregate', counts: { total: 1, managed: 1, compliant: 1, encrypted: 1, supportedOs: 1 } }),
	incidents: (ctx, ods) =>
		createIncidents(ctx, ods, [
			{ reference: 'INC-1', detectedAt: '2025-01-01T00:00:00Z', breachType: 'integrity', category: 'other', likelihood: 1, severity: 1 }
		]),
	headcount: (ctx, ods) => setHeadcount(ctx, ods, { financialYear: 2025, headcount: 10 })
};
const reads: Record<string, (ctx: ReturnType<typeof as>, ods: string) => Promise<unknown>> = {
	spend: (ctx, ods) => getSpendPage(ctx, ods),
	training: (ctx, ods) => getPeoplePage(ctx, ods),
	devices: (ctx, ods) => listDeviceSnapshots(ctx, ods),
	incidents: (ctx, ods) => getIncidentsPage(ctx, ods),
	summary: (ctx, ods) => getOrganisationSummary(ctx, ods)
};

describe(`organisation checks inside services on ${testBackend()}`, () => {
	it('lets an IT lead change their own trust only', async () => {
		for (const [name, write] of Object.entries(writes)) {
			await write(as('it_lead@RB1'), 'RB1');
			await expect(write(as('it_lead@RB1'), 'RB2'), name).rejects.toBeInstanceOf(NotFoundError);
		}
	});

	it('lets board members, assessors and regulators change nothing', async () => {
		for (const role of ['board', 'assessor', 'regulator']) {
			for (const [name, write] of Object.entries(writes)) {
				await expect(write(as(`${role}@RB1`), 'RB1'), `${role} ${name}`).rejects.toBeInstanceOf(ForbiddenError);
			}
		}
	});

	it('lets a grant on an ICB read its trusts but not change them', async () => {
		for (const role of ['it_lead', 'board', 'assessor']) {
			for (const [name, read] of Object.entries(reads)) await expect(read(as(`${role}@QB1`), 'RB1'), `${role} ${name}`).resolves.toBeDefined();
			for (const [name, write] of Object.entries(writes))
				await expect(write(as(`${role}@QB1`), 'RB1'), `${role} ${name}`).rejects.toBeInstanceOf(ForbiddenError);
			for (const [name, read] of Object.entries(reads)) await expect(read(as(`${role}@QB1`), 'RB2'), `${role} ${name}`).rejects.toBeInstanceOf(NotFoundError);
		}
	});

	it("keeps a regulator to what is submitted: no organisation's working data", async () => {
		for (const [name, read] of Object.entries(reads)) {
			await expect(read(as('regulator@RB1'), 'RB1'), name).rejects.toBeInstanceOf(ForbiddenError);
			await expect(read(as('regulator@QB1'), 'RB1'), name).rejects.toBeInstanceOf(ForbiddenError);
			await expect(read(as('regulator@QB1'), 'RB2'), name).rejects.toBeInstanceOf(NotFoundError);
		}
	});

	it('lists only the organisations a grant covers', async () => {
		const ods = async (key: string) => (await listOrganisations(as(key))).map((o) => o.ods);
		expect(await ods('it_lead@RB1')).toEqual(['RB1']);
		expect(await ods('board@QB1')).toEqual(['QB1', 'RB1']);
		expect(await ods('regulator@QB1')).toEqual(['QB1', 'RB1']);
		await expect(createOrganisation(as('it_lead@QB1'), { ods: 'RB9', name: 'X', kind: 'trust' })).rejects.toBeInstanceOf(ForbiddenError);
	});
});
