import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { resolveFinding } from '../../src/lib/server/assurance/findings';
import { getAssuranceRegister } from '../../src/lib/server/assurance/service';
import { today } from '../../src/lib/server/db/day';
import { createMigrator, migrateToLatest } from '../../src/lib/server/db/migrate';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

/** Migration 20261209100000 on findings made before it: each becomes a first version, from the day it was raised. */
let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: systemActor('test') });

beforeAll(async () => {
	database = await openTestDatabase();
	await createOrganisation(ctx(), { ods: 'ZF1', name: 'Finding History Trust', kind: 'trust' });
	const { error } = await createMigrator(database.db).migrateTo('20261208110000_create_plan_history');
	if (error) throw error;
	const org = await database.db.selectFrom('organisation').select('id').where('ods_code', '=', 'ZF1').executeTakeFirstOrThrow();
	const finding = (reference: string, raisedOn: string, createdAt: string, remediatedOn: string | null) => ({
		organisation_id: org.id,
		reference,
		title: `Finding ${reference}`,
		severity: 'high' as const,
		raised_on: raisedOn,
		due_on: '2026-12-31',
		status: remediatedOn ? ('remediated' as const) : ('open' as const),
		remediated_on: remediatedOn,
		created_at: new Date(createdAt),
		updated_at: new Date(createdAt)
	});
	await database.db
		.insertInto('assurance_finding')
		.values([
			// Raised in summer (BST), imported in the autumn: stands from midnight on 1 June in London, 23:00 UTC on 31 May.
			finding('F-1', '2025-06-01', '2025-10-01T09:00:00Z', '2025-07-01'),
			// Typed in on the morning it was raised, in winter: stands from midnight on 10 January (GMT).
			finding('F-2', '2026-01-10', '2026-01-10T09:30:00Z', null)
		])
		.execute();
	await migrateToLatest(database.db);
}, 120_000);
afterAll(async () => {
	await database?.close();
});

describe(`migration 20261209100000 on findings made before it, on ${testBackend()}`, () => {
	it('makes each finding a first version with its values, valid from the start of the day it was raised', async () => {
		const { rows } = await sql<{ reference: string; status: string; valid_from: Date; valid_to: Date | null }>`
			select reference, status, valid_from, valid_to from assurance_finding_history order by reference`.execute(database.db);
		expect(rows.map((r) => ({ ...r, valid_from: new Date(r.valid_from).toISOString() }))).toEqual([
			{ reference: 'F-1', status: 'remediated', valid_from: '2025-05-31T23:00:00.000Z', valid_to: null },
			{ reference: 'F-2', status: 'open', valid_from: '2026-01-10T00:00:00.000Z', valid_to: null }
		]);
	});

	it('reads the register as it stood: a finding reopened today is still remediated as of the autumn before', async () => {
		await resolveFinding(ctx(), 'ZF1', 'F-1', { status: 'open' });
		const then = await getAssuranceRegister(ctx(), 'ZF1', '2025-09-30');
		expect(then.findings.map((f) => [f.reference, f.status, f.remediatedOn])).toEqual([['F-1', 'remediated', '2025-07-01']]);
		const now = await getAssuranceRegister(ctx(), 'ZF1', today());
		expect(now.findings.map((f) => [f.reference, f.status, f.remediatedOn])).toEqual([
			['F-1', 'open', null],
			['F-2', 'open', null]
		]);
		// Rolled back, the history goes with its table.
		const { error } = await createMigrator(database.db).migrateTo('20261208110000_create_plan_history');
		expect(error).toBeUndefined();
		const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'assurance_finding_history'`.execute(
			database.db
		);
		expect(tables.rows[0]!.n).toBe(0);
	});
});
