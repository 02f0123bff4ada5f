import type { Kysely } from 'kysely';
import type { Actor } from './auth/actor';
import type { DB } from './db/schema';
import type { OrganisationRow } from './organisations/queries';

/** What every service call receives: the database (or the open transaction) and who is acting. */
export interface ServiceContext {
	db: Kysely<DB>;
	actor: Actor;
	/**
	 * The instant a change is recorded at in the plan's and assessment's history (default: now). Tests that
	 * record a story and read it as of a date in the past set it; nothing a request sends can.
	 */
	clock?: () => Date;
	/**
	 * Organisation rows already read, by ODS code, kept for one request that only reads (a GET): its route
	 * check, its frame and its page each ask for the organisation, and read it once. Absent elsewhere.
	 */
	organisationRows?: Map<string, Promise<OrganisationRow | undefined>>;
}

/** When a change made now is recorded as made: the context's clock, else now. */
export function changedAt(ctx: ServiceContext): Date {
	return ctx.clock?.() ?? new Date();
}

/** Run fn in a transaction, joining the caller's if there is one already. */
export async function inTransaction<T>(ctx: ServiceContext, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
	if (ctx.db.isTransaction) return fn(ctx);
	return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}
