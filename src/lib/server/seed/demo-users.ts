import type { Role } from '../../schemas/user';
import type { ServiceContext } from '../context';
import { deriveSecret } from '../secrets';
import { createUser } from '../users/service';
import { findUserByEmail } from '../users/queries';

/** One demo user per role, for the embedded demo only. The addresses use a reserved domain (.invalid). */
export const DEMO_USERS: readonly { email: string; name: string; role: Role; ods?: string }[] = [
	{ email: 'admin@demo.beacon.invalid', name: 'Alex Admin (demo)', role: 'admin' },
	{ email: 'it.lead@demo.beacon.invalid', name: 'Indira Lead (demo)', role: 'it_lead', ods: 'ZB1' },
	{ email: 'board@demo.beacon.invalid', name: 'Bola Board (demo)', role: 'board', ods: 'ZB1' },
	{ email: 'regulator@demo.beacon.invalid', name: 'Rhys Regulator (demo)', role: 'regulator', ods: 'ZB0' },
	{ email: 'assessor@demo.beacon.invalid', name: 'Ama Assessor (demo)', role: 'assessor', ods: 'ZB1' }
];

/**
 * Each demo user's password, derived from this installation's secret: the same on every start (so it can be
 * printed), different on every installation (so nobody can sign in to someone else's demo with it).
 */
export function demoPassword(email: string): string {
	return deriveSecret('demo-password', email).slice(0, 20);
}

/** Create the demo users that do not exist yet; returns how many were created. */
export async function seedDemoUsers(ctx: ServiceContext): Promise<number> {
	let created = 0;
	for (const u of DEMO_USERS) {
		if (await findUserByEmail(ctx.db, u.email)) continue;
		await createUser(ctx, { email: u.email, name: u.name, password: demoPassword(u.email), grant: { role: u.role, ods: u.ods } });
		created += 1;
	}
	return created;
}
