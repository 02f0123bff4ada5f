import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { loadActor } from '../../src/lib/server/auth/sign-in';
import { listSharedWithMe } from '../../src/lib/server/reports/shared';
import { DEMO_SHARED_PACK, seedDemoSharedPack } from '../../src/lib/server/seed/demo-shared-pack';
import { DEMO_USERS, seedDemoUsers } from '../../src/lib/server/seed/demo-users';
import { findUserByEmail } from '../../src/lib/server/users/queries';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: systemActor('test') });

beforeAll(async () => {
	database = await openTestDatabase('demo');
}, 120_000);
afterAll(async () => {
	await database?.close();
});

describe(`the demo regulator's shared pack on ${testBackend()}`, () => {
	it('is made once the demo users exist: signed off by the board and on the regulator home, never twice', async () => {
		// Without the demo regulator there is nobody to share with.
		expect(await seedDemoSharedPack(ctx())).toBe(false);
		await seedDemoUsers(ctx());
		expect(await seedDemoSharedPack(ctx())).toBe(true);
		const email = DEMO_USERS.find((u) => u.role === 'regulator')!.email;
		const user = await findUserByEmail(database.db, email);
		const regulator = await loadActor({ db: database.db }, user!.id, user!.session_epoch);
		const home = await listSharedWithMe({ db: database.db, actor: regulator! });
		expect(home).toHaveLength(1);
		expect(home[0]).toMatchObject({
			org: { ods: DEMO_SHARED_PACK.ods },
			kind: 'regulator',
			period: DEMO_SHARED_PACK.period,
			signOff: { name: DEMO_USERS.find((u) => u.role === 'board')!.name, role: 'Chair of the Trust Board' }
		});
		expect(await seedDemoSharedPack(ctx())).toBe(false);
		expect(await listSharedWithMe({ db: database.db, actor: regulator! })).toHaveLength(1);
	}, 60_000);
});
