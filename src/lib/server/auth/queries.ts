import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { ThrottleState } from './throttle';

export async function selectThrottles(db: Kysely<DB>, keys: string[], lock = false): Promise<Map<string, ThrottleState>> {
	let query = db.selectFrom('sign_in_throttle').selectAll().where('throttle_key', 'in', keys);
	if (lock) query = query.forUpdate();
	const rows = await query.execute();
	return new Map(rows.map((r) => [r.throttle_key, { failures: r.failures, lastFailureAt: r.last_failure_at, blockedUntil: r.blocked_until }]));
}

export function upsertThrottle(db: Kysely<DB>, key: string, state: ThrottleState) {
	const values = { failures: state.failures, last_failure_at: state.lastFailureAt, blocked_until: state.blockedUntil };
	return db
		.insertInto('sign_in_throttle')
		.values({ throttle_key: key, ...values })
		.onConflict((oc) => oc.column('throttle_key').doUpdateSet(values))
		.execute();
}

/** Make sure the rows exist, so they can be locked while a failure is counted. */
export function ensureThrottles(db: Kysely<DB>, keys: string[], now: Date) {
	return db
		.insertInto('sign_in_throttle')
		.values(keys.map((key) => ({ throttle_key: key, failures: 0, last_failure_at: now })))
		.onConflict((oc) => oc.column('throttle_key').doNothing())
		.execute();
}

export function deleteThrottle(db: Kysely<DB>, key: string) {
	return db.deleteFrom('sign_in_throttle').where('throttle_key', '=', key).execute();
}

/** The signed-in user and their grants in one round trip: what every request re-reads. */
export function selectSessionUser(db: Kysely<DB>, userId: number) {
	return db
		.selectFrom('app_user as u')
		.leftJoin('role_grant as g', 'g.user_id', 'u.id')
		.leftJoin('organisation as o', 'o.id', 'g.organisation_id')
		.select(['u.id', 'u.email', 'u.display_name', 'u.is_active', 'u.session_epoch', 'g.role', 'g.organisation_id', 'o.ods_code'])
		.where('u.id', '=', userId)
		.execute();
}
