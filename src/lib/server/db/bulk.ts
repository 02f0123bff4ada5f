import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from './schema';

const ROWS_PER_STATEMENT = 10_000;
const columnTypeCache = new Map<string, Map<string, string>>();

/**
 * Insert many rows built in code, as `INSERT … SELECT FROM unnest($1::type[], $2::type[], …)`: one
 * array parameter per column, so a statement carries ten thousand rows with a handful of parameters and
 * the server parses it once. Several times faster than multi-row VALUES on both PostgreSQL and PGlite.
 * Every row must have the same keys as the first. Call it inside a transaction when rows must land
 * together. (Whole-file imports use COPY.)
 */
export async function bulkInsert<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
	const first = rows[0] as Record<string, unknown> | undefined;
	if (!first) return;
	const columns = Object.keys(first);
	const types = await columnTypes(db, table);
	const casts = columns.map((c) => {
		const type = types.get(c);
		if (!type) throw new Error(`bulkInsert: ${table} has no column ${c}`);
		if (type.startsWith('_')) throw new Error(`bulkInsert: array column ${table}.${c} cannot be unnested; insert it row by row`);
		return sql.raw(`${type}[]`);
	});
	for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
		const chunk = rows.slice(start, start + ROWS_PER_STATEMENT) as Record<string, unknown>[];
		const arrays = columns.map((c, i) => sql`${chunk.map((row) => row[c] ?? null)}::${casts[i]}`);
		await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
			select * from unnest(${sql.join(arrays)})`.execute(db);
	}
}

async function columnTypes(db: Kysely<DB>, table: string): Promise<Map<string, string>> {
	const cached = columnTypeCache.get(table);
	if (cached) return cached;
	const result = await sql<{ column_name: string; udt_name: string }>`
		select column_name, udt_name from information_schema.columns
		where table_schema = current_schema() and table_name = ${table}`.execute(db);
	const types = new Map(result.rows.map((r) => [r.column_name, r.udt_name]));
	columnTypeCache.set(table, types);
	return types;
}
