import type { Kysely } from 'kysely';
import { inTransaction, type ServiceContext } from '../context';
import type { DB } from '../db/schema';
import * as q from './rollup-queries';

/** Organisations whose refresh waits for the end of a bulk load, per open transaction (see deferRollupRefresh). */
const deferred = new WeakMap<Kysely<DB>, Set<number>>();

/**
 * Rebuild an organisation's monthly rollup from its raw rows (rollup-queries.ts says what each figure
 * means). Callers are the services that change those rows, after their authorization and inside their
 * transaction, so a change and its rollup commit or roll back together. Returns the months written (0 when
 * the refresh is deferred to the end of a bulk load).
 */
export async function refreshMonthlyRollup(ctx: ServiceContext, organisationId: number): Promise<number> {
	const waiting = deferred.get(ctx.db);
	if (waiting) {
		waiting.add(organisationId);
		return 0;
	}
	return inTransaction(ctx, (tx) => q.refreshMonthlyRollup(tx.db, organisationId));
}

/**
 * Run a bulk load (the demo seed: many service calls per organisation) in one transaction, refreshing each
 * organisation's rollup once at the end instead of after every call.
 */
export async function deferRollupRefresh<T>(ctx: ServiceContext, load: (ctx: ServiceContext) => Promise<T>): Promise<T> {
	return inTransaction(ctx, async (tx) => {
		if (deferred.has(tx.db)) return load(tx);
		const waiting = new Set<number>();
		deferred.set(tx.db, waiting);
		let result: T;
		try {
			result = await load(tx);
		} finally {
			deferred.delete(tx.db);
		}
		for (const organisationId of waiting) await q.refreshMonthlyRollup(tx.db, organisationId);
		return result;
	});
}
