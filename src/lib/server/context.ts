import type { Kysely } from 'kysely';
import type { Actor } from './auth/actor';
import type { DB } from './db/schema';

/** What every service call receives: the database (or the open transaction) and who is acting. */
export interface ServiceContext {
	db: Kysely<DB>;
	actor: Actor;
}

/** Run fn in a transaction, joining the caller's if there is one already. */
export async function inTransaction<T>(ctx: ServiceContext, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
	if (ctx.db.isTransaction) return fn(ctx);
	return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}
