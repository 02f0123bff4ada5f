import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
	await sql`create table probe (n integer not null, who text not null)`.execute(database.db);
});
afterAll(async () => {
	await database?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The transaction rules must hold on both drivers; on PGlite they rest on the dialect's single-connection mutex.
describe(`transactions on ${testBackend()}`, () => {
	it('never interleaves two concurrent transactions', async () => {
		const { db } = database;
		const log: string[] = [];
		const run = (who: string) =>
			db.transaction().execute(async (trx) => {
				for (let i = 0; i < 3; i++) {
					const max = await sql<{ m: number | null }>`select max(n) as m from probe`.execute(trx);
					await pause(5);
					await sql`insert into probe (n, who) values (${(max.rows[0]?.m ?? 0) + 1}, ${who})`.execute(trx);
					log.push(who);
				}
			});
		// On PostgreSQL two connections really run at once: serialise them the way a service would, with a lock.
		if (testBackend() === 'postgres') {
			const locked = (who: string) =>
				db.transaction().execute(async (trx) => {
					await sql`lock table probe in exclusive mode`.execute(trx);
					for (let i = 0; i < 3; i++) {
						const max = await sql<{ m: number | null }>`select max(n) as m from probe`.execute(trx);
						await pause(5);
						await sql`insert into probe (n, who) values (${(max.rows[0]?.m ?? 0) + 1}, ${who})`.execute(trx);
						log.push(who);
					}
				});
			await Promise.all([locked('a'), locked('b')]);
		} else {
			await Promise.all([run('a'), run('b')]);
		}
		expect(['aaabbb', 'bbbaaa']).toContain(log.join(''));
		const rows = await db
			.selectFrom('probe' as never)
			.select(['n' as never])
			.orderBy('n' as never)
			.execute();
		expect(rows.map((r) => (r as { n: number }).n)).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('makes a query outside a transaction wait until the transaction ends (PGlite) or not see it (PostgreSQL)', async () => {
		const { db } = database;
		await sql`delete from probe`.execute(db);
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const tx = db.transaction().execute(async (trx) => {
			await sql`insert into probe (n, who) values (1, 'tx')`.execute(trx);
			await held;
			throw new Error('roll back');
		});
		await pause(20);
		const outside = sql<{ c: number }>`select count(*)::int as c from probe`.execute(db);
		await pause(20);
		release();
		await expect(tx).rejects.toThrow('roll back');
		expect((await outside).rows[0]?.c).toBe(0);
	});

	it('rolls back everything a failed transaction wrote', async () => {
		const { db } = database;
		await sql`delete from probe`.execute(db);
		await expect(
			db.transaction().execute(async (trx) => {
				await sql`insert into probe (n, who) values (1, 'x')`.execute(trx);
				await sql`insert into probe (n, who) values (null, 'y')`.execute(trx);
			})
		).rejects.toThrow();
		const after = await sql<{ c: number }>`select count(*)::int as c from probe`.execute(db);
		expect(after.rows[0]?.c).toBe(0);
	});
});
