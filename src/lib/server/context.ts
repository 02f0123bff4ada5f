import type { Kysely } from 'kysely';
import type { DB } from './db/schema';

/** What every service call receives: the database (or the open transaction) to work in. */
export interface ServiceContext {
	db: Kysely<DB>;
}

/** Run fn in a transaction, joining the caller's if there is one already. */
export async function inTransaction<T>(ctx: ServiceContext, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
	if (ctx.db.isTransaction) return fn(ctx);
	return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}
