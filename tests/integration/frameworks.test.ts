import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/lib/server/auth/actor';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/lib/server/errors';
import { listFrameworks, loadFramework, loadShippedFrameworks } from '../../src/lib/server/frameworks/service';
import { createOrganisation } from '../../src/lib/server/organisations/service';
import { checksumTables } from './helpers/checksum';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const SHIPPED = fileURLToPath(new URL('../../data/frameworks', import.meta.url));
const CAF = path.join(SHIPPED, 'dspt-caf-2024-25.json');
const NDG = path.join(SHIPPED, 'dspt-ndg-2023-24.json');
const SYSTEM = systemActor('test');

let database: TestDatabase;
let dir: string;
const ctx = () => ({ db: database.db, actor: SYSTEM });
/** A copy of the shipped CAF file with an edit, under the same name. */
function editedCaf(edit: (json: any) => void, name = 'dspt-caf-2024-25.json'): string {
	const json = JSON.parse(readFileSync(CAF, 'utf8'));
	edit(json);
	const file = path.join(dir, name);
	writeFileSync(file, JSON.stringify(json, null, '\t'));
	return file;
}

beforeAll(async () => {
	database = await openTestDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'beacon-frameworks-'));
});
afterAll(async () => {
	await database?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe(`framework editions on ${testBackend()}`, () => {
	it('loads the CAF-aligned 2024-25 toolkit as a tree with profiles, the hard gate and data rules', async () => {
		const report = await loadFramework(ctx(), CAF);
		expect(report).toMatchObject({
			code: 'dspt-caf',
			edition: '2024-25',
			generation: 'caf',
			status: 'loaded',
			items: 70,
			counts: { objective: 5, principle: 18, outcome: 47 }
		});
		expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
		const perObjective = await sql<{ code: string; n: number }>`
			select o.code, count(*)::int as n
			from framework_item oc
			join framework_item p on p.id = oc.parent_id and p.item_type = 'principle'
			join framework_item o on o.id = p.parent_id and o.item_type = 'objective'
			where oc.item_type = 'outcome'
			group by o.code order by o.code`.execute(database.db);
		expect(perObjective.rows).toEqual([
			{ code: 'A', n: 7 },
			{ code: 'B', n: 20 },
			{ code: 'C', n: 7 },
			{ code: 'D', n: 5 },
			{ code: 'E', n: 8 }
		]);
		const b2a = await database.db.selectFrom('framework_item').selectAll().where('code', '=', 'B2.a').executeTakeFirstOrThrow();
		expect(b2a).toMatchObject({ item_type: 'outcome', profile_level: 'partially_achieved', profile_source: 'published', allows_partial: true, data_rules: [] });
		expect(b2a.hard_gate).toMatch(/multi-factor authentication/);
		const published = await database.db.selectFrom('framework_item').select('code').where('profile_source', '=', 'published').orderBy('code').execute();
		expect(published.map((r) => r.code)).toEqual(['B2.a', 'B4.a', 'B5.a', 'C1.a', 'E1.a']);
		const b6b = await database.db.selectFrom('framework_item').select(['data_rules', 'sort_order']).where('code', '=', 'B6.b').executeTakeFirstOrThrow();
		const fromFile = JSON.parse(readFileSync(CAF, 'utf8')).outcomes.find((o: { code: string }) => o.code === 'B6.b');
		expect(b6b.data_rules).toEqual(fromFile.dataRules);
		expect(b6b.sort_order).toBe(27);
	});

	it('loads the NDG 2023-24 toolkit with its mandatory evidence items', async () => {
		const report = await loadFramework(ctx(), NDG);
		expect(report).toMatchObject({ code: 'dspt-ndg', edition: '2023-24', generation: 'ndg', status: 'loaded', counts: { standard: 10, evidence_item: 3 } });
		const item = await database.db
			.selectFrom('framework_item as i')
			.innerJoin('framework_item as a', 'a.id', 'i.parent_id')
			.innerJoin('framework_item as s', 's.id', 'a.parent_id')
			.select(['i.is_mandatory', 'i.data_rules', 'a.code as assertion', 's.code as standard', 's.title as standard_title'])
			.where('i.code', '=', '3.2.1')
			.executeTakeFirstOrThrow();
		expect(item).toMatchObject({ is_mandatory: true, assertion: '3.2', standard: '3', standard_title: 'Training' });
		expect(item.data_rules).toEqual([expect.objectContaining({ metric: 'training.completionRate', levels: [{ level: 'achieved', atLeast: 0.95 }] })]);
		const events = await database.db.selectFrom('audit_event').select('action').where('action', 'like', 'framework.%').execute();
		expect(events.map((e) => e.action)).toEqual(['framework.load', 'framework.load']);
	});

	it('lists the editions loaded with their item counts', async () => {
		const list = await listFrameworks(ctx());
		expect(list.map(({ code, edition, generation, items, assessableItems }) => ({ code, edition, generation, items, assessableItems }))).toEqual([
			{ code: 'dspt-caf', edition: '2024-25', generation: 'caf', items: 70, assessableItems: 47 },
			{ code: 'dspt-ndg', edition: '2023-24', generation: 'ndg', items: 44, assessableItems: 3 }
		]);
		expect(list[0]?.source).toMatch(/assumed/);
	});

	it('says "unchanged" and changes nothing when the same edition comes again with the same content', async () => {
		const before = await checksumTables(database.db);
		expect((await loadFramework(ctx(), CAF)).status).toBe('unchanged');
		// The same bytes under another name are the same content.
		mkdirSync(path.join(dir, 'copy'), { recursive: true });
		copyFileSync(NDG, path.join(dir, 'copy', 'ndg.json'));
		expect((await loadFramework(ctx(), path.join(dir, 'copy', 'ndg.json'))).status).toBe('unchanged');
		expect(await loadShippedFrameworks(ctx())).toEqual([expect.objectContaining({ status: 'unchanged' }), expect.objectContaining({ status: 'unchanged' })]);
		expect(await checksumTables(database.db)).toEqual(before);
	});

	it('rejects a malformed file with its path, and the database is unchanged', async () => {
		const before = await checksumTables(database.db);
		const bad = editedCaf((j) => (j.outcomes[3].profile.level = 'mostly'), 'bad.json');
		const error = await loadFramework(ctx(), bad).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as Error).message).toMatch(/^invalid framework file bad\.json:\nbad\.json: outcomes\[3\]\.profile\.level: /);
		writeFileSync(path.join(dir, 'not-json.json'), '{ "code": ');
		await expect(loadFramework(ctx(), path.join(dir, 'not-json.json'))).rejects.toThrow(/not-json\.json: \(file\): not valid JSON/);
		expect(await checksumTables(database.db)).toEqual(before);
	});

	it('lets only an administrator load a framework', async () => {
		const board = { kind: 'user' as const, userId: 1, email: 'b@x.nhs.uk', name: 'B', grants: [{ role: 'board' as const, organisationId: 1, ods: 'X' }] };
		await expect(loadFramework({ db: database.db, actor: board }, CAF)).rejects.toBeInstanceOf(ForbiddenError);
		expect(await listFrameworks({ db: database.db, actor: board })).toHaveLength(2);
	});

	it('replaces the items of an edition nobody uses yet when its content changes', async () => {
		const changed = editedCaf((j) => (j.outcomes[0].title = 'Board direction (revised)'));
		const report = await loadFramework(ctx(), changed);
		expect(report).toMatchObject({ status: 'replaced', items: 70 });
		const rows = await database.db
			.selectFrom('framework_item as i')
			.innerJoin('framework as f', 'f.id', 'i.framework_id')
			.select(['i.title'])
			.where('f.code', '=', 'dspt-caf')
			.where('i.code', '=', 'A1.a')
			.execute();
		expect(rows).toEqual([{ title: 'Board direction (revised)' }]);
		const framework = await database.db.selectFrom('framework').select(['definition_sha256']).where('code', '=', 'dspt-caf').executeTakeFirstOrThrow();
		expect(framework.definition_sha256).toBe(report.sha256);
		// Start-up keeps what is loaded rather than undo an administrator's change.
		const shipped = await loadShippedFrameworks(ctx());
		expect(shipped.map((r) => r.status)).toEqual(['kept', 'unchanged']);
	});

	it('refuses to replace an edition an assessment uses, and changes nothing', async () => {
		await createOrganisation(ctx(), { ods: 'RQX', name: 'Example Trust', kind: 'trust' });
		await sql`insert into assessment (organisation_id, framework_id)
			select o.id, f.id from organisation o, framework f where o.ods_code = 'RQX' and f.code = 'dspt-caf'`.execute(database.db);
		const before = await checksumTables(database.db);
		const error = await loadFramework(ctx(), CAF).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConflictError);
		expect((error as Error).message).toMatch(
			/dspt-caf 2024-25 is already loaded with different content and is in use \(1 assessment\(s\), 0 improvement action\(s\)\)/
		);
		expect(await checksumTables(database.db)).toEqual(before);
		// The identical content is still "already loaded", in use or not.
		expect((await loadFramework(ctx(), path.join(dir, 'dspt-caf-2024-25.json'))).status).toBe('unchanged');
	});
});
