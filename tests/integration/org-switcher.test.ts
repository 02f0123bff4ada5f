import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { findSwitchableOrganisations, getOrganisationFrame, SWITCHER_LIST_MAX } from '../../src/lib/server/organisations/page';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

let database: TestDatabase;
const ctx = (actor: Actor = systemActor('test')) => ({ db: database.db, actor });
/** An ICB lead reads the ICB and its trusts; a trust's board member reads only the trust. */
const icbLead = (icbId: number): Actor => ({
	kind: 'user',
	userId: 1,
	email: 'lead@example.nhs.uk',
	name: 'Lead',
	grants: [{ role: 'it_lead', organisationId: icbId, ods: 'SW0' }]
});
const trustBoard = (trustId: number, ods: string): Actor => ({
	kind: 'user',
	userId: 2,
	email: 'board@example.nhs.uk',
	name: 'Board',
	grants: [{ role: 'board', organisationId: trustId, ods }]
});
const ids: Record<string, number> = {};

beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(ctx(), { ods: 'SW0', name: 'Switch Test ICB', kind: 'icb' });
	// 14 trusts under the ICB (15 organisations with it), one of them "Northfield".
	for (let n = 1; n <= 14; n++) {
		await createOrganisation(ctx(), { ods: `SW${n}`, name: n === 7 ? 'Northfield NHS Trust' : `Switch Trust ${n}`, kind: 'trust', parentOds: 'SW0' });
	}
	await createOrganisation(ctx(), { ods: 'SX1', name: 'Outside Trust', kind: 'trust' });
	for (const row of await database.db.selectFrom('organisation').select(['id', 'ods_code']).execute()) ids[row.ods_code] = row.id;
}, 120_000);
afterAll(async () => {
	await database?.close();
});

describe(`the organisation switcher on ${testBackend()}`, () => {
	it('sends the list with every page only while it is short; beyond that, only the count', async () => {
		expect(SWITCHER_LIST_MAX).toBe(12);
		const lead = await getOrganisationFrame(ctx(icbLead(ids.SW0!)), 'SW3');
		expect(lead.switchCount).toBe(15);
		expect(lead.organisations).toEqual([]);
		// One organisation: nothing to switch to.
		const board = await getOrganisationFrame(ctx(trustBoard(ids.SW3!, 'SW3')), 'SW3');
		expect(board).toMatchObject({ switchCount: 1, organisations: [{ ods: 'SW3', name: 'Switch Trust 3' }] });
	});

	it('lists on /switch only what the actor may switch to, narrowed by name or ODS code in any case', async () => {
		const lead = ctx(icbLead(ids.SW0!));
		const all = await findSwitchableOrganisations(lead);
		expect(all.total).toBe(15);
		expect(all.matches.map((o) => o.ods)).not.toContain('SX1');
		expect(await findSwitchableOrganisations(lead, '  northFIELD ')).toEqual({ total: 15, matches: [{ ods: 'SW7', name: 'Northfield NHS Trust' }] });
		expect((await findSwitchableOrganisations(lead, 'sw1')).matches.map((o) => o.ods).sort()).toEqual(['SW1', 'SW10', 'SW11', 'SW12', 'SW13', 'SW14']);
		expect((await findSwitchableOrganisations(lead, 'Outside')).matches).toEqual([]);
	});
});
