import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/lib/schemas/user';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { decide } from '../../src/lib/server/auth/authorize';
import { NotFoundError } from '../../src/lib/server/errors';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { getHomePage } from '../../src/lib/server/organisations/home';
import { getOrganisationFrame } from '../../src/lib/server/organisations/page';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { generateReport, listReports, shareReport, signOffReport } from '../../src/lib/server/reports/service';
import { createUser } from '../../src/lib/server/users/service';
import { openTestDatabase, type TestDatabase } from './helpers/database';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
let database: TestDatabase;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor });
const actors: Record<string, Actor> = {};
const packs: Record<string, string> = {};

async function userWith(role: Exclude<Role, 'admin'>, ods: string): Promise<Actor> {
	const user = await createUser(ctx(), { email: `${role}.${ods.toLowerCase()}@example.nhs.uk`, name: `${role} ${ods}`, grant: { role, ods } });
	const org = await database.db.selectFrom('organisation').select('id').where('ods_code', '=', ods).executeTakeFirstOrThrow();
	return { kind: 'user', userId: user.id, email: user.email, name: user.name, grants: [{ role, organisationId: org.id, ods }] };
}

beforeAll(async () => {
	database = await openTestDatabase();
	await loadFramework(ctx(), CAF);
	await createOrganisation(ctx(), { ods: 'SH0', name: 'Shared Test ICB', kind: 'icb' });
	for (const n of [1, 2, 3]) await createOrganisation(ctx(), { ods: `SH${n}`, name: `Shared Trust ${n}`, kind: 'trust', parentOds: 'SH0' });
	for (const [role, ods] of [
		['regulator', 'SH0'],
		['it_lead', 'SH1'],
		['it_lead', 'SH2'],
		['board', 'SH1'],
		['board', 'SH0']
	] as const)
		actors[`${role}@${ods}`] = await userWith(role, ods);
	// Oldest first: SH1 2024-25, SH2 2025-26, then SH1 2025-26; SH3's pack is never shared.
	for (const [ods, period] of [
		['SH1', '2024-25'],
		['SH2', '2025-26'],
		['SH1', '2025-26'],
		['SH3', '2025-26']
	] as const) {
		const { reportId } = await generateReport(ctx(), ods, 'regulator', period);
		packs[`${ods} ${period}`] = reportId;
	}
	await shareReport(ctx(actors['it_lead@SH1']), 'SH1', packs['SH1 2024-25']!, 'regulator.sh0@example.nhs.uk');
	await shareReport(ctx(actors['it_lead@SH1']), 'SH1', packs['SH1 2025-26']!, 'regulator.sh0@example.nhs.uk');
	await shareReport(ctx(actors['it_lead@SH2']), 'SH2', packs['SH2 2025-26']!, 'regulator.sh0@example.nhs.uk');
	await signOffReport(ctx(actors['board@SH1']), 'SH1', packs['SH1 2024-25']!, { name: 'Jo Chair', role: 'Chair', on: '2025-05-01' });
}, 120_000);
afterAll(async () => {
	await database?.close();
});

describe("a regulator's home", () => {
	it('lists every pack shared with them, newest first, with its organisation, sign-off and links', async () => {
		const home = await getHomePage(ctx(actors['regulator@SH0']));
		// A regulator reads no organisation's working data.
		expect(home.organisations).toEqual([]);
		expect(home.shared.map((p) => `${p.org.ods} ${p.period}`)).toEqual(['SH1 2025-26', 'SH2 2025-26', 'SH1 2024-25']);
		const oldest = home.shared[2]!;
		expect(oldest).toMatchObject({
			reportId: packs['SH1 2024-25'],
			org: { ods: 'SH1', name: 'Shared Trust 1' },
			kind: 'regulator',
			edition: '2024-25',
			signOff: { name: 'Jo Chair', role: 'Chair', on: '2025-05-01' },
			submission: null,
			links: {
				pdf: `/org/SH1/reports/${packs['SH1 2024-25']}/pdf`,
				bundle: `/org/SH1/reports/${packs['SH1 2024-25']}/bundle`,
				verify: `/verify?reportId=${packs['SH1 2024-25']}`
			}
		});
		expect(home.shared[0]!.signOff).toBeNull();
	});

	it('shows nothing shared to anyone else, and nothing to the system', async () => {
		expect((await getHomePage(ctx(actors['board@SH0']))).shared).toEqual([]);
		expect((await getHomePage(ctx())).shared).toEqual([]);
		expect((await getHomePage(ctx(actors['board@SH0']))).organisations.map((o) => o.ods)).toEqual(['SH0', 'SH1', 'SH2', 'SH3']);
	});

	it('sends someone with one organisation and nothing shared straight to its overview (an ICB grant: the ICB’s)', async () => {
		expect((await getHomePage(ctx(actors['it_lead@SH1']))).landOn).toBe('/org/SH1');
		expect((await getHomePage(ctx(actors['board@SH0']))).landOn).toBe('/org/SH0');
		expect((await getHomePage(ctx(actors['regulator@SH0']))).landOn).toBeNull();
		expect((await getHomePage(ctx())).landOn).toBeNull();
	});
});

describe("a regulator's view of organisations", () => {
	it('offers in the switcher only the organisations with a pack shared with them', async () => {
		const frame = await getOrganisationFrame(ctx(actors['regulator@SH0']), 'SH1');
		expect(frame.organisations.map((o) => o.ods)).toEqual(['SH1', 'SH2']);
		expect(frame.readsAll).toBe(false);
		// A reader's switcher is unchanged: every organisation they read.
		expect((await getOrganisationFrame(ctx(actors['board@SH0']), 'SH1')).organisations.map((o) => o.ods)).toEqual(['SH0', 'SH1', 'SH2', 'SH3']);
	});

	it("answers 404 for an organisation nothing was shared from, and for a shared organisation's other pages", async () => {
		const reg = actors['regulator@SH0']!;
		const submitted = { kind: 'org', capability: 'read_submitted' } as const;
		const read = { kind: 'org', capability: 'read' } as const;
		expect(await decide(ctx(), submitted, reg, { ods: 'SH1' })).toBe('allow');
		expect(await decide(ctx(), submitted, reg, { ods: 'SH3' })).toBe('not_found');
		expect(await decide(ctx(), submitted, reg, { ods: 'SH0' })).toBe('not_found');
		expect(await decide(ctx(), read, reg, { ods: 'SH1' })).toBe('not_found');
		expect(await decide(ctx(), { kind: 'org', capability: 'edit' }, reg, { ods: 'SH1' })).toBe('not_found');
		// Readers keep their 403 for what their role may not do.
		expect(await decide(ctx(), { kind: 'org', capability: 'edit' }, actors['board@SH1']!, { ods: 'SH1' })).toBe('forbidden');
		expect(await decide(ctx(), read, actors['board@SH0']!, { ods: 'SH3' })).toBe('allow');
		// The service says the same (authorization twice).
		await expect(listReports(ctx(reg), 'SH3')).rejects.toThrow(NotFoundError);
		expect((await listReports(ctx(reg), 'SH1')).map((r) => r.reportId)).toEqual([packs['SH1 2025-26'], packs['SH1 2024-25']]);
	});
});
