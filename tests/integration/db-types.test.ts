import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENUM_COLUMNS, generateDbTypes } from '../../scripts/db-types';
import { openTestDatabase, testBackend, type TestDatabase } from './helpers/database';

const SCHEMA_FILE = new URL('../../src/lib/server/db/schema.ts', import.meta.url);

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

/** Each column a CHECK constraint limits to a list ("col in ('a', 'b')", which Postgres keeps as "col = ANY (ARRAY[…])"), with its values. */
async function checkListedColumns(): Promise<Record<string, string[]>> {
	const result = await sql<{ table_name: string; definition: string }>`
		select c.conrelid::regclass::text as table_name, pg_get_constraintdef(c.oid) as definition
		from pg_constraint c join pg_namespace n on n.oid = c.connamespace
		where n.nspname = current_schema() and c.contype = 'c'`.execute(database.db);
	const columns: Record<string, string[]> = {};
	for (const { table_name, definition } of result.rows) {
		for (const [, column, list] of definition.matchAll(/\(?(\w+) = ANY \(\(?ARRAY\[([^\]]*)\]/g)) {
			const values = [...(list ?? '').matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? '').replaceAll("''", "'"));
			columns[`${table_name}.${column}`] = values;
		}
	}
	return columns;
}

describe(`generated database types on ${testBackend()}`, () => {
	it('schema.ts is what the migrations generate', async () => {
		const generated = await generateDbTypes(database.db);
		const committed = readFileSync(SCHEMA_FILE, 'utf8');
		expect(generated, 'src/lib/server/db/schema.ts has fallen behind the migrations (or db-types.ts): run `npm run db:types`').toBe(committed);
	});

	it('types every column whose CHECK constraint lists its values with a union of exactly those values', async () => {
		const listed = await checkListedColumns();
		expect(Object.keys(listed).length).toBeGreaterThanOrEqual(29);
		expect(Object.keys(ENUM_COLUMNS).sort(), 'every CHECK-listed column has a union in scripts/db-types.ts, and no other').toEqual(Object.keys(listed).sort());
		for (const [path, { type, values }] of Object.entries(ENUM_COLUMNS)) {
			expect([...values].sort(), `${type} (${path}) holds the values of its CHECK constraint`).toEqual([...(listed[path] ?? [])].sort());
		}
	});
});
