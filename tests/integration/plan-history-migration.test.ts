import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { createMigrator, migrateToLatest } from '../../src/lib/server/db/migrate';
import { loadFramework } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { getImprovementPlan } from '../../src/lib/server/assessment/page';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const CAF = fileURLToPath(new URL('../../data/frameworks/dspt-caf-2024-25.json', import.meta.url));
let database: TestDatabase;
const ctx = () => ({ db: database.db, actor: systemActor('test') });

beforeAll(async () => {
	database = await openTestDatabase();
	await loadFramework(ctx(), CAF);
	await createOrganisation(ctx(), { ods: 'ZM1', name: 'Migration Test Trust', kind: 'trust' });
	// Back to the schema before the history existed, with rows made then.
	const { error } = await createMigrator(database.db).migrateTo('20261207130100_create_import_rejection');
	if (error) throw error;
	const db = database.db;
	const org = await db.selectFrom('organisation').select('id').where('ods_code', '=', 'ZM1').executeTakeFirstOrThrow();
	const framework = await db.selectFrom('framework').select('id').where('code', '=', 'dspt-caf').where('edition', '=', '2024-25').executeTakeFirstOrThrow();
	const item = (code: string) =>
		db.selectFrom('framework_item').select('id').where('framework_id', '=', framework.id).where('code', '=', code).executeTakeFirstOrThrow();
	const [a1a, b2a] = await Promise.all([item('A1.a'), item('B2.a')]);
	const assessment = await db
		.insertInto('assessment')
		.values({ organisation_id: org.id, framework_id: framework.id })
		.returning('id')
		.executeTakeFirstOrThrow();
	const response = await db
		.insertInto('assessment_response')
		.values({
			assessment_id: assessment.id,
			framework_item_id: a1a.id,
			self_level: 'achieved',
			rationale: 'Written in May',
			updated_at: new Date('2025-05-01T09:00:00Z')
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const made = new Date('2025-01-10T09:00:00Z');
	const action = (title: string, status: 'open' | 'completed', completedOn: string | null) => ({
		organisation_id: org.id,
		assessment_id: assessment.id,
		framework_item_id: b2a.id,
		title,
		owner: 'SIRO',
		due_on: '2025-09-30',
		status,
		completed_on: completedOn,
		created_at: made,
		updated_at: made
	});
	await db
		.insertInto('improvement_action')
		.values([action('Completed in June', 'completed', '2025-06-15'), action('Still open', 'open', null)])
		.execute();
	await db
		.insertInto('evidence_file')
		.values({
			organisation_id: org.id,
			assessment_response_id: response.id,
			file_name: 'minutes.pdf',
			media_type: 'application/pdf',
			size_bytes: 8,
			sha256: 'a'.repeat(64),
			content: Buffer.from('%PDF-1.4'),
			uploaded_at: new Date('2025-02-01T09:00:00Z')
		})
		.execute();
	await db
		.insertInto('approved_messaging_app')
		.values({ organisation_id: org.id, name: 'Siilo', added_at: new Date('2024-12-01T09:00:00Z') })
		.execute();
	await migrateToLatest(db);
}, 120_000);
afterAll(async () => {
	await database?.close();
});

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

describe(`migrating rows made before the history existed, on ${testBackend()}`, () => {
	it('makes each current row a version valid from its creation or last update; a completed action was open until its day', async () => {
		const actions = await sql<{ title: string; status: string; valid_from: Date; valid_to: Date | null }>`
			select title, status, valid_from, valid_to from improvement_action_history order by title, valid_from`.execute(database.db);
		expect(actions.rows.map((r) => [r.title, r.status, iso(r.valid_from), iso(r.valid_to)])).toEqual([
			// Midnight starting 15 June 2025 in London (BST) is 23:00 UTC the day before.
			['Completed in June', 'open', '2025-01-10T09:00:00.000Z', '2025-06-14T23:00:00.000Z'],
			['Completed in June', 'completed', '2025-06-14T23:00:00.000Z', null],
			['Still open', 'open', '2025-01-10T09:00:00.000Z', null]
		]);
		const responses = await sql<{ rationale: string; valid_from: Date }>`select rationale, valid_from from assessment_response_history`.execute(database.db);
		expect(responses.rows.map((r) => [r.rationale, iso(r.valid_from)])).toEqual([['Written in May', '2025-05-01T09:00:00.000Z']]);
		const evidence = await sql<{ file_name: string; valid_from: Date }>`select file_name, valid_from from evidence_file_history`.execute(database.db);
		expect(evidence.rows.map((r) => [r.file_name, iso(r.valid_from)])).toEqual([['minutes.pdf', '2025-02-01T09:00:00.000Z']]);
		const apps = await sql<{ name: string; valid_from: Date }>`select name, valid_from from approved_messaging_app_history`.execute(database.db);
		expect(apps.rows.map((r) => [r.name, iso(r.valid_from)])).toEqual([['Siilo', '2024-12-01T09:00:00.000Z']]);
	});

	it('so the plan as of a date before the completion shows the action open', async () => {
		const status = async (asOf: string) => (await getImprovementPlan(ctx(), 'ZM1', '2024-25', asOf)).actions.map((a) => [a.title, a.status]);
		expect(await status('2025-01-09')).toEqual([]);
		expect(await status('2025-06-14')).toEqual([
			['Completed in June', 'open'],
			['Still open', 'open']
		]);
		expect(await status('2025-06-15')).toEqual([
			['Completed in June', 'completed'],
			['Still open', 'open']
		]);
	});
});
