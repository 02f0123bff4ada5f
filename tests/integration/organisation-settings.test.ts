import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/lib/server/auth/actor';
import { loadActor } from '../../src/lib/server/auth/sign-in';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { getFreshness, setCadencesFromForm } from '../../src/lib/server/freshness/service';
import { getOrganisationSettingsPage } from '../../src/lib/server/freshness/settings-page';
import { seedDemoUsers } from '../../src/lib/server/seed/demo-users';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

/**
 * Issue 19, item 5: each organisation sets how often it expects each source's data, from the web too: the
 * Settings page, for those who may change the organisation (its IT lead, an administrator).
 */
let database: TestDatabase;
const ctx = (actor: Actor) => ({ db: database.db, actor });

/** A demo user as a signed-in request sees them, with their grants. */
async function demoUser(email: string): Promise<Actor> {
	const row = await database.db.selectFrom('app_user').select(['id', 'session_epoch']).where('email', '=', email).executeTakeFirstOrThrow();
	return (await loadActor({ db: database.db }, Number(row.id), row.session_epoch))!;
}

beforeAll(async () => {
	database = await openTestDatabase('demo');
	await seedDemoUsers(ctx(systemActor('test')));
}, 120_000);
afterAll(async () => {
	await database?.close();
});

const cadenceEvents = async () =>
	(
		await sql<{ summary: Record<string, number | null>; actor_label: string }>`
			select summary, actor_label from audit_event where action = 'organisation.cadence' order by id`.execute(database.db)
	).rows;

describe(`organisation settings: expected data cadences, on ${testBackend()}`, () => {
	it('shows the IT lead each source with its own cadence and the default, and saves the form, checked and audited', async () => {
		const lead = await demoUser('it.lead@demo.beacon.invalid');
		const before = await getOrganisationSettingsPage(ctx(lead), 'ZB1');
		expect(before.cadences).toEqual([
			{ source: 'devices', name: 'Devices', latestOf: 'device snapshot', days: null, defaultDays: 35 },
			{ source: 'training', name: 'Training', latestOf: expect.any(String), days: null, defaultDays: 35 },
			{ source: 'incidents', name: 'Incidents', latestOf: expect.any(String), days: null, defaultDays: 45 },
			{ source: 'spend', name: 'Spend', latestOf: expect.any(String), days: null, defaultDays: 45 }
		]);
		expect(before.bounds).toEqual({ min: 1, max: 366 });
		expect(before.dataEndsOn).toBe('2026-09-30');

		// Blank (absent) is the default; devices every 90 days, spend every 31.
		await setCadencesFromForm(ctx(lead), 'ZB1', { devices: '90', spend: '31' });
		const after = await getOrganisationSettingsPage(ctx(lead), 'ZB1');
		expect(after.cadences.map((c) => [c.source, c.days])).toEqual([
			['devices', 90],
			['training', null],
			['incidents', null],
			['spend', 31]
		]);
		// The demo's devices were last imported on 30 September: 68 days old on 7 December, within 90.
		const f = await getFreshness(ctx(lead), 'ZB1', '2026-12-07');
		expect(f.sources.find((s) => s.source === 'devices')).toMatchObject({ cadenceDays: 90, ageDays: 68, stale: false });
		expect(f.sources.find((s) => s.source === 'training')).toMatchObject({ cadenceDays: 35 });
		expect(await cadenceEvents()).toEqual([
			{
				actor_label: 'it.lead@demo.beacon.invalid',
				summary: { devices_cadence_days: 90, training_cadence_days: null, spend_cadence_days: 31, incidents_cadence_days: null }
			}
		]);

		// Saving with every box blank puts every source back on the default.
		await setCadencesFromForm(ctx(lead), 'ZB1', {});
		expect((await getOrganisationSettingsPage(ctx(lead), 'ZB1')).cadences.every((c) => c.days === null)).toBe(true);
		expect(await cadenceEvents()).toHaveLength(2);
	});

	it('refuses what is not a whole number of days from 1 to 366, naming the field, and changes nothing', async () => {
		const lead = await demoUser('it.lead@demo.beacon.invalid');
		for (const [field, value, message] of [
			['devices', '0', 'at least 1 day'],
			['training', '367', 'at most 366 days'],
			['spend', '30.5', 'a whole number of days, or blank for the default'],
			['incidents', '-5', 'a whole number of days, or blank for the default'],
			['devices', '1e3', 'a whole number of days, or blank for the default'],
			['devices', '9'.repeat(13), 'a whole number of days']
		] as const) {
			const refused = await setCadencesFromForm(ctx(lead), 'ZB1', { [field]: value }).catch((e: unknown) => e);
			expect(refused, `${field}=${value}`).toBeInstanceOf(ValidationError);
			expect((refused as ValidationError).problems, `${field}=${value}`).toEqual([{ field, message }]);
		}
		expect(await cadenceEvents()).toHaveLength(2);
		// 1 and 366 are the bounds themselves.
		await setCadencesFromForm(ctx(lead), 'ZB1', { devices: '1', training: '366' });
		expect((await getOrganisationSettingsPage(ctx(lead), 'ZB1')).cadences.slice(0, 2).map((c) => c.days)).toEqual([1, 366]);
	});

	it('lets the board read the figures but not the settings, and shows another trust nothing', async () => {
		const board = await demoUser('board@demo.beacon.invalid');
		await expect(getOrganisationSettingsPage(ctx(board), 'ZB1')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(setCadencesFromForm(ctx(board), 'ZB1', { devices: '10' })).rejects.toBeInstanceOf(ForbiddenError);
		const lead = await demoUser('it.lead@demo.beacon.invalid');
		await expect(getOrganisationSettingsPage(ctx(lead), 'ZB2')).rejects.toBeInstanceOf(NotFoundError);
		const admin = await demoUser('admin@demo.beacon.invalid');
		expect((await getOrganisationSettingsPage(ctx(admin), 'ZB2')).org.ods).toBe('ZB2');
	});
});
