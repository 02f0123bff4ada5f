import { sql, type Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { createInvestment } from '../../src/lib/server/spend/service';
import { migrations } from '../../migrations/index';
import { migrateDown, migrateToLatest } from '../../src/lib/server/db/migrate';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';
import { systemActor } from '../../src/lib/server/auth/actor';
import type { Incident } from '../../src/lib/server/db/schema';

const SYSTEM = systemActor('test');

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe(`database on ${testBackend()}`, () => {
	it('returns bigint money as an exact number, dates as YYYY-MM-DD and instants as Date', async () => {
		const { db } = database;
		await createOrganisation({ db, actor: SYSTEM }, { ods: 'TYP', name: 'Types Trust', kind: 'trust' });
		await createInvestment({ db, actor: SYSTEM }, 'TYP', { name: 'Big', category: 'mdm', goLiveOn: '2025-03-31', annualCostPence: 900_719_925_474_099 });
		const row = await db.selectFrom('investment').select(['annual_cost_pence', 'go_live_on', 'created_at', 'id']).executeTakeFirstOrThrow();
		expect(row.annual_cost_pence).toBe(900_719_925_474_099);
		expect(typeof row.id).toBe('number');
		expect(row.go_live_on).toBe('2025-03-31');
		expect(row.created_at).toBeInstanceOf(Date);
		const count = await db
			.selectFrom('investment')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(count.n).toBe(1);
		const ratio = await sql<{ r: number }>`select 2::numeric / 3 as r`.execute(db);
		expect(ratio.rows[0]?.r).toBeCloseTo(0.6667, 4);
	});

	it('refuses a bigint beyond the exact range instead of rounding it', async () => {
		await expect(sql`select 9007199254740993::bigint as n`.execute(database.db)).rejects.toThrow(/safe integer/);
	});

	it('enforces ranges and enumerations in CHECK constraints, by name', async () => {
		const { db } = database;
		await createOrganisation({ db, actor: SYSTEM }, { ods: 'CHK', name: 'Check Trust', kind: 'trust' });
		const org = await db.selectFrom('organisation').select('id').where('ods_code', '=', 'CHK').executeTakeFirstOrThrow();
		const incident: Insertable<Incident> = {
			organisation_id: org.id,
			reference: 'X1',
			detected_at: new Date(),
			breach_type: 'confidentiality',
			category: 'phishing',
			likelihood: 7,
			severity: 2,
			is_ico_reportable: false,
			is_dhsc_reportable: false
		};
		await expect(db.insertInto('incident').values(incident).execute()).rejects.toThrow(/incident_likelihood_ck/);
		await expect(
			db.insertInto('spend_line').values({ organisation_id: org.id, spent_on: '2025-01-01', category: 'mdm', expense_type: 'opex', amount_pence: -1 }).execute()
		).rejects.toThrow(/spend_line_amount_ck/);
		await expect(db.insertInto('organisation').values({ ods_code: 'bad code', name: 'x', kind: 'trust' }).execute()).rejects.toThrow(
			/organisation_ods_code_ck/
		);
	});

	it('names every constraint after its table', async () => {
		const result = await sql<{ table_name: string; conname: string }>`
			select c.conrelid::regclass::text as table_name, c.conname
			from pg_constraint c join pg_namespace n on n.oid = c.connamespace
			where n.nspname = current_schema() and c.conrelid <> 0 and c.contype <> 'n'
				and c.conrelid::regclass::text not like 'kysely_%'`.execute(database.db);
		expect(result.rows.length).toBeGreaterThan(80);
		const misnamed = result.rows.filter((r) => !r.conname.startsWith(`${r.table_name}_`) && !(r.table_name === 'device' && r.conname.startsWith('device_')));
		expect(misnamed).toEqual([]);
	});

	it('undoes every migration with down() and applies them all again', async () => {
		const own = await openTestDatabase();
		try {
			const tables = async () =>
				(
					await sql<{
						n: number;
					}>`select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_name not like 'kysely_%'`.execute(own.db)
				).rows[0]?.n;
			const count = Object.keys(migrations).length;
			const before = await tables();
			expect(before).toBeGreaterThanOrEqual(23);
			for (let i = 0; i < count; i++) await migrateDown(own.db);
			expect(await tables()).toBe(0);
			const { applied } = await migrateToLatest(own.db);
			expect(applied).toHaveLength(count);
			expect(await tables()).toBe(before);
		} finally {
			await own.close();
		}
	});
});
